// daelab-cli train: trains a DAE headless. Settings come, in increasing priority, from the
// defaults (Bahdanau & Jaeger 2014), --preset, --config JSON, and the flags.
#include "cli_common.h"
#include "dae/atlas.h"
#include "dae/checkpoint.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/model_io.h"
#include "dae/training_options.h"
#include "progress.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <map>
#include <optional>
#include <fstream>
#include <unistd.h>

namespace dae::cli {
namespace {

class CliObserver : public TrainingObserver {
public:
    CliObserver(const Trainer& trainer, bool progress, std::ofstream* csv)
        : m_trainer(trainer), m_bar(progress), m_csv(csv), m_start(std::chrono::steady_clock::now()),
          m_seen_at_start(trainer.samples_seen()) {}
    // Saves a checkpoint every `every` epochs (atomically: a kill leaves the previous one whole).
    void setCheckpoint(std::string path, int every, std::map<std::string, std::string> metadata) {
        m_checkpoint = std::move(path);
        m_every = std::max(1, every);
        m_metadata = std::move(metadata);
    }
    // Writes the outcome atlas: after every epoch, what becomes of the probe set when iterated.
    void setAtlas(std::ofstream* out, Dataset probe, SoftmaxClassifier reference) {
        m_atlas = out;
        m_probe = std::move(probe);
        m_reference = std::move(reference);
    }

    Verdict on_batch(const BatchReport& r) override {
        const int epochs = m_trainer.config().epochs;
        const double done = (r.epoch + (r.batch + 1.0) / static_cast<double>(r.batches_per_epoch)) / epochs;
        const double start = static_cast<double>(m_seen_at_start) / static_cast<double>(r.batches_per_epoch * m_trainer.config().batch) / epochs;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        const double rate = static_cast<double>(r.samples_seen - m_seen_at_start) / std::max(elapsed, 1e-9);
        char text[160];
        std::snprintf(text, sizeof text, "epoch %d/%d  loss %.4f  %.0f samples/s  ETA %s", r.epoch + 1, epochs,
                      r.loss.reconstruction, rate, ProgressBar::format_duration(elapsed * (1 - done) / std::max(done - start, 1e-9)).c_str());
        m_bar.update(done, text);
        return Verdict::Continue;
    }
    Verdict on_epoch(const EpochReport& e) override {
        if (m_csv)
            *m_csv << e.epoch + 1 << ',' << e.train_loss << ',' << e.validation_loss << ',' << e.validation_clean_mse << ','
                   << e.learning_rate << ',' << e.seconds << ',' << e.samples_per_second << '\n'
                   << std::flush;
        if (m_atlas) *m_atlas << atlas_csv_row(probe_outcomes(m_trainer.model(), e.epoch + 1, m_probe, m_reference)) << std::flush;
        if (!m_checkpoint.empty() && (e.epoch + 1) % m_every == 0) save_checkpoint(m_checkpoint, m_trainer, m_metadata);
        return Verdict::Continue;
    }
    void finish() { m_bar.finish(); }

private:
    const Trainer& m_trainer;
    ProgressBar m_bar;
    std::ofstream* m_csv;
    std::chrono::steady_clock::time_point m_start;
    Index m_seen_at_start;
    std::string m_checkpoint;
    int m_every = 1;
    std::map<std::string, std::string> m_metadata;
    std::ofstream* m_atlas = nullptr;
    Dataset m_probe;
    SoftmaxClassifier m_reference;
};

// JSON values → option strings ("hidden": 500 → "500", "tied": true → "true").
bool apply_json(TrainingConfig& config, const QString& path, std::string* why) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *why = path.toStdString() + ": cannot open";
        return false;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject()) {
        *why = path.toStdString() + ": not a JSON object (" + error.errorString().toStdString() + ")";
        return false;
    }
    const QJsonObject obj = doc.object();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (it.key() == QLatin1String("preset") || it.key() == QLatin1String("dataset")) continue;
        QString value = it.value().isBool() ? (it.value().toBool() ? "true" : "false") : it.value().toVariant().toString();
        if (it.value().isDouble()) value = QString::number(it.value().toDouble(), 'g', 17);
        std::string reason;
        if (!set_training_option(config, it.key().toStdString(), value.toStdString(), &reason)) {
            *why = path.toStdString() + ": " + reason;
            return false;
        }
    }
    return true;
}

}  // namespace

int cmd_train(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Trains a denoising autoencoder. Defaults: Bahdanau & Jaeger 2014 (784-500-784 untied sigmoid,\n"
        "Gaussian σ = 0.5, squared error, b = 20, ρ = 0.1, α = 0.99, 100 epochs).\n"
        "Recipes:  --preset vincent   (tied, masking ν = 0.25, cross-entropy)\n"
        "          --preset bahdanau  (untied, Gaussian σ = 0.5, squared error, walkback k = 3)"));
    parser.addHelpOption();
    const QCommandLineOption dataset({"d", "dataset"}, "Data set id or IMAGES,LABELS.", "id", "mnist");
    const QCommandLineOption train_n("train-samples", "Training samples (default: all but the validation part).", "n");
    const QCommandLineOption validation_n("validation-samples", "Validation samples (default: 20 % of the set).", "n");
    const QCommandLineOption split_seed("split-seed", "Seed of the train/validation split.", "n", "1");
    const QCommandLineOption preset("preset", "vincent or bahdanau.", "name");
    const QCommandLineOption config("config", "JSON file of settings (keys as the flags below).", "file");
    const QCommandLineOption out({"o", "out"}, "Model file to write (daelab format).", "file", "model.dae");
    const QCommandLineOption npz("npz", "Also export the weights as NumPy .npz.", "file");
    const QCommandLineOption csv("csv", "Per-epoch curves as CSV.", "file");
    const QCommandLineOption threads("threads", "Threads for the matrix products (0: all cores).", "n", "0");
    const QCommandLineOption quiet({"q", "quiet"}, "No progress bar.");
    const QCommandLineOption progress("progress", "Draw the progress bar even when stderr is not a terminal.");
    const QCommandLineOption checkpoint("checkpoint", "Save the whole training state here (atomically) every few epochs.", "file");
    const QCommandLineOption checkpoint_every("checkpoint-every", "Epochs between checkpoints.", "n", "1");
    const QCommandLineOption resume("resume", "Go on from a checkpoint (its data set, split and settings); bit-identical to an uninterrupted run.", "file");
    const QCommandLineOption atlas("atlas", "Outcome atlas: after every epoch, iterate a probe of held-out samples to their fixed points and append the outcome counts to this CSV.", "file");
    const QCommandLineOption atlas_probe("atlas-probe", "Held-out samples in the atlas's probe.", "n", "200");
    parser.addOptions({dataset, train_n, validation_n, split_seed, preset, config, out, npz, csv, threads, quiet, progress, checkpoint,
                       checkpoint_every, resume, atlas, atlas_probe});
    std::vector<QCommandLineOption> setting_flags;
    for (const auto& o : training_option_list()) {
        setting_flags.emplace_back(QString::fromLatin1(o.key), QString::fromUtf8(o.help), "value");
        parser.addOption(setting_flags.back());
    }
    parser.process(args);

    TrainingConfig cfg;
    if (parser.isSet(preset)) {
        const QString p = parser.value(preset);
        if (p == "vincent") cfg = TrainingConfig::vincent2008();
        else if (p == "bahdanau") cfg = TrainingConfig::bahdanau2014();
        else return fail("unknown preset '" + p + "' (vincent or bahdanau)");
    }
    std::string why;
    if (parser.isSet(config) && !apply_json(cfg, parser.value(config), &why)) return fail(QString::fromStdString(why));
    for (const auto& flag : setting_flags)
        if (parser.isSet(flag) &&
            !set_training_option(cfg, flag.names().first().toStdString(), parser.value(flag).toStdString(), &why))
            return fail(QString::fromStdString(why));

    std::optional<Checkpoint> resumed;
    QString dataset_id = parser.value(dataset), split_seed_text = parser.value(split_seed);
    if (parser.isSet(resume)) {
        resumed = load_checkpoint(parser.value(resume).toStdString());
        cfg = resumed->config;
        auto meta = [&](const char* key) {
            const auto it = resumed->metadata.find(key);
            if (it == resumed->metadata.end())
                throw Error(parser.value(resume).toStdString() + ": the checkpoint does not say its " + key);
            return QString::fromStdString(it->second);
        };
        dataset_id = meta("dataset");
        split_seed_text = meta("split.seed");
        parser.process(args + QStringList{"--train-samples", meta("split.train"), "--validation-samples", meta("split.held-out")});
    }
    const Dataset data = load_dataset(dataset_id.toStdString());
    bool ok_v = true, ok_t = true;
    const Index n = data.size();
    const Index n_val = parser.isSet(validation_n) ? parser.value(validation_n).toLongLong(&ok_v) : n / 5;
    const Index n_train = parser.isSet(train_n) ? parser.value(train_n).toLongLong(&ok_t) : n - n_val;
    if (!ok_v || !ok_t || n_val < 0 || n_train < 1 || n_train + n_val > n)
        return fail(QString("%1 training + %2 validation samples do not fit the %3 of '%4'")
                        .arg(n_train).arg(n_val).arg(n).arg(QString::fromStdString(data.name)));
    cfg.model.visible = data.dim();
    if (!cfg.validate(&why, n_train)) return fail("invalid settings: " + QString::fromStdString(why));
    const Split split = make_split(n, n_train, n_val, 0, split_seed_text.toULongLong());
    if (parser.value(threads).toInt() > 0) set_compute_threads(parser.value(threads).toInt());

    std::ofstream csv_file;
    if (parser.isSet(csv)) {
        const bool append = resumed.has_value() && QFile::exists(parser.value(csv));
        csv_file.open(parser.value(csv).toStdString(), append ? std::ios::app : std::ios::trunc);
        if (!csv_file) return fail(parser.value(csv) + ": cannot write");
        if (!append) csv_file << "epoch,train_loss,validation_loss,validation_clean_mse,learning_rate,seconds,samples_per_second\n";
    }
    std::fprintf(stderr, "training %lld-%lld-%lld %s on %s (%lld train, %lld validation): %s %g, %s, k=%d, b=%lld, ρ=%g, α=%g, %d epochs\n",
                 static_cast<long long>(data.dim()), static_cast<long long>(cfg.model.hidden), static_cast<long long>(data.dim()),
                 cfg.model.tied ? "tied" : "untied", data.name.c_str(), static_cast<long long>(n_train),
                 static_cast<long long>(n_val), corruption_name(cfg.corruption.type), cfg.corruption.level, loss_name(cfg.loss),
                 cfg.walkback, static_cast<long long>(cfg.batch), cfg.learning_rate, cfg.annealing, cfg.epochs);
    Trainer trainer(cfg, data.subset(split.train).samples, data.subset(split.validation).samples);
    if (resumed) {
        trainer.set_state(resumed->state);
        std::fprintf(stderr, "resuming at epoch %d, minibatch %lld\n", trainer.epoch() + 1, static_cast<long long>(trainer.batch_in_epoch() + 1));
    }
    const bool draw = !parser.isSet(quiet) && (parser.isSet(progress) || isatty(2));
    CliObserver observer(trainer, draw, csv_file.is_open() ? &csv_file : nullptr);
    const std::map<std::string, std::string> run_metadata{{"dataset", dataset_id.toStdString()},
                                                          {"split.seed", split_seed_text.toStdString()},
                                                          {"split.train", std::to_string(n_train)},
                                                          {"split.held-out", std::to_string(n_val)}};
    if (parser.isSet(checkpoint) || resumed)
        observer.setCheckpoint((parser.isSet(checkpoint) ? parser.value(checkpoint) : parser.value(resume)).toStdString(),
                               parser.value(checkpoint_every).toInt(), run_metadata);
    std::ofstream atlas_file;
    if (parser.isSet(atlas)) {
        bool ok = false;
        const Index probe_n = parser.value(atlas_probe).toLongLong(&ok);
        if (!ok || probe_n < 1 || probe_n > n_val)
            return fail(QString("--atlas-probe must be 1 … %1 (the validation samples)").arg(n_val));
        const bool append = resumed.has_value() && QFile::exists(parser.value(atlas));
        atlas_file.open(parser.value(atlas).toStdString(), append ? std::ios::app : std::ios::trunc);
        if (!atlas_file) return fail(parser.value(atlas) + ": cannot write");
        if (!append) atlas_file << atlas_csv_header();
        const Dataset train_set = data.subset(split.train);
        SoftmaxClassifier reference;
        reference.train(train_set.samples, train_set.labels, std::max(2, data.num_classes));
        std::vector<Index> probe(split.validation.begin(), split.validation.begin() + probe_n);
        observer.setAtlas(&atlas_file, data.subset(probe), std::move(reference));
    }
    const auto t0 = std::chrono::steady_clock::now();
    const TrainStatus status = trainer.run(&observer);
    const double train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    observer.finish();

    SavedModel saved{trainer.model(), {}};
    for (const auto& [k, v] : training_options(cfg)) saved.metadata["train." + k] = v;
    for (const auto& [k, v] : run_metadata) saved.metadata[k] = v;
    saved.metadata["epochs-trained"] = std::to_string(trainer.epoch());
    saved.metadata["status"] = train_status_name(status);
    saved.metadata["threads"] = std::to_string(compute_threads());  // results are bit-reproducible per thread count
    save_model(parser.value(out).toStdString(), saved);
    if (parser.isSet(npz)) export_npz(parser.value(npz).toStdString(), trainer.model());
    const EpochReport& last = trainer.last_epoch();
    std::printf("status %s after %d epochs: train loss %.4f, validation loss %.4f, validation clean MSE %.4f\n",
                train_status_name(status), trainer.epoch(), last.train_loss, last.validation_loss, last.validation_clean_mse);
    std::printf("trained %lld samples in %.2f s: %.0f samples/s (incl. validation)\n", static_cast<long long>(trainer.samples_seen()),
                train_seconds, static_cast<double>(trainer.samples_seen()) / train_seconds);
    std::printf("model written to %s\n", qPrintable(parser.value(out)));
    if (status == TrainStatus::Diverged) return fail(QString::fromStdString(trainer.message()));
    return 0;
}

}  // namespace dae::cli
