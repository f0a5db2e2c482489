// The evaluation of Bahdanau & Jaeger 2014, §5.5 and Table 1: iterate a trained DAE on the
// training, validation and test sets to the 75 % criterion ("this was done separately for the
// training, validation and testing sets", §5.4), then
//   acc_train / acc_test   logistic regression trained on the TRANSFORMED training set, evaluated on
//                          the transformed training / test sets (the paper's columns),
//   acc_validation         the same on the transformed validation set: what model selection reads
//                          (the test set never chooses anything),
//   baseline               the same classifier on the ORIGINAL sets (trained and tested there),
//   crossed                original-trained on transformed test, transformed-trained on original test,
//   EX_train / EX_test     explosions among the fixed points (both definitions, outcomes.h),
//   MSE^WB                 the walkback objective with the training noise (summed over pixels),
//   pixel statistics       % black (< 0.01) / % white (> 0.95), fixed points vs originals.
// The test set is the data set's official one when it has one (the full MNIST's 10,000 digits),
// else the held-out part of the split (provenance.h).
#pragma once

#include "dae/classifier.h"
#include "dae/judge.h"
#include "dae/objective.h"
#include "dae/outcomes.h"
#include "dae/provenance.h"

#include <array>
#include <cmath>
#include <optional>
#include <vector>

namespace dae {

struct EvaluationConfig {
    IterationConfig iteration = paper_iteration();
    OutcomeDefinition definition = OutcomeDefinition::Paper;  // of `outcomes` and `summary`
    OutcomeThresholds thresholds = OutcomeThresholds::of(OutcomeDefinition::Paper);
    ClassifierConfig classifier;                           // the linear classifier of §5.5
    Corruption corruption{CorruptionType::Gaussian, 0.5};  // for MSE^WB: the training noise
    int walkback = 1;                                      // k of MSE^WB
    std::uint64_t seed = 1;
    bool validation = true;  // iterate the validation set too (when it is not the test set)
    // §5.4: the shared stopping step, ε = 10⁻⁴, more than 75 %, no per-sample bookkeeping.
    static IterationConfig paper_iteration();
};

struct SetEvaluation {
    IterationResult iteration;
    std::vector<SampleOutcome> outcomes;  // under the config's thresholds
    OutcomeSummary summary;
    std::array<OutcomeSummary, 2> by_definition;  // [paper, daelab]: the same end points counted both ways
    double walkback_mse = 0;
    PixelStats original, fixed;
    const OutcomeSummary& under(OutcomeDefinition d) const { return by_definition[static_cast<std::size_t>(d)]; }
};

struct DynamicsEvaluation {
    SetEvaluation train, test;
    std::optional<SetEvaluation> validation;  // with config.validation and an official test set
    bool official_test = false;
    double acc_train = 0, acc_test = 0;  // transformed → transformed (Table 1)
    double acc_validation = std::nan(""), baseline_validation = std::nan("");
    double baseline_train = 0, baseline_test = 0;         // original → original
    double original_on_fixed = 0, fixed_on_original = 0;  // crossed, on the test sets
    double judge_test = 0;                                // the judge's accuracy on the original test set
    std::vector<int> predicted_test;  // the transformed-trained classifier's class of each test fixed point
};

// Iterates one set and classifies its end points with the judge.
SetEvaluation evaluate_set(const Autoencoder& model, const Dataset& data, const Judge& judge,
                           const EvaluationConfig& config, RunObserver* observer = nullptr);

// Table 1 on a partition: iterates partition.train, partition.validation (with config.validation,
// when the partition has an official test set: else the validation set is the test set) and
// partition.test. dae::Error when cancelled.
DynamicsEvaluation evaluate_dynamics(const Autoencoder& model, const Partition& partition, const Judge& judge,
                                     const EvaluationConfig& config, RunObserver* observer = nullptr);

// The walkback objective E[(1/k) Σ ‖x − rⁱ(x̃)‖²] with fixed-seed noise, mean over the samples.
double walkback_mse(const Autoencoder& model, const Matrix& samples, const Corruption& corruption, int k,
                    std::uint64_t seed);

}  // namespace dae

#include "dae/settings.h"

namespace dae {

// EvaluationConfig's settings — rule, epsilon, max-steps, min-steps, stop-fraction, reference-step,
// definition, explosion-max, stain-confidence, the classifier's, validation — as a schema
// (settings.h) shared by the CLI's flags, grid files and JSON outputs. Setting "definition" also
// sets explosion-max to that definition's value.
using EvaluationSetting = Setting<EvaluationConfig>;
const std::vector<EvaluationSetting>& evaluation_settings();
// Sets one option; a number outside its range is refused here (it sizes the iteration's work).
bool set_evaluation_option(EvaluationConfig& config, const std::string& key, const std::string& value,
                           std::string* why);
std::vector<std::pair<std::string, std::string>> evaluation_options(const EvaluationConfig& config);

}  // namespace dae
