// daelab-cli stacked: deep classifiers initialised by stacking denoising autoencoders (SdA),
// ordinary autoencoders (SAA, ν = 0) or nothing (MLP), then fine-tuned — Vincent et al. 2008 §5,
// on the embedded digits or a generated variant (rot, bg-rand, bg-img).
#include "cli_common.h"
#include "cli_json.h"
#include "cli_support.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/stacked_comparison.h"
#include "widgets/tile_image.h"

#include <QCommandLineParser>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace dae::cli {

int cmd_stacked(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Greedy layer-wise pretraining (each layer a DAE on the clean codes of the layer below), then\n"
                       "supervised fine-tuning with a softmax layer and early stopping on the validation set\n"
                       "(Vincent et al. 2008 §2.4, §5). Compares SdA (masking ν > 0), SAA (ν = 0) and an MLP from\n"
                       "the same random weights, and prints their test error with a 95 % confidence interval."));
    parser.addHelpOption();
    const QCommandLineOption dataset(
        {"d", "dataset"},
        "Data set id, e.g. mnist-10k, mnist-10k-bg-rand (the variants), mnist. Its split decides "
        "train / validation / test (no official test set: the held-out part is halved).",
        "id", "mnist-10k");
    const QCommandLineOption models("models", "Comma-separated: sda, saa, mlp.", "list", "sda,saa,mlp");
    const StackedConfig d;  // the recipe's defaults are the core's (the window's Stacked view starts from them too)
    QStringList default_layers;
    for (Index n : d.layers)
        default_layers << QString::number(n);
    const QCommandLineOption layers("layers", "Hidden layer sizes, bottom to top.", "list", default_layers.join(','));
    const QCommandLineOption noise("noise", "Masking level ν of the SdA's pretraining.", "nu",
                                   QString::number(d.pretrain.corruption.level));
    const QCommandLineOption pre_epochs("pretrain-epochs", "Epochs per pretrained layer.", "n",
                                        QString::number(d.pretrain.epochs));
    const QCommandLineOption pre_rate("pretrain-rate", "Pretraining learning rate.", "rho",
                                      QString::number(d.pretrain.learning_rate));
    const QCommandLineOption fine_epochs("finetune-epochs", "Fine-tuning epochs (the best on validation is kept).", "n",
                                         QString::number(d.finetune_epochs));
    const QCommandLineOption fine_rate("finetune-rate", "Fine-tuning learning rate (mean CE of a minibatch).", "rho",
                                       QString::number(d.finetune_learning_rate));
    const QCommandLineOption batch("batch", "Minibatch size (pretraining and fine-tuning).", "n",
                                   QString::number(d.finetune_batch));
    const QCommandLineOption seed("seed", "Seed of the variant, the weights and the shuffling.", "n", "1");
    const QCommandLineOption csv("csv", "Append one row per model to this CSV (header when new).", "file");
    const QCommandLineOption filters(
        "filters", "PNG: 16 training images, then 16 first-layer filters per model (a row each).", "file");
    const QCommandLineOption threads("threads", kThreadsHelp, "n", "0");
    const QCommandLineOption quiet({"q", "quiet"}, "No progress bar.");
    const QCommandLineOption json("json", "Also write the results as JSON (its fields: README, Outputs for scripts).",
                                  "file");
    parser.addOptions({dataset, models, layers, noise, pre_epochs, pre_rate, fine_epochs, fine_rate, batch, seed, csv,
                       filters, threads, quiet, json});
    if (int code = 0; !parse_command(parser, args, &code)) return code;

    auto integers = [&](const QCommandLineOption& o, std::vector<Index>* out) {
        out->clear();
        for (const QString& v : parser.value(o).split(',', Qt::SkipEmptyParts)) {
            bool ok = false;
            out->push_back(v.trimmed().toLongLong(&ok));
            if (!ok) return false;
        }
        return true;
    };
    // Each flag is read as a number here; the core's validate() judges the settings as a whole.
    StackedConfig config;
    if (!integers(layers, &config.layers))
        return fail("--layers: '" + parser.value(layers) + "' is not a list of sizes");
    const double nu = number_option(parser, noise, 0, 1);
    config.pretrain.epochs = static_cast<int>(integer_option(parser, pre_epochs, 0, 1000000));
    config.pretrain.learning_rate = number_option(parser, pre_rate, 0, 1000);
    config.finetune_epochs = static_cast<int>(integer_option(parser, fine_epochs, 0, 1000000));
    config.finetune_learning_rate = number_option(parser, fine_rate, 0, 1000);
    config.pretrain.batch = config.finetune_batch = integer_option(parser, batch, 1, 1000000000);
    const auto s = static_cast<std::uint64_t>(integer_option(parser, seed, 0, std::numeric_limits<long long>::max()));
    config.pretrain.seed = config.seed = s;
    config.pretrain.corruption.level = nu;
    std::vector<StackedKind> kinds;
    for (const QString& m : parser.value(models).split(',', Qt::SkipEmptyParts)) {
        const auto k = stacked_kind_from_name(m.toStdString());
        if (!k) return fail("--models: '" + m + "' is not sda, saa or mlp");
        kinds.push_back(*k);
    }
    if (kinds.empty()) return fail("--models is empty");
    std::string why;
    if (!config.validate(&why)) return fail("invalid settings: " + QString::fromStdString(why));
    if (parser.isSet(csv)) check_writable(parser.value(csv), "results CSV");
    if (parser.isSet(filters)) check_writable(parser.value(filters), "filters PNG");
    if (parser.isSet(json)) check_writable(parser.value(json), "JSON results");
    apply_threads(parser, threads, {config.pretrain.batch, 784, config.layers.empty() ? 1 : config.layers.front(), 1});

    const DataSource source = load_data_source(parser.value(dataset).toStdString(), s);
    const StackedSets sets = stacked_sets(make_partition(source, source.default_split));
    const Dataset& data = source.pool;

    const std::string csv_header =
        "dataset,model,noise,layers,pretrain_epochs,finetune_epochs,best_epoch,validation_error,test_error,"
        "test_ci95,seconds\n";
    std::printf("%s: %lld train, %lld validation, %lld test\n", data.name.c_str(),
                static_cast<long long>(sets.train.size()), static_cast<long long>(sets.validation.size()),
                static_cast<long long>(sets.test.size()));
    std::printf("%-18s %-5s %-5s %-12s %-10s %-22s %s\n", "data", "model", "ν", "layers", "val. err.",
                "test err. (95% CI)", "time");
    const int rows = 16;
    Matrix tiles = Matrix::Zero(data.dim(), rows * static_cast<Index>(kinds.size() + 1));
    tiles.leftCols(std::min<Index>(rows, sets.train.size())) =
        sets.train.samples.leftCols(std::min<Index>(rows, sets.train.size()));
    QString layer_text;
    for (Index n : config.layers)
        layer_text += (layer_text.isEmpty() ? "" : "-") + QString::number(n);
    QJsonArray results;
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        BarObserver bar(!parser.isSet(quiet));
        const StackedResult r = run_stacked_model(kinds[k], config, nu, sets, &bar);
        bar.finish();
        std::printf("%-18s %-5s %-5g %-12s %-10.2f %6.2f ± %-13.2f %.0f s\n", data.name.c_str(),
                    stacked_kind_name(r.kind), r.noise, qPrintable(layer_text), 100 * r.finetune.best_validation_error,
                    100 * r.test_error, 100 * r.test_ci95, r.seconds);
        std::fflush(stdout);
        if (parser.isSet(csv)) {
            char row[512];
            std::snprintf(row, sizeof row, "%s,%s,%g,%s,%d,%d,%d,%.4f,%.4f,%.4f,%.1f\n", data.name.c_str(),
                          stacked_kind_name(r.kind), r.noise, qPrintable(layer_text),
                          kinds[k] == StackedKind::MLP ? 0 : config.pretrain.epochs, config.finetune_epochs,
                          r.finetune.best_epoch + 1, r.finetune.best_validation_error, r.test_error, r.test_ci95,
                          r.seconds);
            append_csv_row(parser.value(csv), csv_header, row);
        }
        tiles.middleCols(static_cast<Index>(k + 1) * rows, r.first_filters.cols()) = r.first_filters;
        results.append(QJsonObject{{"model", QString::fromLatin1(stacked_kind_name(r.kind))},
                                   {"noise", r.noise},
                                   {"pretrain_epochs", kinds[k] == StackedKind::MLP ? 0 : config.pretrain.epochs},
                                   {"finetune_epochs", config.finetune_epochs},
                                   {"best_epoch", r.finetune.best_epoch + 1},
                                   {"validation_error", r.finetune.best_validation_error},
                                   {"test_error", r.test_error},
                                   {"test_ci95", r.test_ci95},
                                   {"diverged", r.finetune.diverged},
                                   {"seconds", r.seconds}});
    }
    if (parser.isSet(json)) {
        QJsonObject o = json_header("stacked", QString(), data.name);
        o["layers"] = layer_text;
        o["train"] = static_cast<qint64>(sets.train.size());
        o["validation"] = static_cast<qint64>(sets.validation.size());
        o["test"] = static_cast<qint64>(sets.test.size());
        o["results"] = results;
        write_json(parser.value(json), o);
    }
    if (parser.isSet(filters)) {
        ui::TileLayout layout;
        layout.tile_width = data.width;
        layout.tile_height = data.height;
        layout.columns = rows;
        const QImage image = ui::tiles_image(tiles, layout, ui::TileScaling::PerTile);
        save_png(image, parser.value(filters), 2);
    }
    return 0;
}

}  // namespace dae::cli
