// daelab-cli compare: runs of grid folders, results.csv files and models side by side — the
// window's Runs view, headless: the table (a row per run, or per configuration with its seeds'
// mean ± sd) as Markdown, CSV or JSON, the learning curves overlaid (over epochs or samples) as PNG
// or SVG, and the outcome atlases over training of the runs that recorded one.
#include "cli_common.h"
#include "cli_support.h"
#include "dae/error.h"
#include "dae/run_catalog.h"
#include "render/runs_plot.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

namespace dae::cli {

namespace {

std::vector<CatalogRun> read_catalog(const QStringList& paths, const QString& filter) {
    std::vector<CatalogRun> runs;
    for (const QString& p : paths) {
        for (CatalogRun& r : catalog_runs(p.toStdString())) {
            if (!r.problem.empty())
                std::fprintf(stderr, "daelab-cli compare: %s: %s\n", r.result.id.c_str(), r.problem.c_str());
            runs.push_back(std::move(r));
        }
    }
    if (filter.isEmpty()) return runs;
    std::erase_if(runs, [&](const CatalogRun& r) {  // keeps runs with the text in their id or a setting
        if (QString::fromStdString(r.result.id).contains(filter, Qt::CaseInsensitive)) return false;
        for (const auto& [key, value] : r.result.settings)
            if (QString::fromStdString(key + "=" + comparable_value(value)).contains(filter, Qt::CaseInsensitive))
                return false;
        return true;
    });
    return runs;
}

QJsonArray table_json(const CatalogTable& t, const std::vector<CatalogRun>& runs) {
    QJsonArray rows;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        QJsonObject row;
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const QString v = QString::fromStdString(t.cell(runs, r, c, true));
            bool number = false;
            const double d = v.toDouble(&number);
            row[QString::fromStdString(t.columns[c])] =
                number && static_cast<int>(c) > t.settings_end ? QJsonValue(d) : QJsonValue(v);
        }
        rows.append(row);
    }
    return rows;
}

}  // namespace

int cmd_compare(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs side by side: every run of grid folders (finished or not), results.csv files, models and\n"
        "folders of models, as a table of the settings that differ and the results (Markdown on stdout),\n"
        "and their learning curves overlaid. A run that cannot be read is listed with the reason."));
    parser.addHelpOption();
    parser.addPositionalArgument("runs", "Grid folders, results.csv files, .dae models or folders of them.", "PATH…");
    const QCommandLineOption group("group", "One row per configuration: its seeds' mean ± sd (as summary.csv).");
    const QCommandLineOption all("all-columns", "Every setting and every result, not only those that differ.");
    const QCommandLineOption filter("filter", "Only runs whose id or a setting (key=value) holds this text.", "text");
    const QCommandLineOption csv("csv", "Write the table as CSV (exact numbers; a group's mean).", "file");
    const QCommandLineOption json("json", "Write the table as JSON (a list of rows).", "file");
    const QCommandLineOption png("png", "Draw the runs' learning curves overlaid (the first 20 runs).", "file");
    const QCommandLineOption svg("svg", "The same curves as an SVG vector drawing.", "file");
    const QCommandLineOption curve("curve", "train, validation or clean (the clean validation MSE).", "name", "train");
    const QCommandLineOption x("x", "The curves' x axis: epochs, or samples (training samples seen).", "axis",
                               "epochs");
    const QCommandLineOption outcomes("outcomes-png",
                                      "Draw the outcome atlases over training of the runs that recorded one.", "file");
    parser.addOptions({group, all, filter, csv, json, png, svg, curve, x, outcomes});
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) return fail("expects at least one grid folder, results.csv or model; see --help");
    const QStringList curves{"train", "validation", "clean"};
    if (!curves.contains(parser.value(curve))) return fail("--curve is train, validation or clean");
    if (parser.value(x) != "epochs" && parser.value(x) != "samples") return fail("--x is epochs or samples");
    for (const auto& [option, what] :
         {std::pair{&csv, "table"}, {&json, "table"}, {&png, "figure"}, {&svg, "figure"}, {&outcomes, "figure"}})
        if (parser.isSet(*option)) check_writable(parser.value(*option), what);

    const std::vector<CatalogRun> runs = read_catalog(paths, parser.value(filter));
    if (runs.empty()) return fail("no runs to compare in " + paths.join(", "));
    const CatalogTable table = catalog_table(runs, parser.isSet(group), parser.isSet(all));
    std::fputs(table.markdown(runs).c_str(), stdout);
    if (parser.isSet(csv)) write_text(parser.value(csv), table.csv(runs));
    if (parser.isSet(json))
        write_text(parser.value(json), QJsonDocument(table_json(table, runs)).toJson().toStdString());
    if (parser.isSet(png) || parser.isSet(svg)) {
        const auto which = static_cast<ui::RunCurve>(curves.indexOf(parser.value(curve)));
        const ui::LinePlot plot = ui::runs_curves_plot(
            runs, which, parser.value(x) == "samples" ? ui::RunAxis::Samples : ui::RunAxis::Epochs);
        if (std::all_of(plot.lines.begin(), plot.lines.end(), [](const auto& l) { return l.empty(); }))
            return fail("none of these runs has learning curves to draw (a results.csv without its runs' folders?)");
        if (parser.isSet(png)) save_png(ui::render_runs_curves(plot), parser.value(png));
        QString error;
        if (parser.isSet(svg) && !ui::save_runs_curves_svg(plot, parser.value(svg), &error)) return fail(error);
    }
    if (parser.isSet(outcomes)) {
        QStringList problems;
        const auto atlases = ui::runs_atlases(runs, &problems);
        for (const QString& p : problems)
            std::fprintf(stderr, "daelab-cli compare: %s\n", qPrintable(p));
        if (atlases.empty())
            return fail("none of these runs recorded an outcome atlas (a grid's \"atlas\": N, or train --atlas "
                        "MODEL.atlas.csv beside its model)");
        save_png(ui::render_runs_atlas(atlases), parser.value(outcomes));
    }
    return 0;
}

}  // namespace dae::cli
