// daelab-cli stacked: deep classifiers initialised by stacking denoising autoencoders (SdA),
// ordinary autoencoders (SAA, ν = 0) or nothing (MLP), then fine-tuned — Vincent et al. 2008 §5,
// on the embedded digits or a generated variant (rot, bg-rand, bg-img).
#include "cli_common.h"
#include "cli_json.h"
#include "cli_support.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/stacked_comparison.h"
#include "render/tile_image.h"

#include <QCommandLineParser>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace dae::cli {

namespace {

QStringList layer_list(const std::vector<Index>& layers) {
    QStringList l;
    for (Index n : layers)
        l << QString::number(n);
    return l;
}

// Every flag of `stacked`; the recipe's defaults are the core's StackedConfig (the window's view
// starts from them too).
struct StackedFlags {
    StackedConfig d;
    QCommandLineOption dataset{{"d", "dataset"},
                               "Data set id, e.g. mnist-10k, mnist-10k-bg-rand (the variants), mnist. Its split "
                               "decides train / validation / test (no official test set: the held-out part is halved).",
                               "id",
                               "mnist-10k"};
    QCommandLineOption models{"models", "Comma-separated: sda, saa, mlp.", "list", "sda,saa,mlp"};
    QCommandLineOption layers{"layers", "Hidden layer sizes, bottom to top.", "list", layer_list(d.layers).join(',')};
    QCommandLineOption noise{"noise", "Masking level ν of the SdA's pretraining.", "nu",
                             QString::number(d.pretrain.corruption.level)};
    QCommandLineOption pre_epochs{"pretrain-epochs", "Epochs per pretrained layer.", "n",
                                  QString::number(d.pretrain.epochs)};
    QCommandLineOption pre_rate{"pretrain-rate", "Pretraining learning rate.", "rho",
                                QString::number(d.pretrain.learning_rate)};
    QCommandLineOption fine_epochs{"finetune-epochs", "Fine-tuning epochs (the best on validation is kept).", "n",
                                   QString::number(d.finetune_epochs)};
    QCommandLineOption fine_rate{"finetune-rate", "Fine-tuning learning rate (mean CE of a minibatch).", "rho",
                                 QString::number(d.finetune_learning_rate)};
    QCommandLineOption batch{"batch", "Minibatch size (pretraining and fine-tuning).", "n",
                             QString::number(d.finetune_batch)};
    QCommandLineOption seed{"seed", "Seed of the variant, the weights and the shuffling.", "n", "1"};
    QCommandLineOption csv{"csv", "Append one row per model to this CSV (header when new).", "file"};
    QCommandLineOption filters{"filters",
                               "PNG: 16 training images, then 16 first-layer filters per model (a row each).", "file"};
    QCommandLineOption threads{"threads", kThreadsHelp, "n", "0"};
    QCommandLineOption quiet{{"q", "quiet"}, "No progress bar."};
    QCommandLineOption json{"json", "Also write the results as JSON (its fields: README, Outputs for scripts).",
                            "file"};
    void add_to(QCommandLineParser& p) const {
        p.addOptions({dataset, models, layers, noise, pre_epochs, pre_rate, fine_epochs, fine_rate, batch, seed, csv,
                      filters, threads, quiet, json});
    }
};

struct StackedRecipe {
    StackedConfig config;
    double noise = 0;
    std::vector<StackedKind> kinds;
    std::uint64_t seed = 1;
};

// Each flag is read as a number here; the core's validate() judges the settings as a whole.
StackedRecipe recipe_from_flags(const QCommandLineParser& parser, const StackedFlags& f) {
    StackedRecipe r;
    StackedConfig& c = r.config;
    c.layers.clear();
    for (const QString& v : parser.value(f.layers).split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        c.layers.push_back(v.trimmed().toLongLong(&ok));
        if (!ok) throw Error("--layers: '" + parser.value(f.layers).toStdString() + "' is not a list of sizes");
    }
    r.noise = number_option(parser, f.noise, 0, 1);
    c.pretrain.epochs = static_cast<int>(integer_option(parser, f.pre_epochs, 0, 1000000));
    c.pretrain.learning_rate = number_option(parser, f.pre_rate, 0, 1000);
    c.finetune_epochs = static_cast<int>(integer_option(parser, f.fine_epochs, 0, 1000000));
    c.finetune_learning_rate = number_option(parser, f.fine_rate, 0, 1000);
    c.pretrain.batch = c.finetune_batch = integer_option(parser, f.batch, 1, 1000000000);
    r.seed = static_cast<std::uint64_t>(integer_option(parser, f.seed, 0, std::numeric_limits<long long>::max()));
    c.pretrain.seed = c.seed = r.seed;
    c.pretrain.corruption.level = r.noise;
    for (const QString& m : parser.value(f.models).split(',', Qt::SkipEmptyParts)) {
        const auto k = stacked_kind_from_name(m.toStdString());
        if (!k) throw Error("--models: '" + m.toStdString() + "' is not sda, saa or mlp");
        r.kinds.push_back(*k);
    }
    if (r.kinds.empty()) throw Error("--models is empty");
    std::string why;
    if (!c.validate(&why)) throw Error("invalid settings: " + why);
    return r;
}

void print_row(const std::string& data, const StackedResult& r, const QString& layers) {
    std::printf("%-18s %-5s %-5g %-12s %-10.2f %6.2f ± %-13.2f %.0f s\n", data.c_str(), stacked_kind_name(r.kind),
                r.noise, qPrintable(layers), 100 * r.finetune.best_validation_error, 100 * r.test_error,
                100 * r.test_ci95, r.seconds);
    std::fflush(stdout);
}

void append_row(const QString& csv, const std::string& data, const StackedResult& r, const QString& layers,
                const StackedConfig& c) {
    const std::string header =
        "dataset,model,noise,layers,pretrain_epochs,finetune_epochs,best_epoch,validation_error,test_error,"
        "test_ci95,seconds\n";
    char row[512];
    std::snprintf(row, sizeof row, "%s,%s,%g,%s,%d,%d,%d,%.4f,%.4f,%.4f,%.1f\n", data.c_str(),
                  stacked_kind_name(r.kind), r.noise, qPrintable(layers),
                  r.kind == StackedKind::MLP ? 0 : c.pretrain.epochs, c.finetune_epochs, r.finetune.best_epoch + 1,
                  r.finetune.best_validation_error, r.test_error, r.test_ci95, r.seconds);
    append_csv_row(csv, header, row);
}

QJsonObject result_json(const StackedResult& r, const StackedConfig& c) {
    return QJsonObject{{"model", QString::fromLatin1(stacked_kind_name(r.kind))},
                       {"noise", r.noise},
                       {"pretrain_epochs", r.kind == StackedKind::MLP ? 0 : c.pretrain.epochs},
                       {"finetune_epochs", c.finetune_epochs},
                       {"best_epoch", r.finetune.best_epoch + 1},
                       {"validation_error", r.finetune.best_validation_error},
                       {"test_error", r.test_error},
                       {"test_ci95", r.test_ci95},
                       {"diverged", r.finetune.diverged},
                       {"seconds", r.seconds}};
}

}  // namespace

int cmd_stacked(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Greedy layer-wise pretraining (each layer a DAE on the clean codes of the layer below), then\n"
                       "supervised fine-tuning with a softmax layer and early stopping on the validation set\n"
                       "(Vincent et al. 2008 §2.4, §5). Compares SdA (masking ν > 0), SAA (ν = 0) and an MLP from\n"
                       "the same random weights, and prints their test error with a 95 % confidence interval."));
    parser.addHelpOption();
    const StackedFlags f;
    f.add_to(parser);
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    const StackedRecipe recipe = recipe_from_flags(parser, f);
    const StackedConfig& config = recipe.config;
    if (parser.isSet(f.csv)) check_writable(parser.value(f.csv), "results CSV");
    if (parser.isSet(f.filters)) check_writable(parser.value(f.filters), "filters PNG");
    if (parser.isSet(f.json)) check_writable(parser.value(f.json), "JSON results");
    apply_threads(parser, f.threads,
                  {config.pretrain.batch, 784, config.layers.empty() ? 1 : config.layers.front(), 1});

    const DataSource source = load_data_source(parser.value(f.dataset).toStdString(), recipe.seed);
    const StackedSets sets = stacked_sets(make_partition(source, source.default_split));
    const Dataset& data = source.pool;
    std::printf("%s: %lld train, %lld validation, %lld test\n", data.name.c_str(),
                static_cast<long long>(sets.train.size()), static_cast<long long>(sets.validation.size()),
                static_cast<long long>(sets.test.size()));
    std::printf("%-18s %-5s %-5s %-12s %-10s %-22s %s\n", "data", "model", "ν", "layers", "val. err.",
                "test err. (95% CI)", "time");
    const int rows = 16;  // tiles a row: 16 training images, then 16 filters of each model
    std::vector<Matrix> tiles{sets.train.samples.leftCols(std::min<Index>(rows, sets.train.size()))};
    const QString layer_text = layer_list(config.layers).join('-');
    QJsonArray results;
    for (std::size_t k = 0; k < recipe.kinds.size(); ++k) {
        BarObserver bar(!parser.isSet(f.quiet));
        const StackedResult r = run_stacked_model(recipe.kinds[k], config, recipe.noise, sets, &bar);
        bar.finish();
        print_row(data.name, r, layer_text);
        if (parser.isSet(f.csv)) append_row(parser.value(f.csv), data.name, r, layer_text, config);
        tiles.push_back(r.first_filters);
        results.append(result_json(r, config));
    }
    if (parser.isSet(f.json)) {
        QJsonObject o = json_header("stacked", QString(), data.name);
        o["layers"] = layer_text;
        o["train"] = static_cast<qint64>(sets.train.size());
        o["validation"] = static_cast<qint64>(sets.validation.size());
        o["test"] = static_cast<qint64>(sets.test.size());
        o["results"] = results;
        write_json(parser.value(f.json), o);
    }
    if (parser.isSet(f.filters))
        save_png(ui::tile_rows_image(tiles, data.width, data.height, rows), parser.value(f.filters), 2);
    return 0;
}

}  // namespace dae::cli
