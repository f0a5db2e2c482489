// Iterating a trained DAE: x⁰ = x, xⁱ = r(xⁱ⁻¹)   (Bahdanau & Jaeger 2014, §5.4).
//
// Many samples iterate together, one GEMM pair per step. A sample has converged when its step
// length lᵢ = ‖xⁱ − xⁱ⁻¹‖₂ < ε; it then leaves the working set (active-set compaction) with xⁱ as
// its fixed point. A period-2 cycle (‖xⁱ − xⁱ⁻²‖ < ε while lᵢ ≥ ε, for `cycle_patience` steps)
// also leaves, flagged. The whole run stops when ≥ stop_fraction of the samples converged (the
// paper's 75 % rule) or at max_steps; samples still moving are "not converged" at their last xⁱ.
//
// Optional noise injection (x̃ⁱ⁻¹ = corrupt(xⁱ⁻¹) before each application) turns this into the
// sampling chain of Bengio et al. 2013; then nothing converges and all samples run to the cap.
#pragma once

#include "dae/autoencoder.h"
#include "dae/corruption.h"

#include <atomic>
#include <functional>
#include <vector>

namespace dae {

struct IterationConfig {
    double epsilon = 1e-4;        // ε of the convergence test lᵢ < ε
    int max_steps = 1000;         // step cap
    double stop_fraction = 0.75;  // stop when this share of the samples converged (1 = all or cap)
    bool compact = true;          // converged samples leave the GEMMs (false: they ride along, frozen)
    int cycle_patience = 5;       // consecutive steps with ‖xⁱ − xⁱ⁻²‖ < ε that make a 2-cycle
    Corruption noise{CorruptionType::None, 0};  // noise injection (sampling chain)
    std::uint64_t seed = 1;                     // for the noise
    bool keep_all_frames = false;               // every xⁱ of every sample (for one trajectory)
    std::vector<int> frame_steps;               // else: the xⁱ kept at these steps (bounded memory)
    bool validate(std::string* why) const;
};

enum class Ending : std::uint8_t { Converged, Cycle, NotConverged };
const char* ending_name(Ending e);

struct IterationResult {
    Matrix fixed_points;                         // d × N: the last xⁱ of each sample
    std::vector<Ending> ending;                  // N
    std::vector<int> steps;                      // N: steps until it left (or the run stopped)
    std::vector<std::vector<float>> step_length; // N × steps: l₁ … l_steps
    int steps_run = 0;                           // steps of the whole run
    bool cancelled = false;
    // Frames: frames[f] is d × N, the samples at step frame_step[f] (a sample that left earlier
    // shows its fixed point). With keep_all_frames, frame_step = 0, 1, …, steps_run.
    std::vector<int> frame_step;
    std::vector<Matrix> frames;
    Index converged_count() const;
    // dᵢ = ‖xⁱ − x*‖₂ for one sample from the kept frames (x* = its fixed point).
    std::vector<float> distance_to_final(Index sample) const;
};

// `progress(step, active, converged)` is called after every step; `cancel` (may be null) stops
// the run between steps, leaving a consistent partial result with cancelled = true.
using IterationProgress = std::function<void(int step, Index active, Index converged)>;
IterationResult iterate(const Autoencoder& model, const Matrix& start, const IterationConfig& config,
                        const IterationProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);

}  // namespace dae
