// daelab-cli datasets | info
#include "cli_common.h"
#include "cli_support.h"
#include "dae/default_data.h"

#include <QCommandLineParser>

#include <cstdio>

namespace dae::cli {

int cmd_datasets(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists the data sets daelab knows."));
    parser.addHelpOption();
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    std::printf("%-20s %8s %8s %7s  %-9s %s\n", "id", "training", "test", "size", "status", "description");
    for (const auto& d : list_datasets()) {
        const std::string size = std::to_string(d.width) + "x" + std::to_string(d.height);
        const std::string test = d.test_size > 0 ? std::to_string(d.test_size) : "none";
        std::printf("%-20s %8lld %8s %7s  %-9s %s\n", d.id.c_str(), static_cast<long long>(d.size),
                    d.available ? test.c_str() : "-", d.available ? size.c_str() : "-",
                    d.available ? "ready" : "missing", d.description.c_str());
        if (!d.available)
            std::printf("%-20s %s\n", "", d.why_unavailable.c_str());
        else if (d.source.starts_with('/'))
            std::printf("%-20s from %s\n", "", d.source.c_str());
    }
    std::printf("\n\"test\" is the data set's official test set: never trained on, never used to choose a model.\n"
                "Without one, a seeded fifth of the training pool is held out instead. Default: %s.\n"
                "Any IDX files (plain or .gz) load as IMAGES,LABELS or IMAGES,LABELS,TEST_IMAGES,TEST_LABELS, e.g.\n"
                "daelab-cli info train-images-idx3-ubyte.gz,train-labels-idx1-ubyte.gz\n",
                default_dataset_id().c_str());
    return 0;
}

int cmd_info(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Counts per label and pixel statistics of a data set."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("dataset"), QStringLiteral("An id from `datasets`, or IMAGES,LABELS."));
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "%s", qPrintable(parser.helpText()));
        return 2;
    }
    const DataSource source = load_data_source(parser.positionalArguments().at(0).toStdString());
    const Dataset& data = source.pool;
    const PixelStats stats = pixel_stats(data.samples);
    std::printf("data set   %s\nsamples    %lld training%s\nsplit      %s: %lld train, %lld validation\n"
                "image      %d x %d (%lld values per sample)\n",
                data.name.c_str(), static_cast<long long>(data.size()),
                source.test ? (" + " + std::to_string(source.test->size()) + " official test").c_str()
                            : " (no official test set)",
                split_rule_name(source.default_split.rule), static_cast<long long>(source.default_split.train),
                static_cast<long long>(source.default_split.validation), data.width, data.height,
                static_cast<long long>(data.dim()));
    std::printf("pixels     %.1f %% black (< %.2f), %.1f %% white (> %.2f), mean %.4f, range [%.3f, %.3f]\n",
                100 * stats.black_fraction, PixelStats::black_below, 100 * stats.white_fraction,
                PixelStats::white_above, stats.mean, stats.min, stats.max);
    std::printf("\n%-6s %-14s %8s %7s %8s\n", "label", "name", "training", "share", "test");
    const auto counts = label_counts(data);
    const auto test_counts = source.test ? label_counts(*source.test) : std::vector<Index>{};
    for (std::size_t l = 0; l < counts.size(); ++l)
        std::printf("%-6zu %-14s %8lld %6.2f%% %8s\n", l, data.class_name(static_cast<int>(l)).c_str(),
                    static_cast<long long>(counts[l]), 100.0 * counts[l] / std::max<Index>(1, data.size()),
                    l < test_counts.size() ? std::to_string(test_counts[l]).c_str() : "-");
    return 0;
}

}  // namespace dae::cli
