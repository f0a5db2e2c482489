// daelab-cli attractors: the attractor census of a model on a set — every distinct fixed point,
// its basin, the judge's reading, the basin's labels and the stability there; and `plot census`,
// the census over training (daelab-cli train --census) as basin sizes by epoch.
#include "cli_common.h"
#include "cli_support.h"
#include "dae/attractors.h"
#include "dae/error.h"
#include "render/plot_image.h"
#include "render/tile_image.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dae::cli {

int cmd_attractors(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The attractor census: iterates every sample of the set to its fixed point, groups the fixed points\n"
        "closer than --distance, and lists each attractor with its basin size, the judge's class, the most\n"
        "frequent label of its basin and the spectral radius of the Jacobian there (stable when < 1)."));
    parser.addHelpOption();
    parser.addPositionalArgument("model", "A model: .dae written by daelab-cli train, or .npz (W1, b1, W2, b2).");
    const ImportOptions import;
    import.add_to(parser);
    const QCommandLineOption dataset({"d", "dataset"}, "Data set (default: the model's).", "id");
    const QCommandLineOption subset("subset", "test (default), validation or train.", "which", "test");
    const QCommandLineOption limit("limit", "Only the first n samples.", "n");
    const CensusConfig d;  // the census's defaults are the core's (the window's attractor view starts from them too)
    const QCommandLineOption distance("distance", "Fixed points closer than this are one attractor.", "d",
                                      QString::number(d.distance));
    const QCommandLineOption cap("max-steps", "Step cap of the iteration.", "n",
                                 QString::number(d.iteration.max_steps));
    const QCommandLineOption top("top", "Attractors printed and drawn; the spectral radius of this many.", "n",
                                 QString::number(d.spectral_for));
    const QCommandLineOption csv("csv", "One row per attractor.", "file");
    const QCommandLineOption sheet(
        "sheet", "PNG: a row per attractor: the attractor, then up to 9 inputs of its basin.", "file");
    const QCommandLineOption threads("threads", kThreadsHelp, "n", "0");
    const QCommandLineOption quiet({"q", "quiet"}, "No progress bar.");
    parser.addOptions({dataset, subset, limit, distance, cap, top, csv, sheet, threads, quiet});
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    if (parser.positionalArguments().size() != 1) return fail("expects one model file; see --help");
    if (parser.isSet(csv)) check_writable(parser.value(csv), "census CSV");
    if (parser.isSet(sheet)) check_writable(parser.value(sheet), "census sheet");
    const ModelWithData m =
        load_model_with_data(parser.positionalArguments().at(0), parser.value(dataset), parser, import);
    apply_threads(parser, threads,
                  iteration_work(m.partition.test.size(), m.saved.model.visible(), m.saved.model.hidden()));
    Dataset data = parser.value(subset) == QLatin1String("train")        ? m.partition.train
                   : parser.value(subset) == QLatin1String("validation") ? m.partition.validation
                                                                         : m.partition.test;
    if (parser.isSet(limit)) data = data.head(integer_option(parser, limit, 1, 1LL << 40));
    CensusConfig c;
    c.distance = number_option(parser, distance, 1e-9, 1e3);
    c.iteration.max_steps = static_cast<int>(integer_option(parser, cap, 1, 10000000));
    c.spectral_for = integer_option(parser, top, 0, 100000);
    BarObserver bar(!parser.isSet(quiet));
    const Judge judge = cached_judge(m.partition.train, m.partition.validation);
    const Census census = attractor_census(m.saved.model, data, judge, c, &bar);
    bar.finish();
    std::printf("%lld samples: %zu attractors, %lld did not settle within %d steps\n",
                static_cast<long long>(data.size()), census.attractors.size(), static_cast<long long>(census.unsettled),
                census.steps_run);
    std::printf("%5s %7s %8s %11s %9s %9s\n", "id", "basin", "judged", "confidence", "majority", "radius");
    const std::size_t shown =
        std::min<std::size_t>(census.attractors.size(), static_cast<std::size_t>(std::max<Index>(c.spectral_for, 1)));
    for (std::size_t i = 0; i < shown; ++i) {
        const Attractor& a = census.attractors[i];
        std::printf("%5zu %7zu %8d %11.3f %9d %9.4f%s\n", i, a.basin.size(), a.judged, a.confidence, a.majority_label(),
                    a.radius, a.explosion ? "  explosion" : "");
    }
    if (parser.isSet(csv)) {
        CensusEpoch e;
        e.census = census;
        write_text(parser.value(csv), census_csv_header() + census_csv_rows(e));
    }
    if (parser.isSet(sheet) && shown > 0) {
        constexpr Index kCols = 10;
        Matrix tiles = Matrix::Zero(data.dim(), static_cast<Index>(shown) * kCols);
        for (std::size_t i = 0; i < shown; ++i) {
            const Attractor& a = census.attractors[i];
            tiles.col(static_cast<Index>(i) * kCols) = a.point;
            for (Index k = 0; k + 1 < kCols && k < static_cast<Index>(a.basin.size()); ++k)
                tiles.col(static_cast<Index>(i) * kCols + k + 1) =
                    data.samples.col(a.basin[static_cast<std::size_t>(k)]);
        }
        ui::TileLayout layout;
        layout.tile_width = data.width;
        layout.tile_height = data.height;
        layout.columns = kCols;
        save_png(ui::tiles_image(tiles, layout, ui::TileScaling::Fixed01), parser.value(sheet), 2);
    }
    return 0;
}

int cmd_plot_census(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The attractor census over training (a CSV of daelab-cli train --census): above, the number\n"
        "of attractors, of singletons and the largest basin by epoch; below, the basin sizes by epoch of\n"
        "the attractors largest at the last epoch, each followed back by its id (it appears, grows,\n"
        "merges, splits); the legend gives the id and the judge's class at the last epoch."));
    parser.addHelpOption();
    parser.addPositionalArgument("census", "census");
    parser.addPositionalArgument("file", "The census CSV.");
    const QCommandLineOption out({"o", "out"}, "The PNG to write.", "file");
    const QCommandLineOption top("top", "Attractors drawn.", "n", "8");
    parser.addOptions({out, top});
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2) return fail("expects: plot census FILE -o PNG; see --help");
    if (!parser.isSet(out)) return fail("--out FILE.png is required");
    check_writable(parser.value(out), "figure");
    const std::vector<CensusRow> rows = read_census_csv(pos[1].toStdString());
    if (rows.empty()) return fail(pos[1] + ": no census rows yet");
    const BasinTracks tracks = basin_tracks(rows, static_cast<std::size_t>(integer_option(parser, top, 1, 64)));
    ui::ScatterPlot plot;
    plot.title = QStringLiteral("Attractors over training: basin sizes by epoch (%1; legend: #id: the judge's class)")
                     .arg(QFileInfo(pos[1]).fileName());
    plot.x_label = QStringLiteral("epoch");
    plot.y_label = QStringLiteral("basin size (probe digits)");
    plot.x_lo = tracks.epochs.front();  // the whole run: a line starts where its attractor appears
    plot.x_hi = tracks.epochs.back();
    for (std::size_t t = 0; t < tracks.ids.size(); ++t) {
        int judged = -1;
        for (const CensusRow& r : rows)
            if (r.epoch == tracks.epochs.back() && r.id == tracks.ids[t]) judged = r.judged;
        ui::ScatterSeries s;
        s.name = QStringLiteral("#%1: %2").arg(tracks.ids[t]).arg(judged);
        s.colour = ui::series_colour(static_cast<int>(t));
        s.joined = true;
        for (std::size_t e = 0; e < tracks.epochs.size(); ++e) {  // a gap where the attractor does not exist
            const Index size = tracks.sizes[t][e];
            s.points.emplace_back(tracks.epochs[e], size > 0 ? static_cast<double>(size) : std::nan(""));
        }
        plot.series.push_back(s);
    }
    // Above the tracks, the landscape as a whole: how many attractors, how many of one digit, the
    // largest basin, epoch by epoch (what the tracks cannot show when identities are short-lived).
    ui::ScatterPlot whole;
    whole.title = QStringLiteral("The census by epoch: attractors, singletons, the largest basin");
    whole.x_label = plot.x_label;
    whole.y_label = QStringLiteral("count (probe digits)");
    whole.x_lo = plot.x_lo;
    whole.x_hi = plot.x_hi;
    const char* names[] = {"attractors", "singletons", "largest basin"};
    const QColor greys[] = {QColor("#424242"), QColor("#9e9e9e"), QColor("#795548")};  // not the tracks' colours
    for (int k = 0; k < 3; ++k) {
        ui::ScatterSeries s;
        s.name = QString::fromLatin1(names[k]);
        s.colour = greys[k];
        s.joined = true;
        whole.series.push_back(s);
    }
    for (const int epoch : tracks.epochs) {
        Index count = 0, single = 0, largest = 0, settled = 0;
        for (const CensusRow& r : rows)
            if (r.epoch == epoch)
                ++count, single += r.basin == 1, largest = std::max(largest, r.basin), settled += r.basin;
        whole.series[0].points.emplace_back(epoch, static_cast<double>(count));
        whole.series[1].points.emplace_back(epoch, static_cast<double>(single));
        whole.series[2].points.emplace_back(epoch, static_cast<double>(largest));
        if (epoch == tracks.epochs.front() || epoch == tracks.epochs.back())
            std::printf("epoch %d: %lld attractors for %lld settled inputs (%lld alone), the largest basin %lld\n",
                        epoch, static_cast<long long>(count), static_cast<long long>(settled),
                        static_cast<long long>(single), static_cast<long long>(largest));
    }
    save_png(ui::tile_images({ui::render_scatter(whole, 760, 400), ui::render_scatter(plot, 760, 400)}, 1),
             parser.value(out));
    std::printf("%s: %zu attractors followed over %zu epochs\n", qPrintable(parser.value(out)), tracks.ids.size(),
                tracks.epochs.size());
    return 0;
}

}  // namespace dae::cli
