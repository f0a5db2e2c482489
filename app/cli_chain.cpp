// daelab-cli chain: the DAE as a generative chain, x ← r(corrupt(x)) (Bengio et al. 2013): which
// classes the chains visit, for how long, and how clear the samples are; a contact sheet.
#include "cli_common.h"
#include "cli_support.h"
#include "dae/chain.h"
#include "dae/error.h"
#include "render/tile_image.h"

#include <QCommandLineParser>

#include <cstdio>
#include <sstream>

namespace dae::cli {

namespace {

// Where the chains start: the first test digits, or uniform random images.
Matrix chain_start(const QString& start, const ModelWithData& m, Index n, std::uint64_t seed) {
    if (start == QLatin1String("test")) return m.partition.test.samples.leftCols(std::min(n, m.partition.test.size()));
    if (start != QLatin1String("noise")) throw Error("--start: '" + start.toStdString() + "' is not test or noise");
    Rng rng(seed);
    Matrix from(m.saved.model.visible(), n);
    for (Index k = 0; k < from.size(); ++k)
        from.data()[k] = rng.uniform();
    return from;
}

void print_stats(const ChainStats& s, const ChainConfig& c, Index chains) {
    std::printf("%lld chains × %d steps, %s noise %g (burn-in %d)\n", static_cast<long long>(chains), c.steps,
                corruption_name(c.noise.type), c.noise.level, c.burn_in);
    std::printf(
        "judge's mean confidence %.3f   class balance %.3f   switches per 100 steps %.2f   mean stay %.1f steps   "
        "classes visited per chain %d\n",
        s.mean_confidence, s.balance, s.switches_per_100, s.mean_dwell, s.classes_visited);
    std::printf("share of steps per class:");
    for (double v : s.class_share)
        std::printf(" %.3f", v);
    std::printf("\n");
}

std::string chain_csv(const ChainResult& r) {
    std::ostringstream f;
    f << "chain,step,class,confidence\n";
    for (std::size_t k = 0; k < r.classes.size(); ++k)
        for (std::size_t i = 0; i < r.classes[k].size(); ++i)
            f << k << ',' << i + 1 << ',' << r.classes[k][i] << ',' << r.confidence[k][i] << '\n';
    return f.str();
}

// A row per chain (up to 10): its start, then its kept frames.
QImage chain_sheet(const Matrix& from, const ChainResult& r, int width, int height) {
    const Index rows = std::min<Index>(10, from.cols());
    const Index cols = static_cast<Index>(r.frames.size()) + 1;
    Matrix tiles(from.rows(), rows * cols);
    for (Index k = 0; k < rows; ++k) {
        tiles.col(k * cols) = from.col(k);
        for (Index f = 0; f + 1 < cols; ++f)
            tiles.col(k * cols + f + 1) = r.frames[static_cast<std::size_t>(f)].col(k);
    }
    ui::TileLayout layout;
    layout.tile_width = width;
    layout.tile_height = height;
    layout.columns = static_cast<int>(cols);
    return ui::tiles_image(tiles, layout, ui::TileScaling::Fixed01);
}

}  // namespace

int cmd_chain(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Runs the DAE as a generative chain, x ← r(corrupt(x)), with the model's training noise (or\n"
                       "--level): CHAINS chains of STEPS steps from the first test digits (or pure noise). The judge\n"
                       "reads every step: mean confidence (how clear the samples are), class balance (1 = every class\n"
                       "equally often), class switches per 100 steps and the mean stay in one class (the mixing)."));
    parser.addHelpOption();
    parser.addPositionalArgument("model", "A model: .dae written by daelab-cli train, or .npz (W1, b1, W2, b2).");
    const ImportOptions import;
    import.add_to(parser);
    const QCommandLineOption dataset({"d", "dataset"}, "Data set (default: the model's).", "id");
    const QCommandLineOption steps("steps", "Steps of every chain.", "n", "1000");
    const QCommandLineOption chains("chains", "Chains run together.", "n", "100");
    const QCommandLineOption burn("burn-in", "Steps left out of the statistics.", "n", "100");
    const QCommandLineOption level("level", "Noise level (default: the model's training level).", "v");
    const QCommandLineOption start("start", "test (the first test digits) or noise (uniform random images).", "from",
                                   "test");
    const QCommandLineOption seed("seed", "Seed of the chain's noise.", "n", "1");
    const QCommandLineOption sheet("sheet", "PNG: a row per chain (up to 10), a frame every STEPS/20 steps.", "file");
    const QCommandLineOption csv("csv", "Per chain and step: the judge's class and confidence.", "file");
    const QCommandLineOption threads("threads", kThreadsHelp, "n", "0");
    const QCommandLineOption quiet({"q", "quiet"}, "No progress bar.");
    parser.addOptions({dataset, steps, chains, burn, level, start, seed, sheet, csv, threads, quiet});
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    if (parser.positionalArguments().size() != 1) return fail("expects one model file; see --help");
    if (parser.isSet(sheet)) check_writable(parser.value(sheet), "contact sheet");
    if (parser.isSet(csv)) check_writable(parser.value(csv), "chain CSV");
    const ModelWithData m =
        load_model_with_data(parser.positionalArguments().at(0), parser.value(dataset), parser, import);
    ChainConfig c;
    if (m.saved.provenance.settings) c.noise = m.saved.provenance.settings->corruption;
    if (parser.isSet(level)) c.noise.level = number_option(parser, level, 0, max_level(c.noise.type));
    c.steps = static_cast<int>(integer_option(parser, steps, 1, 10000000));
    c.burn_in = static_cast<int>(integer_option(parser, burn, 0, c.steps - 1));
    c.seed = static_cast<std::uint64_t>(integer_option(parser, seed, 0, 1LL << 62));
    c.keep_every = std::max(1, c.steps / 20);
    const Index n = integer_option(parser, chains, 1, 100000);
    apply_threads(parser, threads, iteration_work(n, m.saved.model.visible(), m.saved.model.hidden()));
    const Matrix from = chain_start(parser.value(start), m, n, c.seed);
    BarObserver bar(!parser.isSet(quiet));
    const Judge judge = cached_judge(m.partition.train, m.partition.validation);
    const ChainResult r = run_chain(m.saved.model, from, judge, c, &bar);
    bar.finish();
    const int classes = std::max(2, m.partition.train.num_classes);
    const ChainStats s = chain_stats(r, classes, c.burn_in);
    print_stats(s, c, from.cols());
    if (parser.isSet(csv)) write_text(parser.value(csv), chain_csv(r));
    if (parser.isSet(sheet) && !r.frames.empty())
        save_png(chain_sheet(from, r, m.partition.test.width, m.partition.test.height), parser.value(sheet), 2);
    return 0;
}

}  // namespace dae::cli
