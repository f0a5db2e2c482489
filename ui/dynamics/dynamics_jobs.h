// What the Dynamics tab computes, off the GUI thread: one trajectory with every frame and the
// judge's reading at each step, or a whole set with its outcomes. Plain functions of immutable
// inputs (the panel runs them in its WorkerThread; the tests call them directly).
#pragma once

#include "dae/evaluation.h"
#include "workers/core_metatypes.h"

#include <vector>

namespace dae::ui {

struct Trajectory {
    Matrix frames;                   // d × (steps + 1): x⁰ … x^steps
    std::vector<float> step_length;  // l₁ … l_steps
    std::vector<float> distance;     // dᵢ = ‖xⁱ − x^{i₀}‖ for i = 0 … steps
    int reference_step = 0;          // the i₀ of `distance`
    std::vector<int> predicted;      // the judge's label per frame (empty without a judge)
    std::vector<float> confidence;   // its probability per frame
    SampleOutcome outcome;           // under the thresholds in use
    Ending ending = Ending::NotConverged;
    int label = -1;      // the input's label (−1: drawn)
    double radius = -1;  // spectral radius of the Jacobian at the end point (−1: not computed)
    Vector direction;    // its leading direction (shown as an image)
    bool cancelled = false;
    int steps() const { return static_cast<int>(frames.cols()) - 1; }
};

struct SetResult {
    Dataset data;        // the iterated samples (originals) and labels
    SetEvaluation eval;  // end points, outcomes under the thresholds in use, both definitions' counts
    EvaluationConfig config;
    bool cancelled = false;
};

// One input iterated with every frame kept: the paper's rule for one sample (it stops once the
// step length is below ε), at least to i₀ so that dᵢ = ‖xⁱ − x^{i₀}‖ is the paper's Fig. 7.
// `judge` may be untrained (no readings, no outcome then).
Trajectory compute_trajectory(const Autoencoder& model, const Vector& start, int label, const Judge& judge,
                              const EvaluationConfig& config, RunObserver* observer = nullptr);

// A whole set with the config's rule; outcomes by the judge.
SetResult compute_set(const Autoencoder& model, const Dataset& data, const Judge& judge, const EvaluationConfig& config,
                      RunObserver* observer = nullptr);

}  // namespace dae::ui

Q_DECLARE_METATYPE(dae::ui::Trajectory)
Q_DECLARE_METATYPE(dae::ui::SetResult)
