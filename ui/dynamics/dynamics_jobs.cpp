#include "dynamics/dynamics_jobs.h"

#include "dae/stability.h"

namespace dae::ui {

Trajectory compute_trajectory(const Autoencoder& model, const Vector& start, int label, const Judge& judge,
                              const EvaluationConfig& config, RunObserver* observer) {
    IterationConfig c = config.iteration;
    c.keep_all_frames = true;
    c.keep_step_lengths = true;
    c.stop_fraction = 1.0;  // one sample: until it settles or the cap
    c.min_steps = std::min(c.reference_step, c.max_steps);
    c.rule = StoppingRule::SharedStep;  // keeps iterating to i₀ after it settled
    const IterationResult r = iterate(model, Matrix(start), c, observer);
    Trajectory t;
    t.cancelled = r.cancelled;
    t.label = label;
    t.ending = r.ending[0];
    t.frames.resize(start.size(), static_cast<Index>(r.frames.size()));
    for (std::size_t f = 0; f < r.frames.size(); ++f)
        t.frames.col(static_cast<Index>(f)) = r.frames[f].col(0);
    t.step_length = r.step_length[0];
    t.reference_step = r.reference_frame_step(c.reference_step);
    t.distance = r.distance_to_reference(0, c.reference_step);
    if (!t.cancelled && t.ending == Ending::Converged) {
        const SpectralEstimate e = spectral_radius(model, r.fixed_points.col(0), 2000, 1e-7);
        t.radius = e.radius;
        t.direction = e.direction;
    }
    if (judge.trained() && judge.inputs() == start.size()) {
        const Matrix p = judge.probabilities(t.frames);
        for (Index f = 0; f < p.cols(); ++f) {
            Index best = 0;
            t.confidence.push_back(p.col(f).maxCoeff(&best));
            t.predicted.push_back(static_cast<int>(best));
        }
        t.outcome =
            classify_outcomes(r, {label < 0 ? -1 : label}, judge.probabilities(r.fixed_points), config.thresholds)
                .front();
        if (label < 0 && t.outcome.outcome == Outcome::OtherClass)
            t.outcome.outcome = Outcome::Converged;  // drawn: no label to leave
    }
    return t;
}

SetResult compute_set(const Autoencoder& model, const Dataset& data, const Judge& judge, const EvaluationConfig& config,
                      RunObserver* observer) {
    SetResult s;
    s.config = config;
    s.eval = evaluate_set(model, data, judge, config, observer);
    s.cancelled = s.eval.iteration.cancelled;
    s.data = data;
    return s;
}

}  // namespace dae::ui
