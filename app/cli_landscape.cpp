// daelab-cli landscape: the window's Landscape view headless — the first test digits in the plane of
// the test set's two principal components, iterated to their end points, the attractors as rings
// sized by their basins; a PNG at the start, at the end or at any step, and the points as CSV.
#include "cli_common.h"
#include "cli_dynamics.h"
#include "dae/landscape.h"
#include "render/landscape_paint.h"

#include <QCommandLineParser>

#include <algorithm>
#include <cstdio>

namespace dae::cli {

int cmd_landscape(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The landscape map: the first test digits as points in the plane of the test set's two principal\n"
        "components (PCA of the pixels: the same plane for every model of the data set), iterated under the\n"
        "evaluation settings, each point carried along its path to its end point; the end points grouped into\n"
        "attractors as the census groups them (rings, area ∝ basin; × explosion, □ stain)."));
    parser.addHelpOption();
    parser.addPositionalArgument("model", kModelArgument);
    Common c;
    c.add_to(parser);
    const QCommandLineOption limit("limit", "The first n test digits.", "n", "2000");
    const QCommandLineOption png("png", "The map as a PNG.", "file");
    const QCommandLineOption at("at", "Where the digits are drawn: start, end, or a step number.", "when", "end");
    const QCommandLineOption highlight("highlight", "Draw this digit's whole path.", "n");
    const QCommandLineOption csv("csv", "One row per digit: label, start and end in the plane, outcome, basin.",
                                 "file");
    const QCommandLineOption distance("distance", "End points closer than this are one attractor.", "d", "0.01");
    parser.addOptions({limit, png, at, highlight, csv, distance});
    int code = 0;
    if (!parse_model_command(parser, args, &code)) return code;
    if (parser.isSet(png)) check_writable(parser.value(png), "map");
    if (parser.isSet(csv)) check_writable(parser.value(csv), "map's points");
    const QString when = parser.value(at);
    bool numeric = false;
    const int at_step = when.toInt(&numeric);
    if (!numeric && when != QLatin1String("start") && when != QLatin1String("end"))
        return fail("--at: '" + when + "' is not start, end or a step number");
    const double link = number_option(parser, distance, 1e-9, 1e3);

    BarObserver bar(bar_wanted(parser, c.quiet, c.progress));
    Loaded l = load(parser, c, parser.positionalArguments().at(0), &bar);
    const Dataset& test = l.m.partition.test;
    const Dataset data = test.head(integer_option(parser, limit, 2, 1LL << 40));
    const PlaneProjection plane = fit_plane(test.samples);
    Landscape map;
    {
        ObserverSection section(&bar, "iterating", 0, 1);
        map = compute_landscape(l.m.saved.model, data, l.judge, l.config, plane, link, &section);
    }
    bar.finish();
    std::printf("%lld %s digits of %s in the plane of its %lld test digits (%.1f %% + %.1f %% of the variance)\n",
                static_cast<long long>(data.size()), l.m.partition.test_name(), l.m.dataset.c_str(),
                static_cast<long long>(test.size()), 100 * plane.explained[0], 100 * plane.explained[1]);
    std::printf("%d steps, paths kept at %d of them; %zu attractors", map.steps_run, map.frames(), map.basins.size());
    if (!map.basins.empty())
        std::printf(" (the largest holds %zu digits: %s, read as %d)", map.basins.front().basin.size(),
                    outcome_name(map.basins.front().outcome), map.basins.front().judged);
    std::printf("\n");
    for (int o = 0; o < kOutcomeCount; ++o)
        std::printf("  %-14s %6lld\n", outcome_name(static_cast<Outcome>(o)),
                    static_cast<long long>(map.summary.count(static_cast<Outcome>(o))));
    if (parser.isSet(png)) {
        ui::LandscapeLook look;
        look.time = when == QLatin1String("start") ? 0 : numeric ? map.time_of_step(at_step) : map.frames() - 1;
        if (parser.isSet(highlight)) look.highlight = integer_option(parser, highlight, 0, map.size() - 1);
        save_png(ui::render_landscape(map, QSize(1200, 900), look), parser.value(png));
    }
    if (parser.isSet(csv)) write_text(parser.value(csv), landscape_csv(map));
    return 0;
}

}  // namespace dae::cli
