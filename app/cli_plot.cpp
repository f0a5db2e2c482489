// daelab-cli plot: figures from grids' results — the paper's Fig. 5 (accuracy and explosions of
// the fixed points against the test error, one point per run) and the phase diagram (outcome
// shares over a grid of σ × k, mean over seeds).
#include "cli_common.h"
#include "cli_support.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/evaluation.h"
#include "dae/grid_figures.h"
#include "dae/model_io.h"
#include "render/plot_image.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace dae::cli {
namespace {

// A grid's run as a figure reads it: its figures, and its folder when it came from one (a run from a
// results.csv has none).
struct Run {
    RunResult result;
    QString folder;
};

// The runs of grid folders and results.csv files (read_runs), in the order given. A run given twice
// (same_run) is drawn once, from its folder when one of the two has it.
std::vector<Run> read_all_runs(const QStringList& sources) {
    std::vector<Run> runs;
    std::vector<QString> source_of;
    for (const QString& source : sources) {
        GridRuns read = read_runs(source.toStdString());
        for (RunResult& r : read.runs) {
            const QString folder =
                read.runs_folder.empty() ? QString() : QString::fromStdString(read.runs_folder + "/" + r.id);
            Run run{std::move(r), folder};
            const auto same =
                std::find_if(runs.begin(), runs.end(), [&](const Run& o) { return same_run(o.result, run.result); });
            if (same == runs.end()) {
                runs.push_back(std::move(run));
                source_of.push_back(source);
                continue;
            }
            QString& kept = source_of[static_cast<std::size_t>(same - runs.begin())];
            const bool take = same->folder.isEmpty() && !run.folder.isEmpty();
            std::fprintf(stderr, "daelab-cli plot: %s is in %s and %s: drawn once, from %s\n", run.result.id.c_str(),
                         qPrintable(kept), qPrintable(source), qPrintable(take ? source : kept));
            if (take) {
                *same = std::move(run);
                kept = source;
            }
        }
    }
    return runs;
}

// MSE_test as the paper's Fig. 5 has it: the one-step denoising error Σ(x − r(x̃))² with the
// training noise, on the test set (computed from the run's model when the run did not record it).
void fill_mse_test(Run& run, std::map<std::string, Partition>& data) {
    if (std::isfinite(run.result.metric("mse_test")) || run.folder.isEmpty()) return;
    const QString path = run.folder + "/model.dae";
    if (!QFileInfo::exists(path)) return;
    const SavedModel m = load_model(path.toStdString());
    const std::string id = m.provenance.dataset;
    if (!data.count(id)) {
        const DataSource s = load_data_source(id);
        data[id] = make_partition(s, m.provenance.split_or(s.default_split));
    }
    const Corruption noise = m.provenance.settings ? m.provenance.settings->corruption : Corruption{};
    const double mse = walkback_mse(m.model, data[id].test.samples, noise, 1, 1);
    std::erase_if(run.result.metrics, [](const auto& metric) { return metric.first == "mse_test"; });  // a NaN
    run.result.metrics.emplace_back("mse_test", mse);
}

QImage render_fig5(const Fig5& f) {
    std::vector<QImage> panels;
    const QString column = QString::fromStdString(f.column_key), colour = QString::fromStdString(f.colour_key);
    for (const char* metric : {"acc_test", "EX_test"})
        for (std::size_t c = 0; c < f.columns.size(); ++c) {
            ui::ScatterPlot plot;
            plot.title = QStringLiteral("%1 = %2").arg(column, QString::fromStdString(f.columns[c]));
            plot.x_label = QStringLiteral("MSE_test (one-step denoising error)");
            plot.y_label = QString::fromLatin1(metric);
            for (std::size_t k = 0; k < f.colours.size(); ++k) {
                ui::ScatterSeries s{QStringLiteral("%1 = %2").arg(colour, QString::fromStdString(f.colours[k])),
                                    ui::series_colour(static_cast<int>(k)),
                                    {}};
                for (const Fig5Point& p : f.points[c][k])
                    s.points.emplace_back(p.mse_test, metric[0] == 'a' ? p.acc_test : p.ex_test);
                plot.series.push_back(s);
            }
            panels.push_back(ui::render_scatter(plot));
        }
    return ui::tile_images(panels, static_cast<int>(f.columns.size()));
}

}  // namespace

int cmd_plot(const QStringList& args) {
    if (is_model_figure_call(args)) return cmd_plot_models(args);
    if (args.size() > 1 && args.at(1) == QLatin1String("census")) return cmd_plot_census(args);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Figures from grids' runs (folders written by daelab-cli grid, or their results.csv):\n"
        "  fig5   the paper's Fig. 5: acc_test and EX_test against MSE_test, one point per run, a column per\n"
        "         noise level, colours by walkback k (or --colour another setting)\n"
        "  phase  the phase diagram: the share of each outcome on the test set over --x × --y, mean over seeds\n"
        "From a census CSV (daelab-cli train --census): daelab-cli plot census FILE -o PNG (basin sizes by epoch)\n"
        "Figures from models (fig3, fig4, fig6, fig7): daelab-cli plot fig6 --help"));
    parser.addHelpOption();
    parser.addPositionalArgument("figure", "fig5 or phase");
    parser.addPositionalArgument("runs", "Grid folders (the result.json of each run) or results.csv files.",
                                 "DIR|CSV…");
    const QCommandLineOption out({"o", "out"}, "The PNG to write.", "file");
    const QCommandLineOption colour("colour", "fig5: the setting that colours the points.", "key", "walkback");
    const QCommandLineOption column("column", "fig5: the setting that makes the columns.", "key", "level");
    const QCommandLineOption x("x", "phase: the setting along x.", "key", "level");
    const QCommandLineOption y("y", "phase: the setting along y.", "key", "walkback");
    const QCommandLineOption definition("definition", "phase: paper or daelab (the outcome definition).", "name",
                                        "paper");
    parser.addOptions({out, colour, column, x, y, definition});
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() < 2) return fail("expects a figure (fig5 or phase) and at least one grid folder; see --help");
    if (is_model_figure(pos[0]))
        return fail(pos[0] + " is drawn from models with the figure first: daelab-cli plot " + pos[0] +
                    " MODEL… -o FILE");
    if (pos[0] != QLatin1String("fig5") && pos[0] != QLatin1String("phase"))
        return fail("'" + pos[0] + "' is not a figure daelab draws (fig5 or phase)");
    if (!parser.isSet(out)) return fail("--out FILE.png is required");
    check_writable(parser.value(out), "figure");
    std::vector<Run> runs = read_all_runs(pos.mid(1));
    std::vector<RunResult> results;
    std::map<std::string, Partition> data;
    for (Run& run : runs) {
        if (run.result.status != "finished") continue;
        if (pos[0] == QLatin1String("fig5")) fill_mse_test(run, data);
        results.push_back(run.result);
    }
    if (results.empty()) return fail("no finished runs in " + pos.mid(1).join(", "));

    QImage image;
    std::size_t drawn = results.size();
    if (pos[0] == QLatin1String("fig5")) {
        const Fig5 f = fig5(results, parser.value(column).toStdString(), parser.value(colour).toStdString());
        for (const std::string& why : f.left_out)
            std::fprintf(stderr, "daelab-cli plot: left out %s\n", why.c_str());
        drawn -= f.left_out.size();
        if (drawn == 0) return fail("none of the runs can be drawn (see above)");
        image = render_fig5(f);
    } else if (pos[0] == QLatin1String("phase")) {
        const auto definition_value = outcome_definition_from_name(parser.value(definition).toStdString());
        if (!definition_value) return fail("--definition: '" + parser.value(definition) + "' is not paper or daelab");
        const PhaseDiagram d =
            phase_diagram(results, parser.value(x).toStdString(), parser.value(y).toStdString(), *definition_value);
        if (d.xs.empty() || d.ys.empty())
            return fail("no finished runs vary --x " + parser.value(x) + " and --y " + parser.value(y));
        image = ui::render_phase_diagram(d, parser.value(definition));
    } else {
        return fail("unknown figure '" + pos[0] + "' (fig5 or phase)");
    }
    save_png(image, parser.value(out));
    std::printf("%s: %zu runs\n", qPrintable(parser.value(out)), drawn);
    return 0;
}

}  // namespace dae::cli
