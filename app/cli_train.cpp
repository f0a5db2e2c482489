// daelab-cli train: trains a DAE headless. Settings come, in increasing priority, from the
// defaults (Bahdanau & Jaeger 2014), --preset, --config JSON, and the flags. Every output path is
// checked before training starts; a checkpoint resumes bit-identically, and can be extended.
#include "cli_common.h"
#include "cli_support.h"
#include "dae/atlas.h"
#include "dae/census_log.h"
#include "dae/checkpoint.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/judge.h"
#include "dae/model_io.h"
#include "dae/text_log.h"
#include "dae/training_options.h"

#include <QCommandLineParser>

#include <cstdio>
#include <optional>

namespace dae::cli {
namespace {

class TrainObserver : public RunObserver {
public:
    TrainObserver(const Trainer& trainer, bool progress, TextLog* csv)
        : m_trainer(trainer), m_bar(progress), m_csv(csv), m_start(std::chrono::steady_clock::now()),
          m_seen_at_start(trainer.samples_seen()) {}
    // Saves a checkpoint every `every` epochs (atomically: a kill leaves the previous one whole).
    void setCheckpoint(std::string path, int every, Provenance provenance) {
        m_checkpoint = std::move(path);
        m_every = std::max(1, every);
        m_provenance = std::move(provenance);
    }
    // The outcome atlas: after every epoch, what becomes of the probe set when iterated.
    void setAtlas(TextLog* out, Dataset probe, Judge judge) {
        m_atlas = out;
        m_probe = std::move(probe);
        m_judge = std::move(judge);
    }
    // The attractor census of a probe after every epoch, attractors followed by their basins.
    void setCensus(CensusLog* census) { m_census = census; }

    Verdict on_batch(const BatchReport& r) override {
        const double done = (r.epoch + (r.batch + 1.0) / static_cast<double>(r.batches_per_epoch)) / r.epochs;
        const double per_epoch = static_cast<double>(r.batches_per_epoch * m_trainer.config().batch);
        const double start = static_cast<double>(m_seen_at_start) / per_epoch / r.epochs;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        const double rate = static_cast<double>(r.samples_seen - m_seen_at_start) / std::max(elapsed, 1e-9);
        char text[160];
        std::snprintf(text, sizeof text, "epoch %d/%d  loss %.4f  %.0f samples/s  ETA %s", r.epoch + 1, r.epochs,
                      r.loss.reconstruction, rate,
                      ProgressBar::format_duration(elapsed * (1 - done) / std::max(done - start, 1e-9)).c_str());
        m_bar.update(done, text);
        return Verdict::Continue;
    }
    Verdict on_epoch(const EpochReport& e) override {
        if (m_csv) m_csv->append(curves_csv_row(e));
        if (m_atlas) m_atlas->append(atlas_csv_row(probe_outcomes(m_trainer.model(), e.epoch + 1, m_probe, m_judge)));
        if (m_census) m_census->append(e.epoch + 1, m_trainer.model());
        if (!m_checkpoint.empty() && (e.epoch + 1) % m_every == 0) {
            m_provenance.epochs_trained = e.epoch + 1;
            save_checkpoint(m_checkpoint, m_trainer, m_provenance);
        }
        return Verdict::Continue;
    }
    void finish() { m_bar.finish(); }

private:
    const Trainer& m_trainer;
    ProgressBar m_bar;
    TextLog* m_csv;
    std::chrono::steady_clock::time_point m_start;
    Index m_seen_at_start;
    std::string m_checkpoint;
    int m_every = 1;
    Provenance m_provenance;
    TextLog* m_atlas = nullptr;
    Dataset m_probe;
    Judge m_judge;
    CensusLog* m_census = nullptr;
};

// The first validation samples, the probe of the atlas or the census: as many as the option asks
// for (at most the split's; its default is cut to what the split has).
Dataset validation_probe(const QCommandLineParser& parser, const QCommandLineOption& option, const Dataset& validation,
                         const char* what) {
    if (validation.size() == 0)
        throw Error(std::string(what) + " needs validation samples: its probe is drawn from them");
    const long long wanted = parser.isSet(option) ? integer_option(parser, option, 1, validation.size())
                                                  : option.defaultValues().first().toLongLong();
    return validation.head(wanted);
}

}  // namespace

int cmd_train(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Trains a denoising autoencoder. Defaults: Bahdanau & Jaeger 2014 (784-500-784 untied sigmoid,\n"
                       "Gaussian σ = 0.5, squared error, b = 20, ρ = 0.1, α = 0.99, 100 epochs).\n"
                       "Recipes:  --preset vincent   (tied, masking ν = 0.25, cross-entropy)\n"
                       "          --preset bahdanau  (untied, Gaussian σ = 0.5, squared error, walkback k = 3)\n"
                       "The split of the data set's training pool is its own (the full MNIST: 50,000 random digits\n"
                       "train, the other 10,000 validate, as Bahdanau & Jaeger §5.1; its 10,000 test digits are never\n"
                       "used here). --split ordered takes the first 50,000 instead; --split-seed, --train-samples and\n"
                       "--validation-samples change the random one."));
    parser.addHelpOption();
    const QCommandLineOption dataset({"d", "dataset"}, "Data set id or IMAGES,LABELS[,TEST_IMAGES,TEST_LABELS].", "id",
                                     QString::fromStdString(default_dataset_id()));
    const QCommandLineOption train_n("train-samples",
                                     "Training samples of a random split (default: the data set's split).", "n");
    const QCommandLineOption validation_n("validation-samples", "Validation samples of a random split.", "n");
    const QCommandLineOption split_seed("split-seed", "Seed of a random split.", "n", "1");
    const QCommandLineOption split_rule("split",
                                        "shuffled (a seeded random split, the default) or ordered (the first samples "
                                        "train, the next validate).",
                                        "rule");
    const QCommandLineOption preset("preset", "vincent or bahdanau.", "name");
    const QCommandLineOption config("config", "JSON file of settings (keys as the flags below).", "file");
    const QCommandLineOption out({"o", "out"}, "Model file to write (daelab format).", "file", "model.dae");
    const QCommandLineOption npz("npz", "Also export the weights as NumPy .npz.", "file");
    const QCommandLineOption csv("csv", "Per-epoch curves as CSV.", "file");
    const QCommandLineOption threads("threads", kThreadsHelp, "n", "0");
    const QCommandLineOption quiet({"q", "quiet"}, "No progress bar.");
    const QCommandLineOption progress("progress", "Draw the progress bar even when stderr is not a terminal.");
    const QCommandLineOption checkpoint("checkpoint",
                                        "Save the whole training state here (atomically) every few epochs.", "file");
    const QCommandLineOption checkpoint_every("checkpoint-every", "Epochs between checkpoints.", "n", "1");
    const QCommandLineOption resume("resume",
                                    "Go on from a checkpoint (its data set, split and settings): bit-identical to an "
                                    "uninterrupted run. Only --epochs may change (to extend the run).",
                                    "file");
    const QCommandLineOption atlas("atlas",
                                   "Outcome atlas: after every epoch, iterate a probe of validation samples to their "
                                   "fixed points and append the outcome counts to this CSV.",
                                   "file");
    const QCommandLineOption atlas_probe("atlas-probe", "Validation samples in the atlas's probe.", "n",
                                         QString::number(kDefaultProbeSize));
    const QCommandLineOption census("census",
                                    "Attractor census over training: after every epoch, iterate a probe of validation "
                                    "samples to their fixed points, group them into attractors followed by their "
                                    "basins, and append one row per attractor to this CSV (daelab-cli plot census).",
                                    "file");
    const QCommandLineOption census_probe("census-probe", "Validation samples in the census's probe.", "n",
                                          QString::number(kDefaultProbeSize));
    parser.addOptions({dataset, train_n, validation_n, split_seed, split_rule,
                       preset,  config,  out,          npz,        csv,
                       threads, quiet,   progress,     checkpoint, checkpoint_every,
                       resume,  atlas,   atlas_probe,  census,     census_probe});
    const std::vector<QCommandLineOption> setting_flags = schema_flags(training_settings(), TrainingConfig{});
    for (const auto& flag : setting_flags)
        parser.addOption(flag);
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    if (!parser.positionalArguments().isEmpty())
        return fail("unexpected argument '" + parser.positionalArguments().first() + "'");

    // Outputs first: a run must never be lost for want of a writable folder.
    check_writable(parser.value(out), "model");
    if (parser.isSet(npz)) check_writable(parser.value(npz), ".npz export");
    if (parser.isSet(csv)) check_writable(parser.value(csv), "curves CSV");
    if (parser.isSet(checkpoint)) check_writable(parser.value(checkpoint), "checkpoint");
    if (parser.isSet(atlas)) check_writable(parser.value(atlas), "atlas CSV");
    if (parser.isSet(census)) check_writable(parser.value(census), "census CSV");

    TrainingConfig cfg;
    Provenance prov;
    std::optional<Checkpoint> resumed;
    std::string why;
    if (parser.isSet(resume)) {
        // The checkpoint decides everything but the number of epochs; other settings are refused.
        for (const QCommandLineOption& o : {dataset, train_n, validation_n, split_seed, split_rule, preset, config})
            if (parser.isSet(o))
                return fail("--" + o.names().constLast() + " cannot change a resumed run (it keeps its checkpoint's)");
        for (const auto& flag : setting_flags)
            if (parser.isSet(flag) && flag.names().first() != QLatin1String("epochs"))
                return fail("--" + flag.names().first() + " cannot change a resumed run; only --epochs can extend it");
        resumed = load_checkpoint(parser.value(resume).toStdString());
        cfg = resumed->config;
        prov = resumed->provenance;
        if (prov.dataset.empty() || !prov.split)
            return fail(parser.value(resume) + ": the checkpoint does not say its data set and split");
        if (parser.isSet(QStringLiteral("epochs"))) {
            TrainingConfig extended = cfg;
            if (!set_training_option(extended, "epochs", parser.value(QStringLiteral("epochs")).toStdString(), &why))
                return fail(QString::fromStdString(why));
            const int epochs = extended.epochs;
            if (epochs < resumed->state.epoch)
                return fail(QString("--epochs %1 is fewer than the %2 epochs the checkpoint has already trained")
                                .arg(epochs)
                                .arg(resumed->state.epoch));
            cfg.epochs = epochs;
        }
    } else {
        if (parser.isSet(preset)) {
            const QString p = parser.value(preset);
            const auto preset_config = training_preset(p.toStdString());
            if (!preset_config)
                return fail("--preset: '" + p + "' is not " + QString::fromStdString(training_preset_names()));
            cfg = *preset_config;
        }
        if (parser.isSet(config)) {
            const std::string text = read_text(parser.value(config));
            if (!set_training_options_json(cfg, text, parser.value(config).toStdString(), {"preset", "dataset"}, &why))
                return fail(QString::fromStdString(why));
        }
        for (const auto& flag : setting_flags)
            if (parser.isSet(flag) &&
                !set_training_option(cfg, flag.names().first().toStdString(), parser.value(flag).toStdString(), &why))
                return fail(QString::fromStdString(why));
        prov.dataset = parser.value(dataset).toStdString();
    }
    const DataSource data = load_data_source(prov.dataset);
    if (!resumed) {
        SplitSpec split = data.default_split;
        const Index n = data.pool.size();
        if (parser.isSet(train_n) || parser.isSet(validation_n)) {
            split.validation = parser.isSet(validation_n) ? integer_option(parser, validation_n, 0, n)
                                                          : SplitSpec::held_out_fifth(n).validation;
            split.train = parser.isSet(train_n) ? integer_option(parser, train_n, 1, n) : n - split.validation;
        }
        if (parser.isSet(split_seed) || parser.isSet(train_n) || parser.isSet(validation_n)) {
            split.rule = SplitSpec::Rule::Shuffled;
            split.seed = static_cast<std::uint64_t>(integer_option(parser, split_seed, 0, 1LL << 62));
        }
        if (parser.isSet(split_rule)) {
            const QString rule = parser.value(split_rule);
            if (rule != "ordered" && rule != "shuffled")
                return fail("--split: '" + rule + "' is not shuffled or ordered");
            if (rule == "ordered" && parser.isSet(split_seed))
                return fail("--split ordered takes no --split-seed (it does not shuffle)");
            split.rule = rule == "ordered" ? SplitSpec::Rule::Ordered : SplitSpec::Rule::Shuffled;
        }
        prov.split = split;
    }
    const Partition part = make_partition(data, *prov.split);
    cfg.model.visible = data.pool.dim();
    if (!cfg.validate(&why, part.train.size())) return fail("invalid settings: " + QString::fromStdString(why));
    const int thread_count = static_cast<int>(integer_option(parser, threads, 0, 1024));
    // A resumed run keeps its thread count (bit-identical to an uninterrupted run); else --threads,
    // or the thread policy (dae/threads.h), which the run records like any other count.
    const bool policy = thread_count == 0 && !(resumed && resumed->provenance.threads > 0);
    if (!policy && thread_count == 0)
        set_compute_threads(resumed->provenance.threads);
    else
        apply_threads(parser, threads, training_work(cfg, cfg.model.visible));
    prov.threads = compute_threads();  // results are bit-reproducible per thread count
    prov.settings = cfg;

    // On --resume the curves keep the rows of the epochs the checkpoint holds.
    TextLog csv_file;
    if (parser.isSet(csv))
        csv_file = TextLog(parser.value(csv).toStdString(), curves_csv_header(), resumed.has_value(),
                           resumed ? resumed->state.epoch : -1);
    std::fprintf(
        stderr,
        "training %lld-%lld-%lld %s on %s (%lld train, %lld validation; split %s): %s %g, %s, k=%d, b=%lld, ρ=%g, "
        "α=%g, %d epochs, %d thread%s%s\n",
        static_cast<long long>(data.pool.dim()), static_cast<long long>(cfg.model.hidden),
        static_cast<long long>(data.pool.dim()), cfg.model.tied ? "tied" : "untied", prov.dataset.c_str(),
        static_cast<long long>(part.train.size()), static_cast<long long>(part.validation.size()),
        split_rule_name(prov.split->rule), corruption_name(cfg.corruption.type), cfg.corruption.level,
        loss_name(cfg.loss), cfg.walkback, static_cast<long long>(cfg.batch), cfg.learning_rate, cfg.annealing,
        cfg.epochs, prov.threads, prov.threads == 1 ? "" : "s", policy ? " (the thread policy's choice)" : "");
    Trainer trainer(cfg, part.train.samples, part.validation.samples);
    if (resumed) {
        trainer.set_state(resumed->state);
        std::fprintf(stderr, "resuming at epoch %d, minibatch %lld\n", trainer.epoch() + 1,
                     static_cast<long long>(trainer.batch_in_epoch() + 1));
    }
    TrainObserver observer(trainer, bar_wanted(parser, quiet, progress), csv_file.is_open() ? &csv_file : nullptr);
    if (parser.isSet(checkpoint) || resumed)
        observer.setCheckpoint(
            (parser.isSet(checkpoint) ? parser.value(checkpoint) : parser.value(resume)).toStdString(),
            static_cast<int>(integer_option(parser, checkpoint_every, 1, 1000000)), prov);
    // The probes first, so that a bad probe size is refused before the judge trains (minutes on a
    // large split); then the judge of the atlas and the census (one, cached on disk by its data).
    const Dataset atlas_set =
        parser.isSet(atlas) ? validation_probe(parser, atlas_probe, part.validation, "--atlas") : Dataset();
    const Dataset census_set =
        parser.isSet(census) ? validation_probe(parser, census_probe, part.validation, "--census") : Dataset();
    const std::optional<Judge> judge = parser.isSet(atlas) || parser.isSet(census)
                                           ? std::optional(cached_judge(part.train, part.validation))
                                           : std::nullopt;
    TextLog atlas_file;
    if (parser.isSet(atlas)) {
        atlas_file = TextLog(parser.value(atlas).toStdString(), atlas_csv_header(), resumed.has_value(),
                             resumed ? resumed->state.epoch : -1);
        observer.setAtlas(&atlas_file, atlas_set, *judge);
    }
    CensusLog census_log;
    if (parser.isSet(census)) {
        census_log =
            CensusLog(parser.value(census).toStdString(), census_set, *judge, CensusConfig(), resumed.has_value());
        if (resumed) {
            const bool mid_epoch = trainer.batch_in_epoch() != 0;
            census_log.resume(resumed->state.epoch, mid_epoch ? nullptr : &trainer.model());
            if (mid_epoch)
                std::fprintf(stderr,
                             "%s: the checkpoint was taken in the middle of an epoch, so the attractors from here "
                             "on get new ids (the rows before are kept)\n",
                             parser.value(census).toUtf8().constData());
        }
        observer.setCensus(&census_log);
    }
    const Index seen_before = trainer.samples_seen();
    const auto t0 = std::chrono::steady_clock::now();
    const TrainStatus status = trainer.run(&observer);
    const double train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    observer.finish();

    prov.epochs_trained = trainer.epoch();
    prov.status = train_status_name(status);
    save_model(parser.value(out).toStdString(), {trainer.model(), prov});
    if (parser.isSet(npz)) export_npz(parser.value(npz).toStdString(), trainer.model());
    const EpochReport& last = trainer.last_epoch();
    std::printf("status %s after %d epochs: train loss %.4f, validation loss %.4f, validation clean MSE %.4f\n",
                train_status_name(status), trainer.epoch(), last.train_loss, last.validation_loss,
                last.validation_clean_mse);
    const Index trained = trainer.samples_seen() - seen_before;
    if (trained > 0)
        std::printf("trained %lld samples in %.2f s: %.0f samples/s (incl. validation)\n",
                    static_cast<long long>(trained), train_seconds, static_cast<double>(trained) / train_seconds);
    else
        std::printf("nothing left to train: the run had already done its %d epochs\n", trainer.epoch());
    std::printf("model written to %s\n", qPrintable(parser.value(out)));
    if (status == TrainStatus::Diverged) return fail(QString::fromStdString(trainer.message()));
    return 0;
}

}  // namespace dae::cli
