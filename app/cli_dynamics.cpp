// daelab-cli evaluate | stability (iterate: cli_iterate.cpp): reproduce the evaluation of Bahdanau &
// Jaeger 2014 (Table 1), and the stability of a fixed point. Every model is used with the data it
// was trained on and its own split.
#include "cli_dynamics.h"

#include "cli_common.h"
#include "cli_json.h"
#include "cli_support.h"
#include "dae/error.h"
#include "dae/evaluation.h"
#include "dae/stability.h"
#include "render/tile_image.h"

#include <QCommandLineParser>

#include <cstdio>
#include <numeric>
#include <sstream>

namespace dae::cli {
bool parse_model_command(QCommandLineParser& parser, const QStringList& args, int* code) {
    if (!parse_command(parser, args, code)) return false;
    if (parser.positionalArguments().size() != 1) {
        *code = fail("expects one model file (.dae, or .npz: W1, b1, W2, b2); see --help");
        return false;
    }
    if (parser.isSet(QStringLiteral("json"))) check_writable(parser.value(QStringLiteral("json")), "JSON results");
    return true;
}

EvaluationConfig evaluation_from_flags(const QCommandLineParser& parser, const Common& c) {
    EvaluationConfig e;
    std::string why;
    // "definition" first: it sets the explosion threshold, which an explicit --explosion-max overrides.
    for (const auto& o : c.evaluation)
        if (o.names().first() == QLatin1String("definition") && parser.isSet(o) &&
            !set_evaluation_option(e, "definition", parser.value(o).toStdString(), &why))
            throw Error(why);
    for (const auto& o : c.evaluation)
        if (o.names().first() != QLatin1String("definition") && parser.isSet(o) &&
            !set_evaluation_option(e, o.names().first().toStdString(), parser.value(o).toStdString(), &why))
            throw Error(why);
    if (!e.iteration.validate(&why) || !e.thresholds.validate(&why)) throw Error("iteration settings: " + why);
    return e;
}

Loaded load(const QCommandLineParser& parser, const Common& c, const QString& model_path, RunObserver* observer) {
    Loaded l;
    l.m = load_model_with_data(model_path, parser.value(c.dataset), parser, c.import);
    l.config = evaluation_from_flags(parser, c);
    EvaluationConfig& e = l.config;
    // MSE^WB uses the noise and k the model was trained with.
    if (const auto& s = l.m.saved.provenance.settings) {
        e.corruption = s->corruption;
        e.walkback = s->walkback;
    }
    apply_threads(parser, c.threads,
                  iteration_work(l.m.partition.test.size(), l.m.saved.model.visible(), l.m.saved.model.hidden()));
    ObserverSection s(observer, "training the judge (once per data set; cached)", 0, 1);
    l.judge = cached_judge(l.m.partition.train, l.m.partition.validation, {}, &s);
    return l;
}

void print_summary(const char* title, const SetEvaluation& s, Index n, const EvaluationConfig& config) {
    const OutcomeDefinition shown = config.definition;
    std::printf("%s: %lld samples, %d steps (stopping rule %s)\n", title, static_cast<long long>(n),
                s.iteration.steps_run, stopping_rule_name(config.iteration.rule));
    const OutcomeSummary& a = s.under(OutcomeDefinition::Paper);
    const OutcomeSummary& b = s.under(OutcomeDefinition::Daelab);
    std::printf("  %-14s %8s %8s   share (%s definition)\n", "outcome", "paper", "daelab",
                outcome_definition_name(shown));
    for (int o = 0; o < kOutcomeCount; ++o)
        std::printf("  %-14s %8lld %8lld   %5.1f%%\n", outcome_name(Outcome(o)),
                    static_cast<long long>(a.count(Outcome(o))), static_cast<long long>(b.count(Outcome(o))),
                    100.0 * static_cast<double>(s.summary.count(Outcome(o))) /
                        static_cast<double>(std::max<Index>(n, 1)));
    if (s.summary.explosions >= 2)
        std::printf("  explosions %s (largest distance between two: %.3g)\n",
                    s.summary.explosions_coincide ? "all coincide" : "do not all coincide", s.summary.explosion_spread);
    std::printf("  pixels: fixed points %.1f%% black, %.1f%% white; originals %.1f%% black, %.1f%% white\n",
                100 * s.fixed.black_fraction, 100 * s.fixed.white_fraction, 100 * s.original.black_fraction,
                100 * s.original.white_fraction);
}

namespace {

void print_evaluation(const DynamicsEvaluation& r, const Loaded& l, double seconds) {
    const char* test = l.m.partition.test_name();
    print_summary("train", r.train, l.m.partition.train.size(), l.config);
    if (r.validation) print_summary("validation", *r.validation, l.m.partition.validation.size(), l.config);
    print_summary(test, r.test, l.m.partition.test.size(), l.config);
    std::printf("\nlogistic regression            on train   on %s\n", test);
    std::printf("  fixed points → fixed points   %7.4f     %7.4f     (acc_train, acc_test)\n", r.acc_train, r.acc_test);
    std::printf("  originals → originals         %7.4f     %7.4f     (baseline)\n", r.baseline_train, r.baseline_test);
    std::printf("  originals → fixed points                  %7.4f\n", r.original_on_fixed);
    std::printf("  fixed points → originals                  %7.4f\n", r.fixed_on_original);
    if (r.validation)
        std::printf("  on the validation set: fixed points %.4f (acc_validation, what model selection reads), "
                    "originals %.4f\n",
                    r.acc_validation, r.baseline_validation);
    std::printf("judge (MLP) on the %s originals: %.4f\n", test, r.judge_test);
    std::printf("MSE^WB (k=%d, %s %.2f): train %.3f, %s %.3f\n", l.config.walkback,
                corruption_name(l.config.corruption.type), l.config.corruption.level, r.train.walkback_mse, test,
                r.test.walkback_mse);
    std::printf("EX_train %lld, EX_test %lld (paper's definition; daelab's: %lld, %lld; among every end point, settled "
                "or not: %lld, %lld)   (%.2f s)\n",
                static_cast<long long>(r.train.under(OutcomeDefinition::Paper).explosions),
                static_cast<long long>(r.test.under(OutcomeDefinition::Paper).explosions),
                static_cast<long long>(r.train.under(OutcomeDefinition::Daelab).explosions),
                static_cast<long long>(r.test.under(OutcomeDefinition::Daelab).explosions),
                static_cast<long long>(r.train.under(OutcomeDefinition::Paper).explosions_any),
                static_cast<long long>(r.test.under(OutcomeDefinition::Paper).explosions_any), seconds);
}

QJsonObject evaluation_json(const DynamicsEvaluation& r, const Loaded& l, const QString& model, double seconds) {
    QJsonObject json = json_header("evaluate", model, l.m.dataset);
    json["official_test"] = l.m.partition.official_test;
    json["settings"] = json_settings(l.config);
    json["walkback"] = l.config.walkback;
    json["corruption"] = QString::fromLatin1(corruption_name(l.config.corruption.type));
    json["level"] = l.config.corruption.level;
    json["acc_train"] = r.acc_train;
    json["acc_test"] = r.acc_test;
    json["baseline_train"] = r.baseline_train;
    json["baseline_test"] = r.baseline_test;
    json["original_on_fixed"] = r.original_on_fixed;
    json["fixed_on_original"] = r.fixed_on_original;
    json["judge_test"] = r.judge_test;
    json["mse_wb_train"] = r.train.walkback_mse;
    json["mse_wb_test"] = r.test.walkback_mse;
    json["train"] = json_set(r.train, l.m.partition.train.size(), l.config);
    json["test"] = json_set(r.test, l.m.partition.test.size(), l.config);
    if (r.validation) {
        json["acc_validation"] = r.acc_validation;
        json["baseline_validation"] = r.baseline_validation;
        json["validation"] = json_set(*r.validation, l.m.partition.validation.size(), l.config);
    }
    json["seconds"] = seconds;
    return json;
}

void append_evaluation_row(const QString& csv, const DynamicsEvaluation& r, const Loaded& l, const QString& model) {
    const std::string header =
        "model,dataset,k,level,acc_train,acc_test,baseline_test,judge_test,EX_train,EX_test,EX_train_daelab,"
        "EX_test_daelab,mse_wb_train,mse_wb_test,black_fixed_test,white_fixed_test,steps_train,steps_test,"
        "converged_test,other_class_test,stain_test,explosion_test,not_converged_test,cycle_test,"
        "explosions_coincide_test\n";
    const OutcomeSummary& t = r.test.summary;
    std::ostringstream f;
    f << model.toStdString() << ',' << l.m.dataset << ',' << l.config.walkback << ',' << l.config.corruption.level
      << ',' << r.acc_train << ',' << r.acc_test << ',' << r.baseline_test << ',' << r.judge_test << ','
      << r.train.under(OutcomeDefinition::Paper).explosions << ',' << r.test.under(OutcomeDefinition::Paper).explosions
      << ',' << r.train.under(OutcomeDefinition::Daelab).explosions << ','
      << r.test.under(OutcomeDefinition::Daelab).explosions << ',' << r.train.walkback_mse << ',' << r.test.walkback_mse
      << ',' << r.test.fixed.black_fraction << ',' << r.test.fixed.white_fraction << ',' << r.train.iteration.steps_run
      << ',' << r.test.iteration.steps_run;
    for (int o = 0; o < kOutcomeCount; ++o)
        f << ',' << t.count(Outcome(o));
    f << ',' << (t.explosions_coincide ? 1 : 0) << '\n';
    append_csv_row(csv, header, f.str());
}

}  // namespace

int cmd_evaluate(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The evaluation of Bahdanau & Jaeger 2014 (Table 1): iterate the training and test sets,\n"
        "train logistic regression on the fixed points, and report acc_train, acc_test, EX_train,\n"
        "EX_test, MSE^WB and pixel statistics, beside the same classifier on the original data.\n"
        "The test set is the data set's official one (the full MNIST's 10,000 digits) when it has one."));
    parser.addHelpOption();
    parser.addPositionalArgument("model", kModelArgument);
    Common c;
    c.add_to(parser);
    const QCommandLineOption csv("csv", "Append one CSV row of the results (header written when new).", "file");
    parser.addOption(csv);
    int code = 0;
    if (!parse_model_command(parser, args, &code)) return code;
    if (parser.isSet(csv)) check_writable(parser.value(csv), "results CSV");
    const QString model_path = parser.positionalArguments().at(0);
    BarObserver bar(bar_wanted(parser, c.quiet, c.progress));
    Loaded l = load(parser, c, model_path, &bar);
    const auto t0 = std::chrono::steady_clock::now();
    const DynamicsEvaluation r = evaluate_dynamics(l.m.saved.model, l.m.partition, l.judge, l.config, &bar);
    bar.finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    print_evaluation(r, l, seconds);
    if (parser.isSet(c.json)) write_json(parser.value(c.json), evaluation_json(r, l, model_path, seconds));
    if (parser.isSet(csv)) append_evaluation_row(parser.value(csv), r, l, model_path);
    return 0;
}

int cmd_stability(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Iterates one test digit to its fixed point x*, then estimates the spectral radius of the\n"
                       "Jacobian ∂r/∂x at x* by power iteration: the fixed point is stable when ρ < 1."));
    parser.addHelpOption();
    parser.addPositionalArgument("model", kModelArgument);
    Common c;
    c.add_to(parser);
    const QCommandLineOption index("index", "Which test digit.", "n", "0");
    const QCommandLineOption png("png", "Save the leading direction as a PNG.", "file");
    parser.addOptions({index, png});
    int code = 0;
    if (!parse_model_command(parser, args, &code)) return code;
    if (parser.isSet(png)) check_writable(parser.value(png), "PNG");
    const ModelWithData m =
        load_model_with_data(parser.positionalArguments().at(0), parser.value(c.dataset), parser, c.import);
    const Dataset& test = m.partition.test;
    const Index i = integer_option(parser, index, 0, test.size() - 1);
    IterationConfig it;
    it.stop_fraction = 1;
    std::string why;
    EvaluationConfig e;
    for (const auto& o : c.evaluation)
        if (parser.isSet(o) &&
            !set_evaluation_option(e, o.names().first().toStdString(), parser.value(o).toStdString(), &why))
            return fail(QString::fromStdString(why));
    it.epsilon = e.iteration.epsilon;
    it.max_steps = e.iteration.max_steps;
    const IterationResult r = iterate(m.saved.model, test.samples.col(i), it);
    std::printf("digit %lld (label %d): %s after %d steps\n", static_cast<long long>(i),
                test.labels[static_cast<std::size_t>(i)], ending_name(r.ending[0]), r.steps[0]);
    const SpectralEstimate est = spectral_radius(m.saved.model, r.fixed_points.col(0));
    std::printf("spectral radius of the Jacobian at the end point: %.6f (%s, %d power iterations%s)\n", est.radius,
                est.stable() ? "stable" : "unstable", est.iterations, est.converged ? "" : ", not converged");
    if (parser.isSet(c.json)) {
        QJsonObject json = json_header("stability", parser.positionalArguments().at(0), m.dataset);
        json["index"] = static_cast<qint64>(i);
        json["label"] = test.labels[static_cast<std::size_t>(i)];
        json["ending"] = QString::fromLatin1(ending_name(r.ending[0]));
        json["steps"] = r.steps[0];
        json["spectral_radius"] = est.radius;
        json["stable"] = est.stable();
        json["power_iterations"] = est.iterations;
        json["power_iteration_converged"] = est.converged;
        write_json(parser.value(c.json), json);
    }
    if (parser.isSet(png)) {
        ui::TileLayout layout;
        layout.columns = 1;
        layout.gap = 0;
        layout.tile_width = test.width;
        layout.tile_height = test.height;
        save_png(ui::tiles_image(est.direction, layout, ui::TileScaling::PerTile), parser.value(png), 8);
    }
    return 0;
}

}  // namespace dae::cli
