// daelab-cli plot: figures from grids' results — the paper's Fig. 5 (accuracy and explosions of
// the fixed points against the test error, one point per run) and the phase diagram (outcome
// shares over a grid of σ × k, mean over seeds).
#include "cli_common.h"
#include "cli_support.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/evaluation.h"
#include "dae/experiment.h"
#include "dae/model_io.h"
#include "widgets/plot_image.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace dae::cli {
namespace {

using Row = std::map<QString, QString>;

// results.csv of a grid folder (written by `daelab-cli grid`), plus each row's run folder.
std::vector<Row> read_results(const QString& dir) {
    QFile f(dir + "/results.csv");
    if (!f.open(QIODevice::ReadOnly))
        throw Error((dir + "/results.csv").toStdString() + ": cannot read (run `daelab-cli grid … --merge` first)");
    QTextStream in(&f);
    const QStringList header = in.readLine().split(',');
    std::vector<Row> rows;
    while (!in.atEnd()) {
        const QStringList v = in.readLine().split(',');
        if (v.size() != header.size()) continue;
        Row r;
        for (int i = 0; i < v.size(); ++i)
            r[header[i]] = v[i];
        r["folder"] = dir + "/runs/" + r["id"];
        rows.push_back(r);
    }
    return rows;
}

double number(const Row& r, const QString& key) {
    const auto it = r.find(key);
    bool ok = false;
    const double v = it == r.end() ? 0 : it->second.toDouble(&ok);
    return ok ? v : std::nan("");
}

// MSE_test as the paper's Fig. 5 has it: the one-step denoising error Σ(x − r(x̃))² with the
// training noise, on the test set (computed from the run's model when the run did not record it).
double mse_test(const Row& r, std::map<std::string, Partition>& data) {
    const double recorded = number(r, "mse_test");
    if (std::isfinite(recorded)) return recorded;
    const SavedModel m = load_model((r.at("folder") + "/model.dae").toStdString());
    const std::string id = m.provenance.dataset;
    if (!data.count(id)) {
        const DataSource s = load_data_source(id);
        data[id] = make_partition(s, m.provenance.split_or(s.default_split));
    }
    const Corruption noise = m.provenance.settings ? m.provenance.settings->corruption : Corruption{};
    return walkback_mse(m.model, data[id].test.samples, noise, 1, 1);
}

}  // namespace

int cmd_plot(const QStringList& args) {
    if (is_model_figure_call(args)) return cmd_plot_models(args);
    if (args.size() > 1 && args.at(1) == QLatin1String("census")) return cmd_plot_census(args);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Figures from the results of grids (folders written by daelab-cli grid):\n"
        "  fig5   the paper's Fig. 5: acc_test and EX_test against MSE_test, one point per run, a column per\n"
        "         noise level, colours by walkback k (or --colour another setting)\n"
        "  phase  the phase diagram: the share of each outcome on the test set over --x × --y, mean over seeds\n"
        "From a census CSV (daelab-cli train --census): daelab-cli plot census FILE -o PNG (basin sizes by epoch)\n"
        "Figures from models (fig4, fig6, fig7): daelab-cli plot fig6 --help"));
    parser.addHelpOption();
    parser.addPositionalArgument("figure", "fig5 or phase");
    parser.addPositionalArgument("grids", "Grid folders (their results.csv).", "DIR…");
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
    std::vector<Row> rows;
    for (const QString& dir : pos.mid(1))
        for (Row& r : read_results(dir))
            if (r["status"] == QLatin1String("finished")) rows.push_back(r);
    if (rows.empty()) return fail("no finished runs in " + pos.mid(1).join(", "));

    QImage image;
    if (pos[0] == QLatin1String("fig5")) {
        std::map<std::string, Partition> data;
        std::set<double> columns;
        std::set<QString> colours;
        for (Row& r : rows) {
            r["mse_test"] = QString::number(mse_test(r, data), 'g', 10);
            columns.insert(number(r, parser.value(column)));
            colours.insert(r[parser.value(colour)]);
        }
        std::vector<QImage> panels;
        for (const char* metric : {"acc_test", "EX_test"})
            for (double c : columns) {
                ui::ScatterPlot plot;
                plot.title = QStringLiteral("%1 = %2").arg(parser.value(column)).arg(c);
                plot.x_label = QStringLiteral("MSE_test (one-step denoising error)");
                plot.y_label = QString::fromLatin1(metric);
                int i = 0;
                for (const QString& k : colours) {
                    ui::ScatterSeries s{
                        QStringLiteral("%1 = %2").arg(parser.value(colour), k), ui::series_colour(i++), {}};
                    for (const Row& r : rows)
                        if (number(r, parser.value(column)) == c && r.at(parser.value(colour)) == k)
                            s.points.emplace_back(number(r, "mse_test"), number(r, metric));
                    plot.series.push_back(s);
                }
                panels.push_back(ui::render_scatter(plot));
            }
        image = ui::tile_images(panels, static_cast<int>(columns.size()));
    } else if (pos[0] == QLatin1String("phase")) {
        const auto definition_value = outcome_definition_from_name(parser.value(definition).toStdString());
        if (!definition_value) return fail("--definition: '" + parser.value(definition) + "' is not paper or daelab");
        std::vector<RunResult> results;
        for (const QString& dir : pos.mid(1))
            for (RunResult& r : read_grid_results(dir.toStdString()))
                results.push_back(std::move(r));
        const PhaseDiagram d =
            phase_diagram(results, parser.value(x).toStdString(), parser.value(y).toStdString(), *definition_value);
        if (d.xs.empty() || d.ys.empty())
            return fail("no finished runs vary --x " + parser.value(x) + " and --y " + parser.value(y));
        image = ui::render_phase_diagram(d, parser.value(definition));
    } else {
        return fail("unknown figure '" + pos[0] + "' (fig5 or phase)");
    }
    save_png(image, parser.value(out));
    std::printf("%s: %zu runs\n", qPrintable(parser.value(out)), rows.size());
    return 0;
}

}  // namespace dae::cli
