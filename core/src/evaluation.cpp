#include "dae/evaluation.h"

#include "dae/error.h"
#include "dae/numbers.h"
#include "dae/training_options.h"

#include <cmath>

namespace dae {

IterationConfig EvaluationConfig::paper_iteration() {
    IterationConfig c;
    c.rule = StoppingRule::SharedStep;
    c.epsilon = 1e-4;
    c.stop_fraction = 0.75;
    c.keep_step_lengths = false;
    return c;
}

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

SetEvaluation evaluate_set(const Autoencoder& model, const Dataset& data, const Judge& judge,
                           const EvaluationConfig& config, RunObserver* observer) {
    std::string why;
    if (!config.thresholds.validate(&why)) throw Error("outcome thresholds: " + why);
    SetEvaluation e;
    e.iteration = iterate(model, data.samples, config.iteration, observer);
    const Matrix p = judge.probabilities(e.iteration.fixed_points);
    e.outcomes = classify_outcomes(e.iteration, data.labels, p, config.thresholds);
    e.summary = summarize_outcomes(e.iteration, e.outcomes, config.thresholds);
    for (OutcomeDefinition d : {OutcomeDefinition::Paper, OutcomeDefinition::Daelab}) {
        OutcomeThresholds t = OutcomeThresholds::of(d);
        t.stain_confidence = config.thresholds.stain_confidence;
        t.coincide_distance = config.thresholds.coincide_distance;
        e.by_definition[static_cast<std::size_t>(d)] =
            summarize_outcomes(e.iteration, classify_outcomes(e.iteration, data.labels, p, t), t);
    }
    e.walkback_mse = walkback_mse(model, data.samples, config.corruption, config.walkback, config.seed);
    e.original = pixel_stats(data.samples);
    e.fixed = pixel_stats(e.iteration.fixed_points);
    return e;
}

DynamicsEvaluation evaluate_dynamics(const Autoencoder& model, const Partition& partition, const Judge& judge,
                                     const EvaluationConfig& config, RunObserver* observer) {
    const Dataset& train = partition.train;
    const Dataset& test = partition.test;
    if (train.dim() != model.visible() || test.dim() != model.visible())
        throw Error("the data sets have " + std::to_string(train.dim()) + " values per sample, the model expects " +
                    std::to_string(model.visible()));
    const Dataset& validation = partition.validation;
    const bool with_validation = config.validation && partition.official_test && validation.size() > 0;
    if (with_validation && validation.dim() != model.visible())
        throw Error("the validation set has " + std::to_string(validation.dim()) + " values per sample, the model " +
                    "expects " + std::to_string(model.visible()));
    const int classes = std::max(train.num_classes, test.num_classes);
    // Each set's share of the iteration work, for progress reports.
    const double n_train = static_cast<double>(train.size()), n_test = static_cast<double>(test.size());
    const double n_validation = with_validation ? static_cast<double>(validation.size()) : 0;
    const double total = std::max(1.0, n_train + n_validation + n_test);
    const double end_train = 0.02 + 0.93 * n_train / total, end_validation = end_train + 0.93 * n_validation / total;
    DynamicsEvaluation r;
    r.official_test = partition.official_test;
    {
        ObserverSection s(observer, "classifier on the originals", 0, 0.02);
        s.report(0);
    }
    SoftmaxClassifier original;
    original.train(train.samples, train.labels, classes, config.classifier);
    r.baseline_train = original.accuracy(train.samples, train.labels);
    r.baseline_test = original.accuracy(test.samples, test.labels);
    r.judge_test = judge.accuracy(test.samples, test.labels);
    {
        ObserverSection s(observer, "iterating the training set", 0.02, end_train);
        r.train = evaluate_set(model, train, judge, config, &s);
    }
    if (with_validation) {
        ObserverSection s(observer, "iterating the validation set", end_train, end_validation);
        r.validation = evaluate_set(model, validation, judge, config, &s);
    }
    {
        ObserverSection s(observer, std::string("iterating the ") + partition.test_name() + " set", end_validation,
                          0.95);
        r.test = evaluate_set(model, test, judge, config, &s);
    }
    if (r.train.iteration.cancelled || r.test.iteration.cancelled ||
        (r.validation && r.validation->iteration.cancelled))
        throw Error("evaluation cancelled");
    {
        ObserverSection s(observer, "classifier on the fixed points", 0.95, 1);
        s.report(0);
    }
    SoftmaxClassifier transformed;
    transformed.train(r.train.iteration.fixed_points, train.labels, classes, config.classifier);
    r.acc_train = transformed.accuracy(r.train.iteration.fixed_points, train.labels);
    r.predicted_test = transformed.predict(r.test.iteration.fixed_points);
    r.acc_test = accuracy_of(r.predicted_test, test.labels);
    if (r.validation) {
        r.acc_validation = transformed.accuracy(r.validation->iteration.fixed_points, validation.labels);
        r.baseline_validation = original.accuracy(validation.samples, validation.labels);
    }
    r.original_on_fixed = original.accuracy(r.test.iteration.fixed_points, test.labels);
    r.fixed_on_original = transformed.accuracy(test.samples, test.labels);
    if (observer) observer->on_progress({"done", 1});
    return r;
}

}  // namespace dae

#include <sstream>

namespace dae {

const std::vector<OptionInfo>& evaluation_option_list() {
    static const std::vector<OptionInfo> list{
        {"rule", "stopping rule: shared-step (the paper's: all samples stop at one step) or freeze (each at its first "
                 "small step)"},
        {"epsilon", "ε of the convergence test ‖xⁱ − xⁱ⁻¹‖₂ < ε (paper: 1e-4)"},
        {"max-steps", "step cap of the iteration"},
        {"min-steps", "iterate at least this many steps"},
        {"stop-fraction", "stop once MORE than this share converged (paper: 0.75)"},
        {"reference-step", "i₀ of the distances dᵢ = ‖xⁱ − x^{i₀}‖ (paper's Fig. 7: 500)"},
        {"definition", "outcome definition: paper (explosion = no pixel > 0.95) or daelab (no pixel > 0.35)"},
        {"explosion-max", "an end point with no pixel above this is an explosion"},
        {"stain-confidence", "the judge's confidence below this makes a stain"},
        {"classifier-epochs", "epochs of the §5.5 logistic regression (SGD, b = 50, rate annealed ×0.95 an epoch)"},
        {"classifier-rate", "its initial learning rate"},
        {"classifier-l2", "its weight decay λ of λ/2 ‖W‖² (the paper: \"no regularization\", 0)"},
        {"validation", "iterate the validation set too, for acc_validation (model selection): true or false"},
    };
    return list;
}

bool set_evaluation_option(EvaluationConfig& c, const std::string& key, const std::string& value, std::string* why) {
    auto bad = [&](const std::string& expected) {
        if (why) *why = "option '" + key + "': '" + value + "' is not " + expected;
        return false;
    };
    double d = 0;
    if (key == "rule") {
        const auto r = stopping_rule_from_name(value);
        if (!r) return bad("shared-step or freeze");
        c.iteration.rule = *r;
    } else if (key == "definition") {
        const auto def = outcome_definition_from_name(value);
        if (!def) return bad("paper or daelab");
        c.definition = *def;
        c.thresholds.explosion_max = OutcomeThresholds::of(*def).explosion_max;
    } else if (key == "max-steps" || key == "min-steps" || key == "reference-step") {
        // The range first: converting a double beyond long long's range is undefined (fuzz_config found 1e116).
        if (!parse_number(value, &d) || !(d >= 0 && d <= 1e7) || d != std::floor(d))
            return bad("a whole number 0 … 10⁷");
        (key == "max-steps"   ? c.iteration.max_steps
         : key == "min-steps" ? c.iteration.min_steps
                              : c.iteration.reference_step) = static_cast<int>(d);
    } else if (key == "epsilon" || key == "stop-fraction" || key == "explosion-max" || key == "stain-confidence") {
        if (!parse_number(value, &d)) return bad("a number");
        if (key == "epsilon") c.iteration.epsilon = d;
        if (key == "stop-fraction") c.iteration.stop_fraction = d;
        if (key == "explosion-max") c.thresholds.explosion_max = d;
        if (key == "stain-confidence") c.thresholds.stain_confidence = d;
    } else if (key == "classifier-epochs") {
        if (!parse_number(value, &d) || !(d >= 1 && d <= 10000) || d != std::floor(d))
            return bad("a whole number 1 … 10000");
        c.classifier.epochs = static_cast<int>(d);
    } else if (key == "classifier-rate") {
        if (!parse_number(value, &d) || !(d > 0 && d <= 100)) return bad("a rate in (0, 100]");
        c.classifier.learning_rate = d;
    } else if (key == "classifier-l2") {
        if (!parse_number(value, &d) || !(d >= 0 && d <= 1)) return bad("a weight decay in [0, 1]");
        c.classifier.l2 = d;
    } else if (key == "validation") {
        if (value == "true" || value == "1")
            c.validation = true;
        else if (value == "false" || value == "0")
            c.validation = false;
        else
            return bad("true or false");
    } else {
        if (why) *why = "unknown option '" + key + "'";
        return false;
    }
    return true;
}

std::vector<std::pair<std::string, std::string>> evaluation_options(const EvaluationConfig& c) {
    return {{"rule", stopping_rule_name(c.iteration.rule)},
            {"epsilon", format_double(c.iteration.epsilon)},
            {"max-steps", std::to_string(c.iteration.max_steps)},
            {"min-steps", std::to_string(c.iteration.min_steps)},
            {"stop-fraction", format_double(c.iteration.stop_fraction)},
            {"reference-step", std::to_string(c.iteration.reference_step)},
            {"definition", outcome_definition_name(c.definition)},
            {"explosion-max", format_double(c.thresholds.explosion_max)},
            {"stain-confidence", format_double(c.thresholds.stain_confidence)},
            {"classifier-epochs", std::to_string(c.classifier.epochs)},
            {"classifier-rate", format_double(c.classifier.learning_rate)},
            {"classifier-l2", format_double(c.classifier.l2)},
            {"validation", c.validation ? "true" : "false"}};
}

}  // namespace dae
