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
    // `provenance` collects the curves of every epoch (after a resumed checkpoint's own).
    TrainObserver(const Trainer& trainer, bool progress, TextLog* csv, Provenance provenance)
        : m_trainer(trainer), m_bar(progress), m_csv(csv), m_start(std::chrono::steady_clock::now()),
          m_seen_at_start(trainer.samples_seen()), m_provenance(std::move(provenance)) {}
    // Saves a checkpoint every `every` epochs (atomically: a kill leaves the previous one whole).
    void setCheckpoint(std::string path, int every) {
        m_checkpoint = std::move(path);
        m_every = std::max(1, every);
    }
    const Provenance& provenance() const { return m_provenance; }
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
        m_provenance.curves.push_back(e);
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
    Provenance m_provenance;
    std::string m_checkpoint;
    int m_every = 1;
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

// Every flag of `train`.
struct TrainFlags {
    QCommandLineOption dataset{{"d", "dataset"},
                               "Data set id or IMAGES,LABELS[,TEST_IMAGES,TEST_LABELS].",
                               "id",
                               QString::fromStdString(default_dataset_id())};
    QCommandLineOption train_n{"train-samples", "Training samples of a random split (default: the data set's split).",
                               "n"};
    QCommandLineOption validation_n{"validation-samples", "Validation samples of a random split.", "n"};
    QCommandLineOption split_seed{"split-seed", "Seed of a random split.", "n", "1"};
    QCommandLineOption split_rule{
        "split",
        "shuffled (a seeded random split, the default) or ordered (the first samples train, the next validate).",
        "rule"};
    QCommandLineOption preset{"preset", QString::fromStdString(training_preset_names()) + ".", "name"};
    QCommandLineOption config{"config", "JSON file of settings (keys as the flags below).", "file"};
    QCommandLineOption out{{"o", "out"}, "Model file to write (daelab format).", "file", "model.dae"};
    QCommandLineOption npz{"npz", "Also export the weights as NumPy .npz.", "file"};
    QCommandLineOption csv{"csv", "Per-epoch curves as CSV.", "file"};
    QCommandLineOption threads{"threads", kThreadsHelp, "n", "0"};
    QCommandLineOption quiet{{"q", "quiet"}, "No progress bar."};
    QCommandLineOption progress{"progress", "Draw the progress bar even when stderr is not a terminal."};
    QCommandLineOption checkpoint{"checkpoint", "Save the whole training state here (atomically) every few epochs.",
                                  "file"};
    QCommandLineOption checkpoint_every{"checkpoint-every", "Epochs between checkpoints.", "n", "1"};
    QCommandLineOption resume{"resume",
                              "Go on from a checkpoint (its data set, split and settings): bit-identical to an "
                              "uninterrupted run. Only --epochs may change (to extend the run).",
                              "file"};
    QCommandLineOption atlas{"atlas",
                             "Outcome atlas: after every epoch, iterate a probe of validation samples to their fixed "
                             "points and append the outcome counts to this CSV (named MODEL.atlas.csv beside the model "
                             "-o MODEL.dae, the window's Runs view and compare show it with the model).",
                             "file"};
    QCommandLineOption atlas_probe{"atlas-probe", "Validation samples in the atlas's probe.", "n",
                                   QString::number(kDefaultProbeSize)};
    QCommandLineOption census{"census",
                              "Attractor census over training: after every epoch, iterate a probe of validation "
                              "samples to their fixed points, group them into attractors followed by their basins, "
                              "and append one row per attractor to this CSV (daelab-cli plot census).",
                              "file"};
    QCommandLineOption census_probe{"census-probe", "Validation samples in the census's probe.", "n",
                                    QString::number(kDefaultProbeSize)};
    std::vector<QCommandLineOption> settings = schema_flags(training_settings(), TrainingConfig{});

    void add_to(QCommandLineParser& parser) const {
        parser.addOptions({dataset, train_n, validation_n, split_seed, split_rule,
                           preset,  config,  out,          npz,        csv,
                           threads, quiet,   progress,     checkpoint, checkpoint_every,
                           resume,  atlas,   atlas_probe,  census,     census_probe});
        for (const auto& flag : settings)
            parser.addOption(flag);
    }
};

// What to train: the settings and the provenance (data set, split), and the checkpoint resumed.
struct TrainSpec {
    TrainingConfig config;
    Provenance provenance;
    std::optional<Checkpoint> resumed;
};

// --resume: the checkpoint decides everything but the number of epochs; other settings are refused.
TrainSpec resumed_spec(const QCommandLineParser& parser, const TrainFlags& f) {
    for (const QCommandLineOption& o :
         {f.dataset, f.train_n, f.validation_n, f.split_seed, f.split_rule, f.preset, f.config})
        if (parser.isSet(o))
            throw Error("--" + o.names().constLast().toStdString() +
                        " cannot change a resumed run (it keeps its checkpoint's)");
    for (const auto& flag : f.settings)
        if (parser.isSet(flag) && flag.names().first() != QLatin1String("epochs"))
            throw Error("--" + flag.names().first().toStdString() +
                        " cannot change a resumed run; only --epochs can extend it");
    TrainSpec s;
    s.resumed = load_checkpoint(parser.value(f.resume).toStdString());
    s.config = s.resumed->config;
    s.provenance = s.resumed->provenance;
    if (s.provenance.dataset.empty() || !s.provenance.split)
        throw Error(parser.value(f.resume).toStdString() + ": the checkpoint does not say its data set and split");
    if (parser.isSet(QStringLiteral("epochs"))) {
        TrainingConfig extended = s.config;
        std::string why;
        if (!set_training_option(extended, "epochs", parser.value(QStringLiteral("epochs")).toStdString(), &why))
            throw Error(why);
        if (extended.epochs < s.resumed->state.epoch)
            throw Error("--epochs " + std::to_string(extended.epochs) + " is fewer than the " +
                        std::to_string(s.resumed->state.epoch) + " epochs the checkpoint has already trained");
        s.config.epochs = extended.epochs;
    }
    return s;
}

// A new run: the defaults, then --preset, --config and the setting flags, in increasing priority.
TrainSpec new_spec(const QCommandLineParser& parser, const TrainFlags& f) {
    TrainSpec s;
    std::string why;
    if (parser.isSet(f.preset)) {
        const auto preset = training_preset(parser.value(f.preset).toStdString());
        if (!preset)
            throw Error("--preset: '" + parser.value(f.preset).toStdString() + "' is not " + training_preset_names());
        s.config = *preset;
    }
    if (parser.isSet(f.config) &&
        !set_training_options_json(s.config, read_text(parser.value(f.config)), parser.value(f.config).toStdString(),
                                   {"preset", "dataset"}, &why))
        throw Error(why);
    for (const auto& flag : f.settings)
        if (parser.isSet(flag) &&
            !set_training_option(s.config, flag.names().first().toStdString(), parser.value(flag).toStdString(), &why))
            throw Error(why);
    s.provenance.dataset = parser.value(f.dataset).toStdString();
    return s;
}

// The data set's own split, or a seeded random one, or its first samples (--split ordered).
SplitSpec split_from_flags(const QCommandLineParser& parser, const TrainFlags& f, const DataSource& data) {
    SplitSpec split = data.default_split;
    const Index n = data.pool.size();
    const bool counts = parser.isSet(f.train_n) || parser.isSet(f.validation_n);
    if (counts) {
        split.validation = parser.isSet(f.validation_n) ? integer_option(parser, f.validation_n, 0, n)
                                                        : SplitSpec::held_out_fifth(n).validation;
        split.train = parser.isSet(f.train_n) ? integer_option(parser, f.train_n, 1, n) : n - split.validation;
    }
    if (parser.isSet(f.split_seed) || counts) {
        split.rule = SplitSpec::Rule::Shuffled;
        split.seed = static_cast<std::uint64_t>(integer_option(parser, f.split_seed, 0, 1LL << 62));
    }
    if (parser.isSet(f.split_rule)) {
        const QString rule = parser.value(f.split_rule);
        if (rule != "ordered" && rule != "shuffled")
            throw Error("--split: '" + rule.toStdString() + "' is not shuffled or ordered");
        if (rule == "ordered" && parser.isSet(f.split_seed))
            throw Error("--split ordered takes no --split-seed (it does not shuffle)");
        split.rule = rule == "ordered" ? SplitSpec::Rule::Ordered : SplitSpec::Rule::Shuffled;
    }
    return split;
}

// A resumed run keeps its thread count (bit-identical to an uninterrupted run); else --threads, or
// the thread policy (dae/threads.h), which the run records like any other count. True: the policy chose.
bool choose_threads(const QCommandLineParser& parser, const TrainFlags& f, const TrainSpec& s) {
    const int asked = static_cast<int>(integer_option(parser, f.threads, 0, 1024));
    const bool policy = asked == 0 && !(s.resumed && s.resumed->provenance.threads > 0);
    if (!policy && asked == 0)
        set_compute_threads(s.resumed->provenance.threads);
    else
        apply_threads(parser, f.threads, training_work(s.config, s.config.model.visible));
    return policy;
}

void print_start(const TrainSpec& s, const DataSource& data, const Partition& part, bool policy) {
    const TrainingConfig& c = s.config;
    const Provenance& p = s.provenance;
    std::fprintf(
        stderr,
        "training %lld-%lld-%lld %s on %s (%lld train, %lld validation; split %s): %s %g, %s, k=%d, b=%lld, ρ=%g, "
        "α=%g, %d epochs, %d thread%s%s\n",
        static_cast<long long>(data.pool.dim()), static_cast<long long>(c.model.hidden),
        static_cast<long long>(data.pool.dim()), c.model.tied ? "tied" : "untied", p.dataset.c_str(),
        static_cast<long long>(part.train.size()), static_cast<long long>(part.validation.size()),
        split_rule_name(p.split->rule), corruption_name(c.corruption.type), c.corruption.level, loss_name(c.loss),
        c.walkback, static_cast<long long>(c.batch), c.learning_rate, c.annealing, c.epochs, p.threads,
        p.threads == 1 ? "" : "s", policy ? " (the thread policy's choice)" : "");
}

// The atlas and the census over training, each with its file; their probes first, so that a bad
// probe size is refused before the judge trains (minutes on a large split); then the judge (one,
// cached on disk by its data).
struct Probes {
    TextLog atlas_file;
    CensusLog census_log;
};
void attach_probes(const QCommandLineParser& parser, const TrainFlags& f, const TrainSpec& s, const Partition& part,
                   const Trainer& trainer, TrainObserver& observer, Probes& probes) {
    const bool atlas = parser.isSet(f.atlas), census = parser.isSet(f.census);
    const Dataset atlas_set = atlas ? validation_probe(parser, f.atlas_probe, part.validation, "--atlas") : Dataset();
    const Dataset census_set =
        census ? validation_probe(parser, f.census_probe, part.validation, "--census") : Dataset();
    if (!atlas && !census) return;
    const Judge judge = cached_judge(part.train, part.validation);
    const int epochs_before = s.resumed ? s.resumed->state.epoch : -1;
    if (atlas) {
        probes.atlas_file =
            TextLog(parser.value(f.atlas).toStdString(), atlas_csv_header(), s.resumed.has_value(), epochs_before);
        observer.setAtlas(&probes.atlas_file, atlas_set, judge);
    }
    if (census) {
        probes.census_log =
            CensusLog(parser.value(f.census).toStdString(), census_set, judge, CensusConfig(), s.resumed.has_value());
        if (s.resumed) {
            const bool mid_epoch = trainer.batch_in_epoch() != 0;
            probes.census_log.resume(s.resumed->state.epoch, mid_epoch ? nullptr : &trainer.model());
            if (mid_epoch)
                std::fprintf(stderr,
                             "%s: the checkpoint was taken in the middle of an epoch, so the attractors from here "
                             "on get new ids (the rows before are kept)\n",
                             parser.value(f.census).toUtf8().constData());
        }
        observer.setCensus(&probes.census_log);
    }
}

int report(const Trainer& trainer, TrainStatus status, Index trained, double seconds, const QString& out) {
    const EpochReport& last = trainer.last_epoch();
    std::printf("status %s after %d epochs: train loss %.4f, validation loss %.4f, validation clean MSE %.4f\n",
                train_status_name(status), trainer.epoch(), last.train_loss, last.validation_loss,
                last.validation_clean_mse);
    if (trained > 0)
        std::printf("trained %lld samples in %.2f s: %.0f samples/s (incl. validation)\n",
                    static_cast<long long>(trained), seconds, static_cast<double>(trained) / seconds);
    else
        std::printf("nothing left to train: the run had already done its %d epochs\n", trainer.epoch());
    std::printf("model written to %s\n", qPrintable(out));
    if (status == TrainStatus::Diverged) return fail(QString::fromStdString(trainer.message()));
    return 0;
}

}  // namespace

int cmd_train(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Trains a denoising autoencoder. Defaults: Bahdanau & Jaeger 2014 (784-500-784 untied sigmoid,\n"
                       "Gaussian σ = 0.5, squared error, b = 20, ρ = 0.1, α = 0.99, 100 epochs, the minibatches in a\n"
                       "circular order, §5.3).\n"
                       "Recipes:  --preset vincent   (tied, masking ν = 0.25, cross-entropy)\n"
                       "          --preset bahdanau  (untied, Gaussian σ = 0.5, squared error, walkback k = 3)\n"
                       "The split of the data set's training pool is its own (the full MNIST: 50,000 random digits\n"
                       "train, the other 10,000 validate, as Bahdanau & Jaeger §5.1; its 10,000 test digits are never\n"
                       "used here). --split ordered takes the first 50,000 instead; --split-seed, --train-samples and\n"
                       "--validation-samples change the random one."));
    parser.addHelpOption();
    const TrainFlags f;
    f.add_to(parser);
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    if (!parser.positionalArguments().isEmpty())
        return fail("unexpected argument '" + parser.positionalArguments().first() + "'");
    // Outputs first: a run must never be lost for want of a writable folder.
    check_writable(parser.value(f.out), "model");
    const std::pair<const QCommandLineOption*, const char*> outputs[] = {{&f.npz, ".npz export"},
                                                                         {&f.csv, "curves CSV"},
                                                                         {&f.checkpoint, "checkpoint"},
                                                                         {&f.atlas, "atlas CSV"},
                                                                         {&f.census, "census CSV"}};
    for (const auto& [flag, what] : outputs)
        if (parser.isSet(*flag)) check_writable(parser.value(*flag), what);

    TrainSpec spec = parser.isSet(f.resume) ? resumed_spec(parser, f) : new_spec(parser, f);
    const DataSource data = load_data_source(spec.provenance.dataset);
    if (!spec.resumed) spec.provenance.split = split_from_flags(parser, f, data);
    const Partition part = make_partition(data, *spec.provenance.split);
    spec.config.model.visible = data.pool.dim();
    std::string why;
    if (!spec.config.validate(&why, part.train.size())) return fail("invalid settings: " + QString::fromStdString(why));
    const bool policy = choose_threads(parser, f, spec);
    spec.provenance.threads = compute_threads();  // results are bit-reproducible per thread count
    spec.provenance.settings = spec.config;

    // On --resume the curves keep the rows of the epochs the checkpoint holds.
    TextLog csv_file;
    if (parser.isSet(f.csv))
        csv_file = TextLog(parser.value(f.csv).toStdString(), curves_csv_header(), spec.resumed.has_value(),
                           spec.resumed ? spec.resumed->state.epoch : -1);
    print_start(spec, data, part, policy);
    Trainer trainer(spec.config, part.train.samples, part.validation.samples);
    if (spec.resumed) {
        trainer.set_state(spec.resumed->state);
        std::fprintf(stderr, "resuming at epoch %d, minibatch %lld\n", trainer.epoch() + 1,
                     static_cast<long long>(trainer.batch_in_epoch() + 1));
    }
    TrainObserver observer(trainer, bar_wanted(parser, f.quiet, f.progress), csv_file.is_open() ? &csv_file : nullptr,
                           spec.provenance);
    if (parser.isSet(f.checkpoint) || spec.resumed)
        observer.setCheckpoint(
            (parser.isSet(f.checkpoint) ? parser.value(f.checkpoint) : parser.value(f.resume)).toStdString(),
            static_cast<int>(integer_option(parser, f.checkpoint_every, 1, 1000000)));
    Probes probes;
    attach_probes(parser, f, spec, part, trainer, observer, probes);
    const Index seen_before = trainer.samples_seen();
    const auto t0 = std::chrono::steady_clock::now();
    const TrainStatus status = trainer.run(&observer);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    observer.finish();

    Provenance prov = observer.provenance();  // with the curves of every epoch (a checkpoint's too)
    prov.epochs_trained = trainer.epoch();
    prov.status = train_status_name(status);
    save_model(parser.value(f.out).toStdString(), {trainer.model(), prov});
    if (parser.isSet(f.npz)) export_npz(parser.value(f.npz).toStdString(), trainer.model());
    return report(trainer, status, trainer.samples_seen() - seen_before, seconds, parser.value(f.out));
}

}  // namespace dae::cli
