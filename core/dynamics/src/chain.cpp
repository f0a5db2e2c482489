#include "dae/chain.h"

#include "dae/error.h"

#include <cmath>
#include <set>
#include <sstream>

namespace dae {

bool ChainConfig::validate(std::string* why) const {
    std::ostringstream e;
    if (steps < 1 || steps > 10000000)
        e << "chain steps must be 1 … 10⁷ (got " << steps << ")";
    else if (burn_in < 0 || burn_in >= steps)
        e << "the burn-in must be 0 … steps − 1 (got " << burn_in << ")";
    else if (keep_every < 0)
        e << "keep_every must be ≥ 0";
    else if (std::string c; !noise.valid(&c))
        e << "chain noise: " << c;
    if (why) *why = e.str();
    return e.str().empty();
}

ChainResult run_chain(const Autoencoder& model, const Matrix& start, const Judge& judge, const ChainConfig& config,
                      RunObserver* observer) {
    std::string why;
    if (!config.validate(&why)) throw Error("sampling chain: " + why);
    if (start.rows() != model.visible())
        throw Error("sampling chain: the start has " + std::to_string(start.rows()) + " values, the model takes " +
                    std::to_string(model.visible()));
    const Index n = start.cols();
    ChainResult r;
    r.classes.assign(static_cast<std::size_t>(n), {});
    r.confidence.assign(static_cast<std::size_t>(n), {});
    Matrix x = start, noisy, h, o;
    Corrupter corrupter(config.seed);
    IterationStep report;
    report.total = n;
    for (int step = 1; step <= config.steps; ++step) {
        if (observer && observer->stop_requested()) {
            r.cancelled = true;
            break;
        }
        corrupter.apply(config.noise, x, noisy);
        model.reconstruct(noisy, h, o);
        x.swap(o);
        if (judge.trained()) {
            const Matrix p = judge.probabilities(x);
            for (Index c = 0; c < n; ++c) {
                Index best = 0;
                r.confidence[static_cast<std::size_t>(c)].push_back(p.col(c).maxCoeff(&best));
                r.classes[static_cast<std::size_t>(c)].push_back(static_cast<int>(best));
            }
        }
        if (config.keep_every > 0 && step % config.keep_every == 0) {
            r.frame_step.push_back(step);
            r.frames.push_back(x);
        }
        if (observer) {
            report.step = step;
            report.active = n;
            observer->on_iteration(report);
            observer->on_progress({"sampling chain", static_cast<double>(step) / config.steps});
        }
    }
    r.last = x;
    return r;
}

ChainStats chain_stats(const ChainResult& r, int classes, int burn_in) {
    ChainStats s;
    s.class_share.assign(static_cast<std::size_t>(std::max(classes, 1)), 0.0);
    double confidence = 0, counted = 0, switches = 0, runs = 0, visited = 0;
    for (std::size_t c = 0; c < r.classes.size(); ++c) {
        const auto& cls = r.classes[c];
        std::set<int> seen;
        int previous = -1;
        for (std::size_t i = static_cast<std::size_t>(burn_in); i < cls.size(); ++i) {
            const int k = cls[i];
            if (k >= 0 && k < classes) s.class_share[static_cast<std::size_t>(k)] += 1;
            confidence += r.confidence[c][i];
            counted += 1;
            seen.insert(k);
            if (previous < 0 || k != previous) runs += 1;  // a new stay begins
            if (previous >= 0 && k != previous) switches += 1;
            previous = k;
        }
        visited += static_cast<double>(seen.size());
    }
    if (counted == 0) return s;
    s.mean_confidence = confidence / counted;
    double entropy = 0;
    for (double& share : s.class_share) {
        share /= counted;
        if (share > 0) entropy -= share * std::log(share);
    }
    s.balance = classes > 1 ? entropy / std::log(static_cast<double>(classes)) : 0;
    s.switches_per_100 = 100.0 * switches / counted;
    s.mean_dwell = counted / std::max(runs, 1.0);
    s.classes_visited =
        static_cast<int>(std::lround(visited / static_cast<double>(std::max<std::size_t>(r.classes.size(), 1))));
    return s;
}

}  // namespace dae
