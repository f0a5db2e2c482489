#include "dae/dynamics.h"

#include "dae/error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace dae {

namespace {
// The working set is padded with zero columns to a multiple of this width. Eigen's GEMM computes
// a column with the same instruction sequence wherever it sits as long as the width keeps it on
// the full micro-kernel (measured: widths that are not a multiple of 4, and 1-column GEMV, round
// differently), and element-wise passes over n × 16k values have no scalar tail. So a sample's
// trajectory is bit-identical whatever else is in the working set: compaction changes nothing.
constexpr Index kPad = 16;
Index padded(Index m) { return (m + kPad - 1) / kPad * kPad; }
}  // namespace

const char* ending_name(Ending e) {
    switch (e) {
    case Ending::Converged: return "converged";
    case Ending::Cycle: return "cycle";
    case Ending::NotConverged: return "not-converged";
    }
    return "?";
}

const char* stopping_rule_name(StoppingRule r) { return r == StoppingRule::SharedStep ? "shared-step" : "freeze"; }

std::optional<StoppingRule> stopping_rule_from_name(const std::string& name) {
    if (name == "shared-step" || name == "paper") return StoppingRule::SharedStep;
    if (name == "freeze") return StoppingRule::Freeze;
    return std::nullopt;
}

bool IterationConfig::validate(std::string* why) const {
    std::ostringstream e;
    if (!(std::isfinite(epsilon) && epsilon > 0))
        e << "ε must be a positive number (got " << epsilon << ")";
    else if (max_steps < 1 || max_steps > 10000000)
        e << "the step cap must be 1 … 10⁷ (got " << max_steps << ")";
    else if (min_steps < 0 || min_steps > max_steps)
        e << "the minimum steps must be 0 … the step cap (got " << min_steps << ")";
    else if (!(stop_fraction >= 0 && stop_fraction <= 1))
        e << "the stop fraction must be in [0, 1] (got " << stop_fraction << ")";
    else if (cycle_patience < 1)
        e << "the cycle patience must be ≥ 1";
    else if (reference_step < 0)
        e << "the reference step i₀ must be ≥ 0 (got " << reference_step << ")";
    else if (std::string c; !noise.valid(&c))
        e << "noise injection: " << c;
    if (why) *why = e.str();
    return e.str().empty();
}

Index IterationConfig::stop_count(Index n) const {
    const auto more_than = static_cast<Index>(std::floor(stop_fraction * static_cast<double>(n) + 1e-9)) + 1;
    return std::max<Index>(1, std::min(n, more_than));
}

Index IterationResult::converged_count() const {
    Index n = 0;
    for (Ending e : ending)
        n += e == Ending::Converged;
    return n;
}

int IterationResult::reference_frame_step(int reference_step) const {
    int best = frame_step.empty() ? 0 : frame_step.front();
    for (int s : frame_step)
        if (s <= reference_step) best = s;
    return best;
}

std::vector<float> IterationResult::distance_to_reference(Index sample, int reference_step) const {
    std::vector<float> d;
    if (frames.empty()) return d;
    const int i0 = reference_frame_step(reference_step);
    const auto at = std::find(frame_step.begin(), frame_step.end(), i0) - frame_step.begin();
    const auto ref = frames[static_cast<std::size_t>(at)].col(sample);
    for (const Matrix& f : frames)
        d.push_back((f.col(sample) - ref).norm());
    return d;
}

IterationResult iterate(const Autoencoder& model, const Matrix& start, const IterationConfig& config,
                        RunObserver* observer) {
    std::string why;
    if (!config.validate(&why)) throw Error("iteration settings: " + why);
    if (config.keep_all_frames && start.cols() > 256)
        throw Error("keeping every frame is for a few trajectories (≤ 256 samples); use frame_steps for a set");
    if (start.rows() != model.visible())
        throw Error("the samples have " + std::to_string(start.rows()) + " values but the model expects " +
                    std::to_string(model.visible()));
    const Index n = start.cols(), d = start.rows();
    if (config.frame_projection.size() > 0 && config.frame_projection.cols() != d)
        throw Error("the frame projection takes " + std::to_string(config.frame_projection.cols()) +
                    " values but the samples have " + std::to_string(d));
    const bool noisy = config.noise.type != CorruptionType::None && config.noise.level > 0;
    const bool shared = config.rule == StoppingRule::SharedStep;
    const bool compact = !shared && config.compact;
    const auto eps2 = static_cast<Scalar>(config.epsilon * config.epsilon);

    IterationResult r;
    r.fixed_points = start;
    r.ending.assign(static_cast<std::size_t>(n), Ending::NotConverged);
    r.steps.assign(static_cast<std::size_t>(n), 0);
    if (config.keep_step_lengths) r.step_length.resize(static_cast<std::size_t>(n));
    std::vector<int> cycle_run(static_cast<std::size_t>(n), 0);
    std::vector<char> converged_now(static_cast<std::size_t>(n), 0);  // SharedStep: lᵢ < ε at the latest step

    // Working set: columns 0 … m−1 hold the active samples (`who` says which), padded with zeros.
    std::vector<Index> who(static_cast<std::size_t>(n));
    for (Index j = 0; j < n; ++j)
        who[static_cast<std::size_t>(j)] = j;
    std::vector<char> active(static_cast<std::size_t>(n), 1);
    Index m = n;
    Matrix x = Matrix::Zero(d, padded(n)), prev2 = x, input, h, o;
    x.leftCols(n) = start;
    Corrupter corrupter(config.seed);

    auto keep_frame = [&](int step) {
        const bool wanted = config.keep_all_frames || std::find(config.frame_steps.begin(), config.frame_steps.end(),
                                                                step) != config.frame_steps.end();
        if (!wanted) return;
        Matrix f = r.fixed_points;  // samples that left show their fixed point
        for (Index j = 0; j < m; ++j) {
            const Index s = who[static_cast<std::size_t>(j)];
            if (active[static_cast<std::size_t>(s)]) f.col(s) = x.col(j);
        }
        r.frame_step.push_back(step);
        if (config.frame_projection.size() > 0)
            r.frames.emplace_back(config.frame_projection * f);
        else
            r.frames.push_back(std::move(f));
    };
    keep_frame(0);

    IterationStep report;
    report.total = n;
    report.target = config.stop_count(n);
    Index converged = 0;  // Freeze: samples that left converged; SharedStep: samples with lᵢ < ε now
    int step = 0;
    while (step < config.max_steps && m > 0 && (step < config.min_steps || converged < report.target)) {
        if (observer && observer->stop_requested()) {
            r.cancelled = true;
            break;
        }
        ++step;
        const Index width = x.cols();
        if (noisy) {
            corrupter.apply(config.noise, x, input);
            model.reconstruct(input, h, o);
        } else {
            model.reconstruct(x, h, o);
        }
        if (shared) converged = 0;
        for (Index j = 0; j < m; ++j) {
            const auto s = static_cast<std::size_t>(who[static_cast<std::size_t>(j)]);
            if (!active[s]) continue;  // frozen (no compaction): rides along unchanged
            const Scalar l2 = (o.col(j) - x.col(j)).squaredNorm();
            if (config.keep_step_lengths) r.step_length[s].push_back(std::sqrt(l2));
            const bool small = !noisy && l2 < eps2;
            const bool cycling = !noisy && !small && step >= 2 && (o.col(j) - prev2.col(j)).squaredNorm() < eps2;
            cycle_run[s] = cycling ? cycle_run[s] + 1 : 0;
            if (shared) {
                if (small && !converged_now[s]) r.steps[s] = step;  // the streak that ends converged starts here
                converged_now[s] = small;
                converged += small;
                continue;
            }
            r.steps[s] = step;
            if (small) {
                r.ending[s] = Ending::Converged;
                ++converged;
            } else if (cycle_run[s] >= config.cycle_patience) {
                r.ending[s] = Ending::Cycle;
            }
        }
        prev2.swap(x);  // prev2 ← xⁱ⁻¹, x ← xⁱ (no copies; o is scratch again)
        x.swap(o);
        for (Index j = m; j < width; ++j)
            x.col(j).setZero();  // padding stays zero (r(0) ≠ 0)

        if (!shared) {
            // Samples that converged or cycled leave: their xⁱ is final.
            for (Index j = 0; j < m; ++j) {
                const auto s = static_cast<std::size_t>(who[static_cast<std::size_t>(j)]);
                if (active[s] && r.ending[s] != Ending::NotConverged) {
                    active[s] = 0;
                    r.fixed_points.col(static_cast<Index>(s)) = x.col(j);
                }
            }
        }
        if (compact) {
            Index kept = 0;
            for (Index j = 0; j < m; ++j) {
                const auto s = static_cast<std::size_t>(who[static_cast<std::size_t>(j)]);
                if (!active[s]) continue;
                if (kept != j) {
                    x.col(kept) = x.col(j);
                    prev2.col(kept) = prev2.col(j);
                    who[static_cast<std::size_t>(kept)] = who[static_cast<std::size_t>(j)];
                }
                ++kept;
            }
            m = kept;
            if (padded(m) < x.cols()) {
                x.conservativeResize(Eigen::NoChange, padded(m));
                prev2.conservativeResize(Eigen::NoChange, padded(m));
            }
            x.rightCols(x.cols() - m).setZero();
        }
        keep_frame(step);
        if (observer) {
            report.step = step;
            report.active = shared ? n - converged : m;
            report.converged = converged;
            observer->on_iteration(report);
        }
    }
    r.steps_run = step;
    // Samples still active end where they are.
    for (Index j = 0; j < m; ++j) {
        const auto s = static_cast<std::size_t>(who[static_cast<std::size_t>(j)]);
        if (!active[s]) continue;
        r.fixed_points.col(static_cast<Index>(s)) = x.col(j);
        if (shared) {
            if (converged_now[s])
                r.ending[s] = Ending::Converged;
            else {
                r.steps[s] = step;
                if (cycle_run[s] >= config.cycle_patience) r.ending[s] = Ending::Cycle;
            }
        } else {
            r.steps[s] = step;
        }
    }
    if (config.keep_all_frames && (r.frame_step.empty() || r.frame_step.back() != step)) keep_frame(step);
    return r;
}

}  // namespace dae
