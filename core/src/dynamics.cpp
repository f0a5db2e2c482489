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

bool IterationConfig::validate(std::string* why) const {
    std::ostringstream e;
    if (!(std::isfinite(epsilon) && epsilon > 0)) e << "ε must be a positive number (got " << epsilon << ")";
    else if (max_steps < 1 || max_steps > 10000000) e << "the step cap must be 1 … 10⁷ (got " << max_steps << ")";
    else if (!(stop_fraction > 0 && stop_fraction <= 1)) e << "the stop fraction must be in (0, 1] (got " << stop_fraction << ")";
    else if (cycle_patience < 1) e << "the cycle patience must be ≥ 1";
    else if (std::string c; !noise.valid(&c)) e << "noise injection: " << c;
    if (why) *why = e.str();
    return e.str().empty();
}

Index IterationResult::converged_count() const {
    Index n = 0;
    for (Ending e : ending) n += e == Ending::Converged;
    return n;
}

std::vector<float> IterationResult::distance_to_final(Index sample) const {
    std::vector<float> d;
    for (const Matrix& f : frames) d.push_back((f.col(sample) - fixed_points.col(sample)).norm());
    return d;
}

IterationResult iterate(const Autoencoder& model, const Matrix& start, const IterationConfig& config,
                        const IterationProgress& progress, const std::atomic<bool>* cancel) {
    std::string why;
    if (!config.validate(&why)) throw Error("iteration settings: " + why);
    if (config.keep_all_frames && start.cols() > 256)
        throw Error("keeping every frame is for a few trajectories (≤ 256 samples); use frame_steps for a set");
    if (start.rows() != model.visible())
        throw Error("the samples have " + std::to_string(start.rows()) + " values but the model expects " +
                    std::to_string(model.visible()));
    const Index n = start.cols(), d = start.rows();
    const bool noisy = config.noise.type != CorruptionType::None && config.noise.level > 0;
    const auto eps2 = static_cast<Scalar>(config.epsilon * config.epsilon);

    IterationResult r;
    r.fixed_points = start;
    r.ending.assign(static_cast<std::size_t>(n), Ending::NotConverged);
    r.steps.assign(static_cast<std::size_t>(n), 0);
    r.step_length.resize(static_cast<std::size_t>(n));
    std::vector<int> cycle_run(static_cast<std::size_t>(n), 0);

    // Working set: columns 0 … m−1 hold the active samples (`who` says which), padded with zeros.
    std::vector<Index> who(static_cast<std::size_t>(n));
    for (Index j = 0; j < n; ++j) who[static_cast<std::size_t>(j)] = j;
    std::vector<char> active(static_cast<std::size_t>(n), 1);
    Index m = n;
    Matrix x = Matrix::Zero(d, padded(n)), prev2 = x, input, h, o;
    x.leftCols(n) = start;
    Corrupter corrupter(config.seed);

    auto keep_frame = [&](int step) {
        const bool wanted = config.keep_all_frames ||
                            std::find(config.frame_steps.begin(), config.frame_steps.end(), step) != config.frame_steps.end();
        if (!wanted) return;
        Matrix f = r.fixed_points;  // samples that left show their fixed point
        for (Index j = 0; j < m; ++j) {
            const Index s = who[static_cast<std::size_t>(j)];
            if (active[static_cast<std::size_t>(s)]) f.col(s) = x.col(j);
        }
        r.frame_step.push_back(step);
        r.frames.push_back(std::move(f));
    };
    keep_frame(0);

    Index converged = 0;
    const auto target = static_cast<Index>(std::ceil(config.stop_fraction * static_cast<double>(n) - 1e-9));
    int step = 0;
    while (step < config.max_steps && m > 0 && converged < std::max<Index>(target, 1)) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
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
        for (Index j = 0; j < m; ++j) {
            const auto s = static_cast<std::size_t>(who[static_cast<std::size_t>(j)]);
            if (!active[s]) continue;  // frozen (no compaction): rides along unchanged
            const Scalar l2 = (o.col(j) - x.col(j)).squaredNorm();
            r.step_length[s].push_back(std::sqrt(l2));
            r.steps[s] = step;
            if (!noisy && l2 < eps2) {
                r.ending[s] = Ending::Converged;
                ++converged;
            } else if (!noisy && step >= 2 && (o.col(j) - prev2.col(j)).squaredNorm() < eps2) {
                if (++cycle_run[s] >= config.cycle_patience) r.ending[s] = Ending::Cycle;
            } else {
                cycle_run[s] = 0;
            }
        }
        prev2.swap(x);  // prev2 ← xⁱ⁻¹, x ← xⁱ (no copies; o is scratch again)
        x.swap(o);
        for (Index j = m; j < width; ++j) x.col(j).setZero();  // padding stays zero (r(0) ≠ 0)

        // Samples that converged or cycled leave: their xⁱ is final.
        for (Index j = 0; j < m; ++j) {
            const auto s = static_cast<std::size_t>(who[static_cast<std::size_t>(j)]);
            if (active[s] && r.ending[s] != Ending::NotConverged) {
                active[s] = 0;
                r.fixed_points.col(static_cast<Index>(s)) = x.col(j);
            }
        }
        if (config.compact) {
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
        if (progress) progress(step, m, converged);
    }
    r.steps_run = step;
    // Samples still moving end where they are.
    for (Index j = 0; j < m; ++j) {
        const auto s = static_cast<std::size_t>(who[static_cast<std::size_t>(j)]);
        if (active[s]) r.fixed_points.col(static_cast<Index>(s)) = x.col(j);
    }
    if (config.keep_all_frames && (r.frame_step.empty() || r.frame_step.back() != step)) keep_frame(step);
    return r;
}

}  // namespace dae
