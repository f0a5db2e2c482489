// daelab-cli iterate: iterate a trained DAE to fixed points on a set and classify the outcomes
// (Bahdanau & Jaeger 2014 §5.4, §6.1); CSV, JSON, .npz and contact sheets.
#include "cli_common.h"
#include "cli_dynamics.h"
#include "cli_json.h"
#include "cli_support.h"
#include "dae/error.h"
#include "render/tile_image.h"

#include <chrono>
#include <cstdio>
#include <sstream>

namespace dae::cli {
namespace {

// One PNG per outcome: pairs of rows, originals above their fixed points, up to `count` samples.
void write_sheets(const QString& prefix, const Dataset& data, const SetEvaluation& s, int count) {
    for (int o = 0; o < kOutcomeCount; ++o) {
        const auto members = outcome_members(s.outcomes, Outcome(o), count);
        if (members.empty()) continue;
        ui::TileLayout layout;
        layout.tile_width = data.width;
        layout.tile_height = data.height;
        layout.columns = kSheetPerRow;
        const QString file = prefix + "-" + outcome_name(Outcome(o)) + ".png";
        save_png(ui::tiles_image(contact_sheet(data.samples, s.iteration.fixed_points, members), layout,
                                 ui::TileScaling::Fixed01),
                 file, 2);
        std::printf("  contact sheet: %s (%zu samples, originals above fixed points)\n", qPrintable(file),
                    members.size());
    }
}

Dataset subset_of(const ModelWithData& m, const QString& which) {
    if (which == QLatin1String("test")) return m.partition.test;
    if (which == QLatin1String("validation") || which == QLatin1String("held-out")) return m.partition.validation;
    if (which == QLatin1String("train")) return m.partition.train;
    if (which == QLatin1String("all")) return m.data.pool;
    throw Error("--subset: '" + which.toStdString() + "' is not test, validation, train or all");
}

// --compare-rules: the same samples under the other stopping rule; how many outcomes differ.
QJsonObject compare_rules(const Loaded& l, const Dataset& data, const SetEvaluation& s) {
    EvaluationConfig other = l.config;
    other.iteration.rule =
        l.config.iteration.rule == StoppingRule::SharedStep ? StoppingRule::Freeze : StoppingRule::SharedStep;
    const SetEvaluation t = evaluate_set(l.m.saved.model, data, l.judge, other, nullptr);
    Index differ = 0, max_move = 0;
    double largest = 0;
    for (Index j = 0; j < data.size(); ++j) {
        differ += s.outcomes[static_cast<std::size_t>(j)].outcome != t.outcomes[static_cast<std::size_t>(j)].outcome;
        const double dist = (s.iteration.fixed_points.col(j) - t.iteration.fixed_points.col(j)).norm();
        if (dist > largest) {
            largest = dist;
            max_move = j;
        }
    }
    std::printf("rule %s vs %s: %lld of %lld outcomes differ; end points differ by at most %.3g (sample %lld); "
                "steps %d vs %d\n",
                stopping_rule_name(l.config.iteration.rule), stopping_rule_name(other.iteration.rule),
                static_cast<long long>(differ), static_cast<long long>(data.size()), largest,
                static_cast<long long>(max_move), s.iteration.steps_run, t.iteration.steps_run);
    return QJsonObject{{"other_rule", QString::fromLatin1(stopping_rule_name(other.iteration.rule))},
                       {"outcomes_differ", static_cast<qint64>(differ)},
                       {"largest_end_point_distance", largest},
                       {"other_steps_run", t.iteration.steps_run}};
}

QJsonObject per_sample_json(const Dataset& data, const SetEvaluation& s) {
    QJsonArray label, outcome, steps, predicted, confidence;
    for (Index j = 0; j < data.size(); ++j) {
        const auto& o = s.outcomes[static_cast<std::size_t>(j)];
        label.append(data.labels[static_cast<std::size_t>(j)]);
        outcome.append(QString::fromLatin1(outcome_name(o.outcome)));
        steps.append(s.iteration.steps[static_cast<std::size_t>(j)]);
        predicted.append(o.predicted);
        confidence.append(o.confidence);
    }
    return QJsonObject{
        {"label", label}, {"outcome", outcome}, {"steps", steps}, {"predicted", predicted}, {"confidence", confidence}};
}

std::string outcomes_csv(const Dataset& data, const SetEvaluation& s) {
    std::ostringstream f;
    f << "index,label,outcome,ending,steps,predicted,confidence,max_intensity,last_step_length\n";
    for (Index j = 0; j < data.size(); ++j) {
        const auto& o = s.outcomes[static_cast<std::size_t>(j)];
        const auto& lengths = s.iteration.step_length.empty() ? std::vector<float>{}
                                                              : s.iteration.step_length[static_cast<std::size_t>(j)];
        f << j << ',' << data.labels[static_cast<std::size_t>(j)] << ',' << outcome_name(o.outcome) << ','
          << ending_name(s.iteration.ending[static_cast<std::size_t>(j)]) << ','
          << s.iteration.steps[static_cast<std::size_t>(j)] << ',' << o.predicted << ',' << o.confidence << ','
          << o.max_intensity << ',' << (lengths.empty() ? 0.0f : lengths.back()) << '\n';
    }
    return f.str();
}

void write_fixed_points(const QString& file, const Dataset& data, const SetEvaluation& s) {
    const Index n = data.size();
    std::vector<std::int32_t> labels(data.labels.begin(), data.labels.end()),
        steps(s.iteration.steps.begin(), s.iteration.steps.end()), outcome;
    for (const auto& o : s.outcomes)
        outcome.push_back(static_cast<std::int32_t>(o.outcome));
    write_npz(file.toStdString(), {{"originals", data.samples.data(), {n, data.dim()}, false},
                                   {"fixed_points", s.iteration.fixed_points.data(), {n, data.dim()}, false},
                                   {"labels", labels.data(), {n}, true},
                                   {"steps", steps.data(), {n}, true},
                                   {"outcome", outcome.data(), {n}, true}});
    std::printf("  fixed points written to %s (outcome codes: 0 converged, 1 other-class, 2 stain, 3 explosion, "
                "4 not-converged, 5 cycle)\n",
                qPrintable(file));
}

}  // namespace

int cmd_iterate(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Iterates a trained DAE, x⁰ = x, xⁱ = r(xⁱ⁻¹), on a data set until more than 75 % of the samples\n"
        "converged (‖xⁱ − xⁱ⁻¹‖ < ε) or the step cap, then classifies each end point with the judge:\n"
        "converged, other class, stain, explosion, not converged, cycle (both definitions counted)."));
    parser.addHelpOption();
    parser.addPositionalArgument("model", kModelArgument);
    Common c;
    c.add_to(parser);
    const QCommandLineOption subset("subset",
                                    "test (default: the official test set, or the held-out part when the data set has "
                                    "none), validation, train or all.",
                                    "which", "test");
    const QCommandLineOption limit("limit", "Only the first n samples of the subset.", "n");
    const QCommandLineOption out(
        {"o", "out"}, "Fixed points as .npz: originals, fixed_points (N × d), labels, steps, outcome.", "file");
    const QCommandLineOption csv("csv", "Per-sample outcomes as CSV.", "file");
    const QCommandLineOption sheet("sheet", "Contact sheets PREFIX-<outcome>.png.", "prefix");
    const QCommandLineOption sheet_count("sheet-count", "Samples per contact sheet.", "n", "40");
    const QCommandLineOption compare(
        "compare-rules", "Also iterate under the other stopping rule and count the samples whose outcome differs.");
    parser.addOptions({subset, limit, out, csv, sheet, sheet_count, compare});
    int code = 0;
    if (!parse_model_command(parser, args, &code)) return code;
    if (parser.isSet(out)) check_writable(parser.value(out), "fixed points");
    if (parser.isSet(csv)) check_writable(parser.value(csv), "outcomes CSV");
    if (parser.isSet(sheet)) check_writable(parser.value(sheet) + "-converged.png", "contact sheets");

    BarObserver bar(bar_wanted(parser, c.quiet, c.progress));
    Loaded l = load(parser, c, parser.positionalArguments().at(0), &bar);
    const QString which = parser.value(subset);
    Dataset data = subset_of(l.m, which);
    if (parser.isSet(limit)) data = data.head(integer_option(parser, limit, 1, 1LL << 40));
    const auto t0 = std::chrono::steady_clock::now();
    const Index n = data.size();
    SetEvaluation s;
    {
        ObserverSection section(&bar, "iterating", 0, 1);
        s = evaluate_set(l.m.saved.model, data, l.judge, l.config, &section);
    }
    bar.finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%s set of %s (%s), judge %.2f %% on its test originals\n", qPrintable(which), l.m.dataset.c_str(),
                l.m.partition.official_test ? "official test set" : "no official test set",
                100 * l.judge.accuracy(l.m.partition.test.samples, l.m.partition.test.labels));
    print_summary(which == QLatin1String("test") ? l.m.partition.test_name() : qPrintable(which), s, n, l.config);
    std::printf("  %.2f s\n", seconds);

    QJsonObject json = json_header("iterate", parser.positionalArguments().at(0), l.m.dataset);
    json["subset"] = which;
    json["official_test"] = l.m.partition.official_test;
    json["judge_test_accuracy"] = l.judge.accuracy(l.m.partition.test.samples, l.m.partition.test.labels);
    json["settings"] = json_settings(l.config);
    json["result"] = json_set(s, n, l.config);
    json["seconds"] = seconds;
    if (parser.isSet(compare)) json["compare_rules"] = compare_rules(l, data, s);
    if (parser.isSet(c.json)) {
        json["per_sample"] = per_sample_json(data, s);
        write_json(parser.value(c.json), json);
    }
    if (parser.isSet(csv)) write_text(parser.value(csv), outcomes_csv(data, s));
    if (parser.isSet(out)) write_fixed_points(parser.value(out), data, s);
    if (parser.isSet(sheet))
        write_sheets(parser.value(sheet), data, s, static_cast<int>(integer_option(parser, sheet_count, 1, 10000)));
    return 0;
}

}  // namespace dae::cli
