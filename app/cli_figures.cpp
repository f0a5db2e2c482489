// daelab-cli plot fig3 | fig4 | fig6 | fig7: the paper's figures of single digits (Bahdanau &
// Jaeger 2014), drawn from our models; the samples are chosen as the captions say (dae/paper_figures.h).
//   fig3  a digit under three DAEs (low, middle, high corruption): corrupted (clipped to [−1, 1]),
//         original, reconstructed, pushed through with no noise; then the last three in the contrast
//         palette
//   fig4  a digit after 0, 1, 25 and 500 iterations under three DAEs (low, middle, high corruption)
//   fig6  12 test digits whose fixed points the §5.5 classifier reads right (and that moved ≥ 5), and
//         12 it reads wrong: originals above their fixed points
//   fig7  the convergence of the Fig. 6 digits: step lengths (first 20, first 100), distance to the
//         500th step, on log scales
#include "cli_common.h"
#include "cli_dynamics.h"
#include "cli_support.h"
#include "dae/corruption.h"
#include "dae/dynamics.h"
#include "dae/error.h"
#include "dae/paper_figures.h"
#include "render/plot_image.h"
#include "render/tile_image.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

namespace dae::cli {
namespace {

constexpr int kFig6Count = 12;  // each kind, as in the paper
constexpr int kFig4Count = 6;   // digits, as in the paper
constexpr int kReferenceStep = 500;

// The images' columns in the order given, as one d × n matrix.
Matrix columns(const Matrix& m, const std::vector<Index>& which) {
    Matrix out(m.rows(), static_cast<Index>(which.size()));
    for (std::size_t i = 0; i < which.size(); ++i)
        out.col(static_cast<Index>(i)) = m.col(which[i]);
    return out;
}

QImage tiles(const Matrix& data, int per_row) {
    ui::TileLayout l;
    l.columns = per_row;
    l.gap = 2;
    l.background = qRgb(255, 255, 255);
    return ui::tiles_image(data, l, ui::TileScaling::Fixed01);
}

// Every sample iterated exactly `steps` steps (the frames to keep are the caller's to choose).
IterationConfig exactly(int steps) {
    IterationConfig c;
    c.rule = StoppingRule::SharedStep;
    c.min_steps = c.max_steps = steps;
    c.reference_step = steps;
    return c;
}

QImage fig7_image(const Autoencoder& model, const Matrix& start, std::size_t correct) {
    IterationConfig c = exactly(kReferenceStep);
    c.keep_all_frames = true;  // few digits
    const IterationResult r = iterate(model, start, c);
    ui::LinePlot first20, first100, distance;
    first20.title = QStringLiteral("first 20 step lengths");
    first100.title = QStringLiteral("first 100 step lengths");
    distance.title = QStringLiteral("distance to the %1th step").arg(kReferenceStep);
    first20.x_label = first100.x_label = distance.x_label = QStringLiteral("step i");
    first20.y_label = first100.y_label = QStringLiteral("‖xⁱ⁻¹ − xⁱ‖₂");
    distance.y_label = QStringLiteral("‖xⁱ − x⁵⁰⁰‖₂");
    first20.first_step = first100.first_step = 1;
    for (Index j = 0; j < start.cols(); ++j) {
        const QColor colour = static_cast<std::size_t>(j) < correct ? QColor("#1565c0") : QColor("#c62828");
        const auto& l = r.step_length[static_cast<std::size_t>(j)];
        first20.lines.emplace_back(l.begin(), l.begin() + std::min<std::ptrdiff_t>(20, std::ssize(l)));
        first100.lines.emplace_back(l.begin(), l.begin() + std::min<std::ptrdiff_t>(100, std::ssize(l)));
        const std::vector<float> d = r.distance_to_reference(j, kReferenceStep);  // its 0 at step 500: a gap
        distance.lines.emplace_back(d.begin(), d.end());
        for (ui::LinePlot* p : {&first20, &first100, &distance})
            p->colours.push_back(colour);
    }
    return ui::tile_images(
        {ui::render_log_lines(first20), ui::render_log_lines(first100), ui::render_log_lines(distance)}, 3);
}

int fig6_and_fig7(QCommandLineParser& parser, const Common& c, const QString& figure, const QString& out,
                  const QString& fig7_out, std::uint64_t seed) {
    BarObserver bar(bar_wanted(parser, c.quiet, c.progress));
    Loaded l = load(parser, c, parser.positionalArguments().at(1), &bar);
    const DynamicsEvaluation e = evaluate_dynamics(l.m.saved.model, l.m.partition, l.judge, l.config, &bar);
    bar.finish();
    const Dataset& test = l.m.partition.test;
    const Fig6Choice choice = choose_fig6(test.samples, e.test.iteration.fixed_points, test.labels, e.predicted_test,
                                          kFig6Count, kFigureMinDistance, seed);
    std::printf("acc_test %.4f; Fig. 6: %zu read right (moved ≥ %.0f), %zu read wrong, of the %lld %s digits\n",
                e.acc_test, choice.correct.size(), kFigureMinDistance, choice.misclassified.size(),
                static_cast<long long>(test.size()), l.m.partition.test_name());
    for (std::size_t i = 0; i < choice.misclassified.size(); ++i) {
        const auto j = static_cast<std::size_t>(choice.misclassified[i]);
        std::printf("  wrong %2zu: %s digit %5zu, label %d, read as %d\n", i + 1, l.m.partition.test_name(), j,
                    test.labels[j], e.predicted_test[j]);
    }
    std::vector<Index> all = choice.correct;
    all.insert(all.end(), choice.misclassified.begin(), choice.misclassified.end());
    if (figure == QLatin1String("fig6")) {
        // Rows: originals read right, their fixed points; then the originals of the misread, theirs.
        Matrix sheet = Matrix::Zero(test.dim(), 4 * kFig6Count);
        const auto put = [&](const Matrix& from, const std::vector<Index>& which, int row) {
            for (std::size_t i = 0; i < which.size(); ++i)
                sheet.col(row * kFig6Count + static_cast<Index>(i)) = from.col(which[i]);
        };
        put(test.samples, choice.correct, 0);
        put(e.test.iteration.fixed_points, choice.correct, 1);
        put(test.samples, choice.misclassified, 2);
        put(e.test.iteration.fixed_points, choice.misclassified, 3);
        save_png(tiles(sheet, kFig6Count), out, 2);
        std::printf("%s: Fig. 6\n", qPrintable(out));
    }
    const QString seven = figure == QLatin1String("fig7") ? out : fig7_out;
    if (!seven.isEmpty()) {
        save_png(fig7_image(l.m.saved.model, columns(test.samples, all), choice.correct.size()), seven);
        std::printf("%s: Fig. 7 (blue: read right, red: read wrong)\n", qPrintable(seven));
    }
    return 0;
}

// Fig. 3: "Reconstruction for different corruption levels; the first, second and third rows correspond
// to the low, middle and high levels. First column: corrupted images, the intensities below −1 and
// above 1 are suppressed to −1 and 1 respectively. Columns 2-4: original, reconstructed and pushed
// through the DAE with no noise addition samples. Columns 5-7: same as columns 2-4 but with a special
// color scheme." Each model's noise is its own training noise; the digit is the first test "8" unless
// `index` chooses (the paper's is an 8).
int fig3(QCommandLineParser& parser, const Common& c, const QString& out, std::uint64_t seed, long long index) {
    const QStringList models = parser.positionalArguments().mid(1);
    if (models.size() != 3) return fail("fig3 expects three models (low, middle, high corruption); see --help");
    const ModelWithData first = load_model_with_data(models.front(), parser.value(c.dataset), parser, c.import);
    const Dataset& test = first.partition.test;
    if (index < 0) {
        const auto eight = std::find(test.labels.begin(), test.labels.end(), 8);
        index = eight == test.labels.end() ? 0 : std::distance(test.labels.begin(), eight);
    }
    if (index >= test.size())
        return fail(QString("--index %1: the test set has %2 digits").arg(index).arg(test.size()));
    const Matrix x = test.samples.col(static_cast<Index>(index));
    std::vector<QImage> rows;
    for (const QString& path : models) {
        const SavedModel saved = load_any_model(path, parser, c.import);
        if (saved.model.visible() != x.rows())
            throw Error(path.toStdString() + ": another input size than " + models.front().toStdString());
        if (!saved.provenance.settings)
            throw Error(path.toStdString() + ": the file does not say the noise it was trained with");
        const Corruption noise = saved.provenance.settings->corruption;
        Matrix corrupted;
        Corrupter(seed).apply(noise, x, corrupted);
        Matrix gray(x.rows(), 4), palette(x.rows(), 3);
        gray.col(0) = ((corrupted.array().max(-1).min(1) + 1) / 2).matrix();  // [−1, 1] shown as black … white
        gray.col(1) = x;
        gray.col(2) = saved.model.reconstruct(corrupted);
        gray.col(3) = saved.model.reconstruct(x);
        palette = gray.rightCols(3);
        ui::TileLayout l;
        l.columns = 4;
        l.tile_width = test.width;
        l.tile_height = test.height;
        l.gap = 2;
        l.background = qRgb(255, 255, 255);
        rows.push_back(ui::tiles_image(gray, l, ui::TileScaling::Fixed01));
        l.columns = 3;
        rows.push_back(ui::tiles_image(palette, l, ui::TileScaling::Fixed01, ui::Palette::Contrast));
        std::printf("  %s: %s %g\n", qPrintable(path), corruption_name(noise.type), noise.level);
    }
    save_png(ui::tile_images(rows, 2), out, 3);
    std::printf("%s: Fig. 3, %s digit %lld (label %d)\n", qPrintable(out), first.partition.test_name(), index,
                test.labels[static_cast<std::size_t>(index)]);
    return 0;
}

int fig4(QCommandLineParser& parser, const Common& c, const QString& out, std::uint64_t seed, Index pool) {
    const QStringList models = parser.positionalArguments().mid(1);
    if (models.size() != 3) return fail("fig4 expects three models (low, middle, high corruption); see --help");
    // The digits are the first model's test set (its data loaded once); the others need only its size.
    ModelWithData first_model = load_model_with_data(models.front(), parser.value(c.dataset), parser, c.import);
    const Dataset& test = first_model.partition.test;
    apply_threads(parser, c.threads,
                  iteration_work(std::min(pool, test.size()), first_model.saved.model.visible(),
                                 first_model.saved.model.hidden()));
    std::vector<SavedModel> saved{first_model.saved};
    for (const QString& path : models.mid(1)) {
        saved.push_back(load_any_model(path, parser, c.import));
        if (saved.back().model.visible() != saved.front().model.visible())
            throw Error(path.toStdString() + ": another input size than " + models.front().toStdString());
    }
    // "the resulting fixed point" of each candidate: the iteration as the flags set it (the paper's rule
    // by default, as in fig6 and evaluate).
    const IterationConfig c_fixed = [&] {
        IterationConfig i = evaluation_from_flags(parser, c).iteration;
        i.keep_step_lengths = false;
        return i;
    }();
    const Dataset candidates = test.head(pool);
    std::vector<Matrix> fixed;
    for (const SavedModel& s : saved)
        fixed.push_back(iterate(s.model, candidates.samples, c_fixed).fixed_points);
    const std::vector<Index> chosen =
        choose_fig4(candidates.samples, fixed, candidates.labels, kFig4Count, kFigureMinDistance, seed);
    if (chosen.empty()) return fail("fig4: no digit moves at least 5 under all three models; try a larger --pool");
    // Rows: for each group of three digits, one row per model; a digit's 4 columns are steps 0, 1, 25, 500.
    const std::vector<int> shown{0, 1, 25, kReferenceStep};
    const int per_row = 3 * static_cast<int>(shown.size());
    const int groups = (static_cast<int>(chosen.size()) + 2) / 3;
    Matrix sheet = Matrix::Zero(test.dim(), groups * 3 * per_row);
    const Matrix start = columns(candidates.samples, chosen);
    for (std::size_t m = 0; m < saved.size(); ++m) {
        IterationConfig f = exactly(kReferenceStep);
        f.frame_steps = shown;
        const IterationResult r = iterate(saved[m].model, start, f);
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            const int row = static_cast<int>(i / 3) * 3 + static_cast<int>(m), slot = static_cast<int>(i % 3);
            for (std::size_t s = 0; s < shown.size(); ++s)
                sheet.col(row * per_row + slot * static_cast<int>(shown.size()) + static_cast<Index>(s)) =
                    r.frames[s].col(static_cast<Index>(i));
        }
    }
    save_png(tiles(sheet, per_row), out, 2);
    std::printf("%s: Fig. 4, digits", qPrintable(out));
    for (const Index j : chosen)
        std::printf(" %lld (label %d)", static_cast<long long>(j), candidates.labels[static_cast<std::size_t>(j)]);
    std::printf(" of the %s set\n", first_model.partition.test_name());
    return 0;
}

}  // namespace

bool is_model_figure(const QString& name) {
    return name == QLatin1String("fig3") || name == QLatin1String("fig4") || name == QLatin1String("fig6") ||
           name == QLatin1String("fig7");
}

bool is_model_figure_call(const QStringList& args) { return args.size() > 1 && is_model_figure(args.at(1)); }

int cmd_plot_models(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The paper's figures of single digits, from models (Bahdanau & Jaeger 2014), samples chosen as its\n"
        "captions say (seeded):\n"
        "  fig3 LOW MID HIGH  a test digit (the first 8, or --index) under three DAEs, a row each: corrupted with the\n"
        "                     model's own training noise (clipped to [−1, 1]), original, reconstructed, pushed\n"
        "                     through with no noise; then those three in the paper's contrast palette\n"
        "  fig4 LOW MID HIGH  digits after 0, 1, 25 and 500 iterations under three DAEs, a row per model;\n"
        "                     digits of different classes that move at least 5 (L2) under all three\n"
        "  fig6 MODEL         12 test digits whose fixed points the logistic regression of §5.5 reads right\n"
        "                     (and that moved at least 5), above their fixed points; then 12 read wrong\n"
        "  fig7 MODEL         their convergence: step lengths (first 20, first 100), distance to step 500\n"
        "fig6 and fig7 evaluate the model as `evaluate` does (both sets iterated: minutes); Fig. 7 then\n"
        "iterates its digits 500 steps (the paper's), whatever --max-steps. The figure comes first."));
    parser.addHelpOption();
    parser.addPositionalArgument("figure", "fig3, fig4, fig6 or fig7");
    parser.addPositionalArgument("models", kModelArgument, "MODEL…");
    Common c;
    c.add_to(parser);
    const QCommandLineOption out({"o", "out"}, "The figure (PNG).", "file");
    const QCommandLineOption fig7_out("fig7", "fig6: also draw Fig. 7 of the same digits to this PNG.", "file");
    const QCommandLineOption seed("seed", "The random choice of the digits.", "n", "1");
    const QCommandLineOption pool("pool", "fig4: choose among the first n test digits.", "n", "1000");
    const QCommandLineOption index("index", "fig3: the test digit (default: the first 8).", "n");
    parser.addOptions({out, fig7_out, seed, pool, index});
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() < 2 || !is_model_figure(pos[0]))
        return fail("expects fig3, fig4, fig6 or fig7 and models; see --help");
    if (!parser.isSet(out)) return fail("--out FILE.png is required");
    check_writable(parser.value(out), "figure");
    if (parser.isSet(c.json)) return fail("--json: plot writes figures only");
    if (parser.isSet(fig7_out)) {
        if (pos[0] != QLatin1String("fig6")) return fail("--fig7 goes with fig6 (fig7 draws it with --out)");
        if (QFileInfo(parser.value(fig7_out)).absoluteFilePath() == QFileInfo(parser.value(out)).absoluteFilePath())
            return fail("--fig7 and --out name the same file");
        check_writable(parser.value(fig7_out), "Fig. 7");
    }
    if (parser.isSet(pool) && pos[0] != QLatin1String("fig4")) return fail("--pool goes with fig4");
    const auto s = static_cast<std::uint64_t>(integer_option(parser, seed, 0, 1LL << 62));
    if (parser.isSet(index) && pos[0] != QLatin1String("fig3")) return fail("--index goes with fig3");
    if (pos[0] == QLatin1String("fig3"))
        return fig3(parser, c, parser.value(out), s,
                    parser.isSet(index) ? integer_option(parser, index, 0, 1LL << 40) : -1);
    if (pos[0] == QLatin1String("fig4"))
        return fig4(parser, c, parser.value(out), s, static_cast<Index>(integer_option(parser, pool, 1, 1LL << 40)));
    if (pos.size() != 2) return fail(pos[0] + " expects one model; see --help");
    return fig6_and_fig7(parser, c, pos[0], parser.value(out), parser.value(fig7_out), s);
}

}  // namespace dae::cli
