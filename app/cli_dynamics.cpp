// daelab-cli iterate | evaluate: iterate a trained DAE to fixed points, classify the outcomes,
// and reproduce the evaluation of Bahdanau & Jaeger 2014 (Table 1).
#include "cli_common.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/evaluation.h"
#include "dae/model_io.h"
#include "dae/stability.h"
#include "dae/training.h"
#include "progress.h"
#include "tile_image.h"

#include <QCommandLineParser>
#include <QFile>

#include <cstdio>
#include <fstream>
#include <numeric>
#include <unistd.h>

namespace dae::cli {
namespace {

// Options shared by iterate and evaluate.
struct Common {
    QCommandLineOption dataset{{"d", "dataset"}, "Data set (default: the one the model was trained on).", "id"};
    QCommandLineOption split_seed{"split-seed", "Split seed (default: the model's).", "n"};
    QCommandLineOption train_n{"train-samples", "Training part of the split (default: the model's).", "n"};
    QCommandLineOption held_out{"held-out-samples", "Held-out (test) part of the split (default: the model's).", "n"};
    QCommandLineOption epsilon{"epsilon", "Convergence threshold ε on ‖xⁱ − xⁱ⁻¹‖₂.", "ε", "1e-4"};
    QCommandLineOption max_steps{"max-steps", "Step cap.", "n", "1000"};
    QCommandLineOption stop_fraction{"stop-fraction", "Stop when this share converged (paper: 0.75).", "f", "0.75"};
    QCommandLineOption no_compact{"no-compact", "Keep converged samples in the GEMMs (for comparison)."};
    QCommandLineOption explosion{"explosion-max", "A fixed point whose brightest pixel is below this is an explosion.", "v", "0.35"};
    QCommandLineOption stain{"stain-confidence", "Classifier confidence below this makes a stain.", "p", "0.6"};
    QCommandLineOption threads{"threads", "Threads for the matrix products (0: all cores).", "n", "0"};
    QCommandLineOption quiet{{"q", "quiet"}, "No progress bar."};
    QCommandLineOption progress{"progress", "Draw the progress bar even when stderr is not a terminal."};
    void add_to(QCommandLineParser& p) const {
        p.addOptions({dataset, split_seed, train_n, held_out, epsilon, max_steps, stop_fraction, no_compact, explosion,
                      stain, threads, quiet, progress});
    }
};

struct Loaded {
    SavedModel model;
    Dataset train, test;
    EvaluationConfig config;
};

std::string meta(const SavedModel& m, const std::string& key, const std::string& fallback) {
    const auto it = m.metadata.find(key);
    return it == m.metadata.end() ? fallback : it->second;
}

Loaded load(const QCommandLineParser& parser, const Common& c, const QString& model_path) {
    Loaded l;
    l.model = load_model(model_path.toStdString());
    const auto& md = l.model;
    const std::string id = parser.isSet(c.dataset) ? parser.value(c.dataset).toStdString() : meta(md, "dataset", "mnist");
    const Dataset data = load_dataset(id);
    if (data.dim() != md.model.visible())
        throw Error(model_path.toStdString() + ": the model takes " + std::to_string(md.model.visible()) +
                    " values per sample but '" + id + "' has " + std::to_string(data.dim()));
    auto number = [&](const QCommandLineOption& o, const char* key, long long fallback) {
        if (parser.isSet(o)) return parser.value(o).toLongLong();
        const std::string v = meta(md, key, "");
        return v.empty() ? fallback : std::stoll(v);
    };
    const Index n = data.size();
    const Index held = number(c.held_out, "split.held-out", n / 5);
    const Index train = number(c.train_n, "split.train", n - held);
    if (held < 1 || train < 1 || train + held > n)
        throw Error("a split of " + std::to_string(train) + " + " + std::to_string(held) + " does not fit the " +
                    std::to_string(n) + " samples of '" + id + "'");
    const Split split = make_split(n, train, held, 0, static_cast<std::uint64_t>(number(c.split_seed, "split.seed", 1)));
    l.train = data.subset(split.train);
    l.test = data.subset(split.validation);

    EvaluationConfig& e = l.config;
    e.iteration.epsilon = parser.value(c.epsilon).toDouble();
    e.iteration.max_steps = parser.value(c.max_steps).toInt();
    e.iteration.stop_fraction = parser.value(c.stop_fraction).toDouble();
    e.iteration.compact = !parser.isSet(c.no_compact);
    e.thresholds.explosion_max = parser.value(c.explosion).toDouble();
    e.thresholds.stain_confidence = parser.value(c.stain).toDouble();
    // MSE^WB uses the noise and k the model was trained with.
    if (auto t = corruption_from_name(meta(md, "train.corruption", "gaussian"))) e.corruption.type = *t;
    e.corruption.level = std::stod(meta(md, "train.level", "0.5"));
    e.walkback = std::stoi(meta(md, "train.walkback", "1"));
    std::string why;
    if (!e.iteration.validate(&why)) throw Error("iteration settings: " + why);
    if (parser.value(c.threads).toInt() > 0) set_compute_threads(parser.value(c.threads).toInt());
    return l;
}

void print_summary(const char* title, const SetEvaluation& s, Index n) {
    std::printf("%s: %lld samples, %d steps\n", title, static_cast<long long>(n), s.iteration.steps_run);
    for (int o = 0; o < kOutcomeCount; ++o) {
        const Index c = s.summary.counts[static_cast<std::size_t>(o)];
        std::printf("  %-14s %6lld  %5.1f%%\n", outcome_name(Outcome(o)), static_cast<long long>(c),
                    100.0 * static_cast<double>(c) / static_cast<double>(std::max<Index>(n, 1)));
    }
    if (s.summary.explosions >= 2)
        std::printf("  explosions %s (largest distance between two: %.3g)\n",
                    s.summary.explosions_coincide ? "all coincide" : "do not all coincide", s.summary.explosion_spread);
    std::printf("  pixels: fixed points %.1f%% black, %.1f%% white; originals %.1f%% black, %.1f%% white\n",
                100 * s.fixed.black_fraction, 100 * s.fixed.white_fraction, 100 * s.original.black_fraction,
                100 * s.original.white_fraction);
}

// One PNG per outcome: pairs of rows, originals above their fixed points, up to `count` samples.
void write_sheets(const QString& prefix, const Dataset& data, const SetEvaluation& s, int count) {
    for (int o = 0; o < kOutcomeCount; ++o) {
        std::vector<Index> members;
        for (std::size_t j = 0; j < s.outcomes.size() && static_cast<int>(members.size()) < count; ++j)
            if (s.outcomes[j].outcome == Outcome(o)) members.push_back(static_cast<Index>(j));
        if (members.empty()) continue;
        constexpr int kPerRow = 10;
        const int rows = (static_cast<int>(members.size()) + kPerRow - 1) / kPerRow;
        Matrix tiles = Matrix::Zero(data.dim(), 2 * rows * kPerRow);
        for (std::size_t i = 0; i < members.size(); ++i) {
            const int r = static_cast<int>(i) / kPerRow, c = static_cast<int>(i) % kPerRow;
            tiles.col((2 * r) * kPerRow + c) = data.samples.col(members[i]);
            tiles.col((2 * r + 1) * kPerRow + c) = s.iteration.fixed_points.col(members[i]);
        }
        ui::TileLayout layout;
        layout.tile_width = data.width;
        layout.tile_height = data.height;
        layout.columns = kPerRow;
        const QString file = prefix + "-" + outcome_name(Outcome(o)) + ".png";
        const QImage image = ui::tiles_image(tiles, layout, ui::TileScaling::Fixed01);
        if (!image.scaled(image.size() * 2, Qt::IgnoreAspectRatio, Qt::FastTransformation).save(file))
            throw Error(file.toStdString() + ": cannot write");
        std::printf("  contact sheet: %s (%zu samples, originals above fixed points)\n", qPrintable(file), members.size());
    }
}

}  // namespace

int cmd_iterate(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Iterates a trained DAE, x⁰ = x, xⁱ = r(xⁱ⁻¹), on a data set until 75 % of the samples converged\n"
        "(‖xⁱ − xⁱ⁻¹‖ < ε) or the step cap, then classifies each fixed point: converged, other class,\n"
        "stain, explosion, not converged, cycle."));
    parser.addHelpOption();
    parser.addPositionalArgument("model", "A model file written by daelab-cli train.");
    Common c;
    c.add_to(parser);
    const QCommandLineOption subset("subset", "held-out (default), train or all.", "which", "held-out");
    const QCommandLineOption limit("limit", "Only the first n samples of the subset.", "n");
    const QCommandLineOption out({"o", "out"}, "Fixed points as .npz: originals, fixed_points (N × d), labels, steps, outcome.", "file");
    const QCommandLineOption csv("csv", "Per-sample outcomes as CSV.", "file");
    const QCommandLineOption sheet("sheet", "Contact sheets PREFIX-<outcome>.png.", "prefix");
    const QCommandLineOption sheet_count("sheet-count", "Samples per contact sheet.", "n", "40");
    parser.addOptions({subset, limit, out, csv, sheet, sheet_count});
    parser.process(args);
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "%s", qPrintable(parser.helpText()));
        return 2;
    }
    Loaded l = load(parser, c, parser.positionalArguments().at(0));
    Dataset data;
    const QString which = parser.value(subset);
    if (which == "held-out") data = l.test;
    else if (which == "train") data = l.train;
    else if (which == "all") data = load_dataset(l.train.name);
    else return fail("--subset is held-out, train or all (got '" + which + "')");
    if (parser.isSet(limit)) {
        std::vector<Index> first(static_cast<std::size_t>(std::min<Index>(parser.value(limit).toLongLong(), data.size())));
        std::iota(first.begin(), first.end(), Index{0});
        data = data.subset(first);
    }
    SoftmaxClassifier reference;
    std::fprintf(stderr, "training the reference classifier on %lld original training samples\n",
                 static_cast<long long>(l.train.size()));
    reference.train(l.train.samples, l.train.labels, std::max(l.train.num_classes, data.num_classes), l.config.classifier);

    ProgressBar bar(!parser.isSet(c.quiet) && (parser.isSet(c.progress) || isatty(2)));
    const auto t0 = std::chrono::steady_clock::now();
    const Index n = data.size();
    const SetEvaluation s = evaluate_set(l.model.model, data, reference, l.config, [&](int step, Index active, Index converged) {
        char text[128];
        std::snprintf(text, sizeof text, "step %d  %lld active  %lld converged", step, static_cast<long long>(active),
                      static_cast<long long>(converged));
        bar.update(static_cast<double>(converged) / (l.config.iteration.stop_fraction * static_cast<double>(n)), text);
    });
    bar.finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    print_summary(qPrintable(QString("%1 (%2)").arg(which, QString::fromStdString(data.name))), s, n);
    std::printf("  %.2f s\n", seconds);

    if (parser.isSet(csv)) {
        std::ofstream f(parser.value(csv).toStdString());
        if (!f) return fail(parser.value(csv) + ": cannot write");
        f << "index,label,outcome,ending,steps,predicted,confidence,max_intensity,last_step_length\n";
        for (Index j = 0; j < n; ++j) {
            const auto& o = s.outcomes[static_cast<std::size_t>(j)];
            const auto& l_steps = s.iteration.step_length[static_cast<std::size_t>(j)];
            f << j << ',' << data.labels[static_cast<std::size_t>(j)] << ',' << outcome_name(o.outcome) << ','
              << ending_name(s.iteration.ending[static_cast<std::size_t>(j)]) << ',' << s.iteration.steps[static_cast<std::size_t>(j)]
              << ',' << o.predicted << ',' << o.confidence << ',' << o.max_intensity << ','
              << (l_steps.empty() ? 0.0f : l_steps.back()) << '\n';
        }
    }
    if (parser.isSet(out)) {
        std::vector<std::int32_t> labels(data.labels.begin(), data.labels.end()), steps(s.iteration.steps.begin(), s.iteration.steps.end()),
            outcome;
        for (const auto& o : s.outcomes) outcome.push_back(static_cast<std::int32_t>(o.outcome));
        write_npz(parser.value(out).toStdString(),
                  {{"originals", data.samples.data(), {n, data.dim()}, false},
                   {"fixed_points", s.iteration.fixed_points.data(), {n, data.dim()}, false},
                   {"labels", labels.data(), {n}, true},
                   {"steps", steps.data(), {n}, true},
                   {"outcome", outcome.data(), {n}, true}});
        std::printf("  fixed points written to %s (outcome codes: 0 converged, 1 other-class, 2 stain, 3 explosion, "
                    "4 not-converged, 5 cycle)\n", qPrintable(parser.value(out)));
    }
    if (parser.isSet(sheet)) write_sheets(parser.value(sheet), data, s, parser.value(sheet_count).toInt());
    return 0;
}

int cmd_evaluate(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The evaluation of Bahdanau & Jaeger 2014 (Table 1): iterate the training and held-out sets,\n"
        "train logistic regression on the fixed points, and report acc_train, acc_test, EX_train,\n"
        "EX_test, MSE^WB and pixel statistics, beside the same classifier on the original data."));
    parser.addHelpOption();
    parser.addPositionalArgument("model", "A model file written by daelab-cli train.");
    Common c;
    c.add_to(parser);
    const QCommandLineOption csv("csv", "Append one CSV row of the results (header written when new).", "file");
    parser.addOption(csv);
    parser.process(args);
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "%s", qPrintable(parser.helpText()));
        return 2;
    }
    const QString model_path = parser.positionalArguments().at(0);
    Loaded l = load(parser, c, model_path);
    ProgressBar bar(!parser.isSet(c.quiet) && (parser.isSet(c.progress) || isatty(2)));
    const auto t0 = std::chrono::steady_clock::now();
    const DynamicsEvaluation r = evaluate_dynamics(l.model.model, l.train, l.test, l.config,
                                                   [&](const std::string& stage, double f) { bar.update(f, stage); });
    bar.finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    print_summary("train", r.train, l.train.size());
    print_summary("held-out", r.test, l.test.size());
    std::printf("\nlogistic regression            on train   on held-out\n");
    std::printf("  fixed points → fixed points   %7.4f     %7.4f     (acc_train, acc_test)\n", r.acc_train, r.acc_test);
    std::printf("  originals → originals         %7.4f     %7.4f     (baseline)\n", r.baseline_train, r.baseline_test);
    std::printf("  originals → fixed points                  %7.4f\n", r.original_on_fixed);
    std::printf("  fixed points → originals                  %7.4f\n", r.fixed_on_original);
    std::printf("MSE^WB (k=%d, %s %.2f): train %.3f, held-out %.3f\n", l.config.walkback, corruption_name(l.config.corruption.type),
                l.config.corruption.level, r.train.walkback_mse, r.test.walkback_mse);
    std::printf("EX_train %lld, EX_test %lld   (%.2f s)\n", static_cast<long long>(r.train.summary.explosions),
                static_cast<long long>(r.test.summary.explosions), seconds);
    if (parser.isSet(csv)) {
        const QString file = parser.value(csv);
        const bool fresh = !QFile::exists(file);
        std::ofstream f(file.toStdString(), std::ios::app);
        if (!f) return fail(file + ": cannot write");
        if (fresh)
            f << "model,k,level,acc_train,acc_test,baseline_test,EX_train,EX_test,mse_wb_train,mse_wb_test,"
                 "black_fixed_test,white_fixed_test,steps_train,steps_test,converged_test,other_class_test,stain_test,"
                 "explosion_test,not_converged_test,cycle_test,explosions_coincide_test\n";
        const auto& t = r.test.summary.counts;
        f << model_path.toStdString() << ',' << l.config.walkback << ',' << l.config.corruption.level << ',' << r.acc_train
          << ',' << r.acc_test << ',' << r.baseline_test << ',' << r.train.summary.explosions << ','
          << r.test.summary.explosions << ',' << r.train.walkback_mse << ',' << r.test.walkback_mse << ','
          << r.test.fixed.black_fraction << ',' << r.test.fixed.white_fraction << ',' << r.train.iteration.steps_run << ','
          << r.test.iteration.steps_run << ',' << t[0] << ',' << t[1] << ',' << t[2] << ',' << t[3] << ',' << t[4] << ','
          << t[5] << ',' << (r.test.summary.explosions_coincide ? 1 : 0) << '\n';
    }
    return 0;
}

}  // namespace dae::cli

namespace dae::cli {

int cmd_stability(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Iterates one held-out digit to its fixed point x*, then estimates the spectral radius of the\n"
        "Jacobian ∂r/∂x at x* by power iteration: the fixed point is stable when ρ < 1."));
    parser.addHelpOption();
    parser.addPositionalArgument("model", "A model file written by daelab-cli train.");
    Common c;
    c.add_to(parser);
    const QCommandLineOption index("index", "Which held-out digit.", "n", "0");
    const QCommandLineOption png("png", "Save the leading direction as a PNG.", "file");
    parser.addOptions({index, png});
    parser.process(args);
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "%s", qPrintable(parser.helpText()));
        return 2;
    }
    Loaded l = load(parser, c, parser.positionalArguments().at(0));
    const Index i = parser.value(index).toLongLong();
    if (i < 0 || i >= l.test.size()) return fail(QString("--index must be 0 … %1").arg(l.test.size() - 1));
    IterationConfig it = l.config.iteration;
    it.stop_fraction = 1;
    const IterationResult r = iterate(l.model.model, l.test.samples.col(i), it);
    std::printf("digit %lld (label %d): %s after %d steps\n", static_cast<long long>(i), l.test.labels[static_cast<std::size_t>(i)],
                ending_name(r.ending[0]), r.steps[0]);
    const SpectralEstimate e = spectral_radius(l.model.model, r.fixed_points.col(0));
    std::printf("spectral radius of the Jacobian at the end point: %.6f (%s, %d power iterations%s)\n", e.radius,
                e.stable() ? "stable" : "unstable", e.iterations, e.converged ? "" : ", not converged");
    if (parser.isSet(png)) {
        ui::TileLayout layout;
        layout.columns = 1;
        layout.gap = 0;
        layout.tile_width = l.test.width;
        layout.tile_height = l.test.height;
        const QImage image = ui::tiles_image(e.direction, layout, ui::TileScaling::PerTile);
        if (!image.scaled(image.size() * 8, Qt::IgnoreAspectRatio, Qt::FastTransformation).save(parser.value(png)))
            return fail(parser.value(png) + ": cannot write");
    }
    return 0;
}

}  // namespace dae::cli
