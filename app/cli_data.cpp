// daelab-cli datasets | info
#include "cli_common.h"
#include "dae/default_data.h"

#include <QCommandLineParser>

#include <cstdio>

namespace dae::cli {

int cmd_datasets(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists the data sets daelab knows."));
    parser.addHelpOption();
    parser.process(args);
    std::printf("%-20s %8s %7s  %-9s %s\n", "id", "samples", "size", "status", "description");
    for (const auto& d : list_datasets()) {
        const std::string size = std::to_string(d.width) + "x" + std::to_string(d.height);
        std::printf("%-20s %8lld %7s  %-9s %s\n", d.id.c_str(), static_cast<long long>(d.size),
                    d.available ? size.c_str() : "-", d.available ? "ready" : "missing", d.description.c_str());
        if (!d.available) std::printf("%-20s %s\n", "", d.why_unavailable.c_str());
    }
    std::printf("\nAny IDX pair (plain or .gz) loads as IMAGES,LABELS, e.g. "
                "daelab-cli info train-images-idx3-ubyte.gz,train-labels-idx1-ubyte.gz\n");
    return 0;
}

int cmd_info(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Counts per label and pixel statistics of a data set."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("dataset"), QStringLiteral("An id from `datasets`, or IMAGES,LABELS."));
    parser.process(args);
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "%s", qPrintable(parser.helpText()));
        return 2;
    }
    const Dataset data = load_dataset(parser.positionalArguments().at(0).toStdString());
    const PixelStats stats = pixel_stats(data.samples);
    std::printf("data set   %s\nsamples    %lld\nimage      %d x %d (%lld values per sample)\n", data.name.c_str(),
                static_cast<long long>(data.size()), data.width, data.height, static_cast<long long>(data.dim()));
    std::printf("pixels     %.1f %% black (< %.2f), %.1f %% white (> %.2f), mean %.4f, range [%.3f, %.3f]\n",
                100 * stats.black_fraction, PixelStats::black_below, 100 * stats.white_fraction,
                PixelStats::white_above, stats.mean, stats.min, stats.max);
    std::printf("\n%-6s %-14s %8s %7s\n", "label", "name", "count", "share");
    const auto counts = label_counts(data);
    for (std::size_t l = 0; l < counts.size(); ++l)
        std::printf("%-6zu %-14s %8lld %6.2f%%\n", l, data.class_name(static_cast<int>(l)).c_str(),
                    static_cast<long long>(counts[l]), 100.0 * counts[l] / std::max<Index>(1, data.size()));
    return 0;
}

}  // namespace dae::cli
