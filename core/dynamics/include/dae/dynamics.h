// Iterating a trained DAE: x⁰ = x, xⁱ = r(xⁱ⁻¹)   (Bahdanau & Jaeger 2014, §5.4).
//
// Many samples iterate together, one GEMM pair per step. The step length is lᵢ = ‖xⁱ − xⁱ⁻¹‖₂;
// a sample counts as converged while lᵢ < ε. Two stopping rules, both named here:
//
//   SharedStep  the paper's: "we wanted to process the samples together and stop iteration at
//               the same step for all of them … ‖xⁱ − xⁱ⁻¹‖₂ < 10⁻⁴. We stopped the iteration
//               after it held for more than 75% percents of the samples". Every sample iterates
//               until that step; its end point is its xⁱ there.
//   Freeze      daelab's: a sample leaves the working set at its first step with lᵢ < ε (its
//               fixed point is that xⁱ) and stops costing GEMM columns (active-set compaction);
//               the run stops once more than the stop fraction has left. A period-2 cycle
//               (‖xⁱ − xⁱ⁻²‖ < ε while lᵢ ≥ ε for `cycle_patience` steps) also leaves, flagged.
//
// Both stop at the step cap. Samples not converged at the end are "not converged" at their last
// xⁱ. The paper's distances dᵢ = ‖xⁱ − x^{i₀}‖₂ use a fixed step i₀ (its Fig. 7: the 500th).
//
// Optional noise injection (x̃ⁱ⁻¹ = corrupt(xⁱ⁻¹) before each application) turns this into the
// sampling chain of Bengio et al. 2013; then nothing converges and all samples run to the cap.
#pragma once

#include "dae/autoencoder.h"
#include "dae/corruption.h"
#include "dae/run.h"

#include <optional>
#include <string>
#include <vector>

namespace dae {

enum class StoppingRule { SharedStep, Freeze };
const char* stopping_rule_name(StoppingRule r);  // "shared-step" (the paper's), "freeze"
std::optional<StoppingRule> stopping_rule_from_name(const std::string& name);

struct IterationConfig {
    double epsilon = 1e-4;        // ε of the convergence test lᵢ < ε
    int max_steps = 1000;         // step cap
    int min_steps = 0;            // iterate at least this many steps (e.g. to reach i₀)
    double stop_fraction = 0.75;  // stop when MORE than this share converged (1: all of them)
    StoppingRule rule = StoppingRule::Freeze;
    bool compact = true;            // Freeze: converged samples leave the GEMMs (false: ride along, frozen)
    int cycle_patience = 5;         // consecutive steps with ‖xⁱ − xⁱ⁻²‖ < ε that make a 2-cycle
    int reference_step = 500;       // i₀ of dᵢ = ‖xⁱ − x^{i₀}‖ (the last step when the run ends earlier)
    bool keep_step_lengths = true;  // lᵢ of every sample (N × steps floats)
    Corruption noise{CorruptionType::None, 0};  // noise injection (sampling chain)
    std::uint64_t seed = 1;                     // for the noise
    bool keep_all_frames = false;               // every xⁱ of every sample (for one trajectory)
    std::vector<int> frame_steps;               // else: the xⁱ kept at these steps (bounded memory)
    // k × d, or empty: a kept frame is stored as frame_projection · xⁱ (k × N) instead of xⁱ, so a
    // whole set's paths fit in memory (the landscape map keeps two coordinates per digit and frame).
    Matrix frame_projection;
    bool validate(std::string* why) const;
    // The number of converged samples that ends a run of n: more than stop_fraction·n, at most n.
    Index stop_count(Index n) const;
};

enum class Ending : std::uint8_t { Converged, Cycle, NotConverged };
const char* ending_name(Ending e);

struct IterationResult {
    Matrix fixed_points;                          // d × N: each sample's end point
    std::vector<Ending> ending;                   // N
    std::vector<int> steps;                       // N: the step from which it stayed converged, else steps_run
    std::vector<std::vector<float>> step_length;  // N × steps: l₁ … (when keep_step_lengths)
    int steps_run = 0;                            // steps of the whole run
    bool cancelled = false;
    // Frames: frames[f] is d × N, the samples at step frame_step[f] (a sample that left earlier
    // shows its fixed point). With keep_all_frames, frame_step = 0, 1, …, steps_run. With a
    // frame_projection, frames[f] is k × N, the projected samples.
    std::vector<int> frame_step;
    std::vector<Matrix> frames;
    Index converged_count() const;
    // dᵢ = ‖xⁱ − x^{i₀}‖₂ of one sample over the kept frames, i₀ = min(reference_step, last kept step).
    std::vector<float> distance_to_reference(Index sample, int reference_step) const;
    // The step i₀ that distance_to_reference() uses.
    int reference_frame_step(int reference_step) const;
};

// `observer` (may be null) gets on_iteration after every step and can stop the run between steps,
// leaving a consistent partial result with cancelled = true.
IterationResult iterate(const Autoencoder& model, const Matrix& start, const IterationConfig& config,
                        RunObserver* observer = nullptr);

}  // namespace dae
