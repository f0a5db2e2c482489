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

namespace {

using E = EvaluationConfig;
constexpr const char* kIteration = "Iteration";
constexpr const char* kOutcomes = "Outcomes";
constexpr const char* kClassifier = "Table 1's classifier";

std::vector<EvaluationSetting> make_evaluation_schema() {
    std::vector<EvaluationSetting> s;
    s.push_back(choice_setting<E>(
        {"rule", "Stopping rule",
         "shared-step (the paper's: all samples stop at one step) or freeze (each at its first small step)",
         "Bahdanau & Jaeger §5.4", kIteration},
        std::vector<StoppingRule>{StoppingRule::SharedStep, StoppingRule::Freeze},
        [](auto& c) -> auto& { return c.iteration.rule; }, stopping_rule_name, stopping_rule_from_name));
    auto epsilon = number_setting<E>(
        {"epsilon", "Convergence ε", "ε of the convergence test ‖xⁱ − xⁱ⁻¹‖₂ < ε", "10⁻⁴ in Bahdanau & Jaeger §5.4",
         kIteration},
        {0, 1e6}, 1e-5, [](auto& c) -> auto& { return c.iteration.epsilon; });
    epsilon.range.min_open = true;
    s.push_back(epsilon);
    s.push_back(whole_setting<E>(
        {"max-steps", "Step cap", "step cap of the iteration", "", kIteration}, {1, 1e7}, 100,
        [](auto& c) -> auto& { return c.iteration.max_steps; }));
    s.push_back(whole_setting<E>(
        {"min-steps", "Least steps", "iterate at least this many steps", "", kIteration}, {0, 1e7}, 10,
        [](auto& c) -> auto& { return c.iteration.min_steps; }));
    auto fraction = number_setting<E>(
        {"stop-fraction", "Stop fraction", "stop once MORE than this share of the samples converged",
         "0.75 in Bahdanau & Jaeger §5.4", kIteration},
        {0, 1}, 0.05, [](auto& c) -> auto& { return c.iteration.stop_fraction; });
    s.push_back(fraction);
    s.push_back(whole_setting<E>(
        {"reference-step", "Reference step i₀", "i₀ of the distances dᵢ = ‖xⁱ − x^{i₀}‖",
         "500 in Bahdanau & Jaeger's Fig. 7", kIteration},
        {0, 1e7}, 100, [](auto& c) -> auto& { return c.iteration.reference_step; }));
    auto definition = choice_setting<E>(
        {"definition", "Outcome definition", "paper (an explosion has no pixel > 0.95) or daelab (no pixel > 0.35)",
         "Bahdanau & Jaeger §6.1", kOutcomes},
        std::vector<OutcomeDefinition>{OutcomeDefinition::Paper, OutcomeDefinition::Daelab},
        [](auto& c) -> auto& { return c.definition; }, outcome_definition_name, outcome_definition_from_name);
    const auto set_definition = definition.set;
    definition.set = [set_definition](E& c, const std::string& v) {
        if (!set_definition(c, v)) return false;
        c.thresholds.explosion_max = OutcomeThresholds::of(c.definition).explosion_max;
        return true;
    };
    s.push_back(definition);
    s.push_back(number_setting<E>(
        {"explosion-max", "Explosion below",
         "an end point with no pixel above this is an "
         "explosion",
         "\"a gray stain with no white pixels\", Bahdanau & Jaeger §6.1", kOutcomes},
        {0, 1}, 0.05, [](auto& c) -> auto& { return c.thresholds.explosion_max; }));
    s.push_back(number_setting<E>(
        {"stain-confidence", "Stain below", "the judge's confidence below this makes a stain", "", kOutcomes}, {0, 1},
        0.05, [](auto& c) -> auto& { return c.thresholds.stain_confidence; }));
    s.push_back(whole_setting<E>(
        {"classifier-epochs", "Classifier epochs",
         "epochs of the §5.5 logistic regression (SGD, b = 50, rate annealed ×0.95 an epoch)", "", kClassifier},
        {1, 10000}, 1, [](auto& c) -> auto& { return c.classifier.epochs; }));
    auto rate = number_setting<E>(
        {"classifier-rate", "Classifier rate", "its initial learning rate", "", kClassifier}, {0, 100}, 0.01,
        [](auto& c) -> auto& { return c.classifier.learning_rate; });
    rate.range.min_open = true;
    s.push_back(rate);
    s.push_back(number_setting<E>(
        {"classifier-l2", "Classifier decay", "its weight decay λ of λ/2 ‖W‖²",
         "\"no regularization\" in Bahdanau & Jaeger §6.2: 0", kClassifier},
        {0, 1}, 0.0001, [](auto& c) -> auto& { return c.classifier.l2; }));
    s.push_back(flag_setting<E>(
        {"validation", "Iterate the validation set",
         "iterate the validation set too, for acc_validation (model selection): true or false", "", kClassifier},
        [](auto& c) -> auto& { return c.validation; }));
    return s;
}

}  // namespace

const std::vector<EvaluationSetting>& evaluation_settings() {
    static const std::vector<EvaluationSetting> schema = make_evaluation_schema();
    return schema;
}

bool set_evaluation_option(EvaluationConfig& c, const std::string& key, const std::string& value, std::string* why) {
    EvaluationConfig next = c;
    if (!set_setting(evaluation_settings(), next, key, value, why)) return false;
    for (const auto& s : evaluation_settings())
        if (key == s.key)
            if (std::string problem = s.problem(next); !problem.empty()) {
                if (why) *why = "option '" + key + "': " + problem;
                return false;
            }
    c = next;
    return true;
}

std::vector<std::pair<std::string, std::string>> evaluation_options(const EvaluationConfig& c) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& s : evaluation_settings())
        out.emplace_back(s.key, s.get(c));
    return out;
}

}  // namespace dae
