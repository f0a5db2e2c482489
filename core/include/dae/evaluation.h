// The evaluation of Bahdanau & Jaeger 2014, §5.5 and Table 1: iterate a trained DAE on the
// training and test sets to the 75 % criterion, then
//   acc_train / acc_test   logistic regression trained on the TRANSFORMED training set, evaluated on
//                          the transformed training / test sets (the paper's columns),
//   baseline               the same classifier on the ORIGINAL sets (trained and tested there),
//   crossed                original-trained on transformed test, transformed-trained on original test,
//   EX_train / EX_test     explosions among the fixed points,
//   MSE^WB                 the walkback objective with the training noise (summed over pixels),
//   pixel statistics       % black (< 0.01) / % white (> 0.95), fixed points vs originals.
#pragma once

#include "dae/classifier.h"
#include "dae/dataset.h"
#include "dae/objective.h"
#include "dae/outcomes.h"

namespace dae {

struct EvaluationConfig {
    IterationConfig iteration;
    OutcomeThresholds thresholds;
    ClassifierConfig classifier;
    Corruption corruption{CorruptionType::Gaussian, 0.5};  // for MSE^WB: the training noise
    int walkback = 1;                                       // k of MSE^WB
    std::uint64_t seed = 1;
};

struct SetEvaluation {
    IterationResult iteration;
    std::vector<SampleOutcome> outcomes;
    OutcomeSummary summary;
    double walkback_mse = 0;
    PixelStats original, fixed;
};

struct DynamicsEvaluation {
    SetEvaluation train, test;
    double acc_train = 0, acc_test = 0;              // transformed → transformed (Table 1)
    double baseline_train = 0, baseline_test = 0;    // original → original
    double original_on_fixed = 0, fixed_on_original = 0;  // crossed, on the test sets
};

// `progress(stage, fraction)` reports "iterating training set" etc.
using EvaluationProgress = std::function<void(const std::string& stage, double fraction)>;
DynamicsEvaluation evaluate_dynamics(const Autoencoder& model, const Dataset& train, const Dataset& test,
                                     const EvaluationConfig& config, const EvaluationProgress& progress = {},
                                     const std::atomic<bool>* cancel = nullptr);

// Iterates one set and classifies its outcomes with `reference` (trained on originals).
SetEvaluation evaluate_set(const Autoencoder& model, const Dataset& data, const SoftmaxClassifier& reference,
                           const EvaluationConfig& config, const IterationProgress& progress = {},
                           const std::atomic<bool>* cancel = nullptr);

// The walkback objective E[(1/k) Σ ‖x − rⁱ(x̃)‖²] with fixed-seed noise, mean over the samples.
double walkback_mse(const Autoencoder& model, const Matrix& samples, const Corruption& corruption, int k,
                    std::uint64_t seed);

}  // namespace dae
