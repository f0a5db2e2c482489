// daelab-cli stacked: deep classifiers initialised by stacking denoising autoencoders (SdA),
// ordinary autoencoders (SAA, ν = 0) or nothing (MLP), then fine-tuned — Vincent et al. 2008 §5,
// on the embedded digits or a generated variant (rot, bg-rand, bg-img).
#include "cli_common.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/stacked.h"
#include "dae/variants.h"
#include "progress.h"
#include "tile_image.h"

#include <QCommandLineParser>
#include <QFile>

#include <chrono>
#include <cmath>
#include <cstdio>

namespace dae::cli {

namespace {

struct ModelKind {
    QString name;  // sda, saa, mlp
    bool pretraining;
    bool noise;
};

// Shows pretraining progress: layer, epoch and the epoch's loss.
class PretrainProgress : public TrainingObserver {
public:
    PretrainProgress(ProgressBar& bar, int layers, int epochs) : m_bar(bar), m_layers(layers), m_epochs(epochs) {}
    void next_layer() { ++m_layer; }
    Verdict on_batch(const BatchReport& r) override {
        const double within = (r.epoch + double(r.batch + 1) / double(r.batches_per_epoch)) / m_epochs;
        char text[128];
        std::snprintf(text, sizeof text, "pretraining layer %d/%d, epoch %d/%d, loss %.3f", m_layer, m_layers,
                      r.epoch + 1, m_epochs, r.loss.reconstruction);
        m_bar.update((m_layer - 1 + within) / m_layers, text);
        return Verdict::Continue;
    }

private:
    ProgressBar& m_bar;
    int m_layers, m_epochs, m_layer = 0;
};

}  // namespace

int cmd_stacked(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Greedy layer-wise pretraining (each layer a DAE on the clean codes of the layer below), then\n"
        "supervised fine-tuning with a softmax layer and early stopping on the validation set\n"
        "(Vincent et al. 2008 §2.4, §5). Compares SdA (masking ν > 0), SAA (ν = 0) and an MLP from\n"
        "the same random weights, and prints their test error with a 95 % confidence interval."));
    parser.addHelpOption();
    const QCommandLineOption dataset({"d", "dataset"}, "Data set id.", "id", "mnist");
    const QCommandLineOption variant("variant", "basic, rot, bg-rand or bg-img (generated from the data set).", "name", "basic");
    const QCommandLineOption models("models", "Comma-separated: sda, saa, mlp.", "list", "sda,saa,mlp");
    const QCommandLineOption layers("layers", "Hidden layer sizes, bottom to top.", "list", "500,500,500");
    const QCommandLineOption noise("noise", "Masking level ν of the SdA's pretraining.", "nu", "0.25");
    const QCommandLineOption pre_epochs("pretrain-epochs", "Epochs per pretrained layer.", "n", "15");
    const QCommandLineOption pre_rate("pretrain-rate", "Pretraining learning rate.", "rho", "0.1");
    const QCommandLineOption fine_epochs("finetune-epochs", "Fine-tuning epochs (the best on validation is kept).", "n", "30");
    const QCommandLineOption fine_rate("finetune-rate", "Fine-tuning learning rate (mean CE of a minibatch).", "rho", "1");
    const QCommandLineOption batch("batch", "Minibatch size (pretraining and fine-tuning).", "n", "20");
    const QCommandLineOption split_opt("split", "Train, validation and test sizes.", "a,b,c", "7000,1000,2000");
    const QCommandLineOption seed("seed", "Seed of the split, the variant, the weights and the shuffling.", "n", "1");
    const QCommandLineOption csv("csv", "Append one row per model to this CSV (header when new).", "file");
    const QCommandLineOption filters("filters", "PNG: 16 training images, then 16 first-layer filters per model (a row each).", "file");
    const QCommandLineOption threads("threads", "Threads for the matrix products (0: all cores).", "n", "0");
    const QCommandLineOption quiet({"q", "quiet"}, "No progress bar.");
    parser.addOptions({dataset, variant, models, layers, noise, pre_epochs, pre_rate, fine_epochs, fine_rate, batch,
                       split_opt, seed, csv, filters, threads, quiet});
    parser.process(args);

    auto number = [&](const QCommandLineOption& o, double* out) {
        bool ok = false;
        *out = parser.value(o).toDouble(&ok);
        return ok && std::isfinite(*out);
    };
    auto integers = [&](const QCommandLineOption& o, std::vector<Index>* out) {
        out->clear();
        for (const QString& v : parser.value(o).split(',', Qt::SkipEmptyParts)) {
            bool ok = false;
            out->push_back(v.trimmed().toLongLong(&ok));
            if (!ok) return false;
        }
        return true;
    };
    const auto var = variant_from_name(parser.value(variant).toStdString());
    if (!var) return fail("--variant: '" + parser.value(variant) + "' is not basic, rot, bg-rand or bg-img");
    StackedConfig config;
    double nu = 0, v = 0;
    if (!integers(layers, &config.layers)) return fail("--layers: '" + parser.value(layers) + "' is not a list of sizes");
    if (!number(noise, &nu) || nu < 0 || nu > 1) return fail("--noise must be in [0, 1]");
    if (!number(pre_epochs, &v)) return fail("--pretrain-epochs is not a number");
    config.pretrain.epochs = static_cast<int>(v);
    if (!number(pre_rate, &config.pretrain.learning_rate)) return fail("--pretrain-rate is not a number");
    if (!number(fine_epochs, &v)) return fail("--finetune-epochs is not a number");
    config.finetune_epochs = static_cast<int>(v);
    if (!number(fine_rate, &config.finetune_learning_rate)) return fail("--finetune-rate is not a number");
    if (!number(batch, &v)) return fail("--batch is not a number");
    config.pretrain.batch = config.finetune_batch = static_cast<Index>(v);
    if (!number(seed, &v) || v < 0) return fail("--seed must be a number ≥ 0");
    const auto s = static_cast<std::uint64_t>(v);
    config.pretrain.seed = config.seed = s;
    config.pretrain.corruption.level = nu;
    std::vector<Index> sizes;
    if (!integers(split_opt, &sizes) || sizes.size() != 3 || sizes[0] < 1 || sizes[1] < 1 || sizes[2] < 1)
        return fail("--split needs three positive sizes: train,validation,test");
    std::vector<ModelKind> kinds;
    for (const QString& m : parser.value(models).split(',', Qt::SkipEmptyParts)) {
        if (m == "sda") kinds.push_back({m, true, true});
        else if (m == "saa") kinds.push_back({m, true, false});
        else if (m == "mlp") kinds.push_back({m, false, false});
        else return fail("--models: '" + m + "' is not sda, saa or mlp");
    }
    if (kinds.empty()) return fail("--models is empty");
    std::string why;
    if (!config.validate(&why, sizes[0])) return fail("invalid settings: " + QString::fromStdString(why));
    if (parser.value(threads).toInt() > 0) set_compute_threads(parser.value(threads).toInt());

    const Dataset base = load_dataset(parser.value(dataset).toStdString());
    if (sizes[0] + sizes[1] + sizes[2] > base.size())
        return fail(QString("--split asks for %1 samples; %2 has %3").arg(sizes[0] + sizes[1] + sizes[2]).arg(
            QString::fromStdString(base.name)).arg(base.size()));
    const Dataset data = make_variant(base, *var, s);
    const Split split = make_split(data.size(), sizes[0], sizes[1], sizes[2], s);
    const Dataset train = data.subset(split.train), valid = data.subset(split.validation), test = data.subset(split.test);
    const int classes = std::max(data.num_classes, *std::max_element(data.labels.begin(), data.labels.end()) + 1);

    const bool new_csv = parser.isSet(csv) && !QFile::exists(parser.value(csv));
    FILE* out_csv = nullptr;
    if (parser.isSet(csv)) {
        out_csv = std::fopen(qPrintable(parser.value(csv)), "a");
        if (!out_csv) return fail(parser.value(csv) + ": cannot write");
        if (new_csv)
            std::fprintf(out_csv, "dataset,model,noise,layers,pretrain_epochs,finetune_epochs,best_epoch,"
                                  "validation_error,test_error,test_ci95,seconds\n");
    }
    std::printf("%-18s %-5s %-5s %-12s %-10s %-22s %s\n", "data", "model", "ν", "layers", "val. err.", "test err. (95% CI)",
                "time");
    const int rows = 16;
    Matrix tiles(data.dim(), rows * static_cast<Index>(kinds.size() + 1));
    tiles.leftCols(rows) = train.samples.leftCols(std::min<Index>(rows, train.size()));
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        StackedConfig c = config;
        c.pretrain.corruption.level = kinds[k].noise ? nu : 0.0;
        const auto start = std::chrono::steady_clock::now();
        ProgressBar bar(!parser.isSet(quiet));
        PretrainProgress progress(bar, static_cast<int>(c.layers.size()), c.pretrain.epochs);
        StackedNetwork net = kinds[k].pretraining
                                 ? pretrain_stack(c, train.samples, classes, &progress,
                                                  [&](int, const Matrix&, const TrainingConfig&) { progress.next_layer(); })
                                 : initial_stack(c, train.dim(), classes);
        const FinetuneResult r = finetune(net, c, train.samples, train.labels, valid.samples, valid.labels, [&](const FinetuneEpoch& e) {
            char text[128];
            std::snprintf(text, sizeof text, "%s fine-tuning epoch %d/%d, loss %.3f, validation error %.3f",
                          qPrintable(kinds[k].name), e.epoch + 1, c.finetune_epochs, e.train_loss, e.validation_error);
            bar.update(double(e.epoch + 1) / c.finetune_epochs, text);
            return true;
        });
        bar.finish();
        if (r.diverged) return fail(QString::fromStdString(r.message));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double err = net.error_rate(test.samples, test.labels);
        const double ci = 1.96 * std::sqrt(err * (1 - err) / static_cast<double>(test.size()));
        QString layer_text;
        for (Index n : c.layers) layer_text += (layer_text.isEmpty() ? "" : "-") + QString::number(n);
        std::printf("%-18s %-5s %-5g %-12s %-10.2f %6.2f ± %-13.2f %.0f s\n", data.name.c_str(), qPrintable(kinds[k].name),
                    c.pretrain.corruption.level, qPrintable(layer_text), 100 * r.best_validation_error, 100 * err, 100 * ci,
                    seconds);
        std::fflush(stdout);
        if (out_csv)
            std::fprintf(out_csv, "%s,%s,%g,%s,%d,%d,%d,%.4f,%.4f,%.4f,%.1f\n", data.name.c_str(), qPrintable(kinds[k].name),
                         c.pretrain.corruption.level, qPrintable(layer_text), kinds[k].pretraining ? c.pretrain.epochs : 0,
                         c.finetune_epochs, r.best_epoch + 1, r.best_validation_error, err, ci, seconds);
        const Index shown = std::min<Index>(rows, net.w.front().rows());
        tiles.middleCols(static_cast<Index>(k + 1) * rows, rows).setZero();
        tiles.middleCols(static_cast<Index>(k + 1) * rows, shown) = net.w.front().topRows(shown).transpose();
    }
    if (out_csv) std::fclose(out_csv);
    if (parser.isSet(filters)) {
        ui::TileLayout layout;
        layout.tile_width = data.width;
        layout.tile_height = data.height;
        layout.columns = rows;
        const QImage image = ui::tiles_image(tiles, layout, ui::TileScaling::PerTile);
        if (!image.scaled(image.size() * 2, Qt::IgnoreAspectRatio, Qt::FastTransformation).save(parser.value(filters)))
            return fail(parser.value(filters) + ": cannot write");
    }
    return 0;
}

}  // namespace dae::cli
