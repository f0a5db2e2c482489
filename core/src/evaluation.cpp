#include "dae/evaluation.h"

#include "dae/error.h"

namespace dae {

double walkback_mse(const Autoencoder& model, const Matrix& samples, const Corruption& corruption, int k,
                    std::uint64_t seed) {
    Objective objective(Loss::SquaredError, k, {});
    Corrupter corrupter(seed);
    Matrix corrupted;
    constexpr Index kChunk = 1000;
    double sum = 0;
    for (Index start = 0; start < samples.cols(); start += kChunk) {
        const Index n = std::min(kChunk, samples.cols() - start);
        const auto clean = samples.middleCols(start, n);
        corrupter.apply(corruption, clean, corrupted);
        sum += objective.evaluate(model, clean, corrupted, nullptr).reconstruction * static_cast<double>(n);
    }
    return samples.cols() ? sum / static_cast<double>(samples.cols()) : 0;
}

SetEvaluation evaluate_set(const Autoencoder& model, const Dataset& data, const SoftmaxClassifier& reference,
                           const EvaluationConfig& config, const IterationProgress& progress,
                           const std::atomic<bool>* cancel) {
    SetEvaluation e;
    e.iteration = iterate(model, data.samples, config.iteration, progress, cancel);
    e.outcomes = classify_outcomes(e.iteration, data.labels, reference, config.thresholds);
    e.summary = summarize_outcomes(e.iteration, e.outcomes, config.thresholds);
    e.walkback_mse = walkback_mse(model, data.samples, config.corruption, config.walkback, config.seed);
    e.original = pixel_stats(data.samples);
    e.fixed = pixel_stats(e.iteration.fixed_points);
    return e;
}

DynamicsEvaluation evaluate_dynamics(const Autoencoder& model, const Dataset& train, const Dataset& test,
                                     const EvaluationConfig& config, const EvaluationProgress& progress,
                                     const std::atomic<bool>* cancel) {
    if (train.dim() != model.visible() || test.dim() != model.visible())
        throw Error("the data sets have " + std::to_string(train.dim()) + " values per sample, the model expects " +
                    std::to_string(model.visible()));
    const int classes = std::max(train.num_classes, test.num_classes);
    auto report = [&](const std::string& stage, double f) {
        if (progress) progress(stage, f);
    };
    DynamicsEvaluation r;
    report("classifier on the originals", 0);
    SoftmaxClassifier original;
    original.train(train.samples, train.labels, classes, config.classifier);
    r.baseline_train = original.accuracy(train.samples, train.labels);
    r.baseline_test = original.accuracy(test.samples, test.labels);

    const int cap = config.iteration.max_steps;
    auto stage_progress = [&](const std::string& stage) {
        return [&, stage](int step, Index, Index) { report(stage, static_cast<double>(step) / cap); };
    };
    r.train = evaluate_set(model, train, original, config, stage_progress("iterating the training set"), cancel);
    r.test = evaluate_set(model, test, original, config, stage_progress("iterating the test set"), cancel);
    if (r.train.iteration.cancelled || r.test.iteration.cancelled) throw Error("evaluation cancelled");

    report("classifier on the fixed points", 0);
    SoftmaxClassifier transformed;
    transformed.train(r.train.iteration.fixed_points, train.labels, classes, config.classifier);
    r.acc_train = transformed.accuracy(r.train.iteration.fixed_points, train.labels);
    r.acc_test = transformed.accuracy(r.test.iteration.fixed_points, test.labels);
    r.original_on_fixed = original.accuracy(r.test.iteration.fixed_points, test.labels);
    r.fixed_on_original = transformed.accuracy(test.samples, test.labels);
    report("done", 1);
    return r;
}

}  // namespace dae
