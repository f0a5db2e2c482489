// The experiment runner: one run of a RunSpec in its folder — lock, train (checkpointing every
// epoch, resumable), save the model, evaluate the dynamics and write result.json.
#include "dae/atlas.h"
#include "dae/chain.h"
#include "dae/checkpoint.h"
#include "dae/error.h"
#include "dae/experiment.h"
#include "dae/files.h"
#include "dae/model_io.h"
#include "dae/numbers.h"
#include "dae/text_log.h"
#include "dae/threads.h"
#include "dae/training_options.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <sys/file.h>
#include <unistd.h>

namespace dae {

namespace fs = std::filesystem;

namespace {

RunSpec read_spec(const std::string& path) { return RunSpec::from_json(read_text(path), path); }

// The training time of the first `epochs` rows of curves.csv (its seconds column): what a resumed
// run adds for the epochs that earlier processes trained. That column times the minibatches only,
// so those epochs lose their validation and checkpoint time (a few %), while the last process
// counts its whole time. Missing, unreadable or non-finite fields count 0.
double epoch_seconds(const std::string& curves, int epochs) {
    std::ifstream in(curves);
    std::string line;
    std::getline(in, line);  // the header
    double sum = 0;
    for (int e = 0; e < epochs && std::getline(in, line); ++e) {
        std::istringstream row(line);
        std::string field;
        for (int column = 0; column < 6 && std::getline(row, field, ','); ++column)
            if (const double v = parse_number(field).value_or(std::nan("")); column == 5 && std::isfinite(v)) sum += v;
    }
    return sum;
}

// The walkback objective's noise and k are the model's own.
EvaluationConfig evaluation_for(const RunSpec& spec) {
    EvaluationConfig e = spec.evaluation;
    e.corruption = spec.settings.corruption;
    e.walkback = spec.settings.walkback;
    return e;
}

class RunRecorder : public RunObserver {
public:
    RunRecorder(const Trainer& trainer, RunObserver* parent, std::string checkpoint, TextLog& curves,
                Provenance provenance)
        : m_trainer(trainer), m_parent(parent), m_section(parent, "training", 0, 1),
          m_checkpoint(std::move(checkpoint)), m_curves(curves), m_provenance(std::move(provenance)) {}
    // The outcome atlas: after every epoch, what becomes of the probe under the evaluation's settings
    // (before the checkpoint, so a resumed run's atlas has a row per epoch of its checkpoint).
    void setAtlas(TextLog* atlas, Dataset probe, const Judge* judge, EvaluationConfig evaluation) {
        m_atlas = atlas;
        m_probe = std::move(probe);
        m_judge = judge;
        m_evaluation = std::move(evaluation);
    }
    bool stop_requested() const override { return m_parent && m_parent->stop_requested(); }
    Verdict on_batch(const BatchReport& r) override { return m_section.on_batch(r); }
    Verdict on_epoch(const EpochReport& e) override {
        m_curves.append(curves_csv_row(e));
        if (m_atlas)
            m_atlas->append(atlas_csv_row(probe_outcomes(m_trainer.model(), e.epoch + 1, m_probe, *m_judge,
                                                         m_evaluation.iteration, m_evaluation.thresholds)));
        save_checkpoint(m_checkpoint, m_trainer, m_provenance);
        return m_section.on_epoch(e);
    }

private:
    const Trainer& m_trainer;
    RunObserver* m_parent;
    ObserverSection m_section;
    std::string m_checkpoint;
    TextLog& m_curves;
    Provenance m_provenance;
    TextLog* m_atlas = nullptr;
    Dataset m_probe;
    const Judge* m_judge = nullptr;
    EvaluationConfig m_evaluation;
};

void add_summary(RunResult& r, const std::string& prefix, const OutcomeSummary& s) {
    for (int o = 0; o < kOutcomeCount; ++o)
        r.metrics.emplace_back(outcome_metric_name(Outcome(o)) + prefix,
                               static_cast<double>(s.counts[static_cast<std::size_t>(o)]));
}

}  // namespace

std::vector<EpochReport> read_curves(const std::string& curves, int epochs) {
    std::ifstream in(curves);
    std::string line;
    std::getline(in, line);  // the header
    std::vector<EpochReport> out;
    for (int e = 0; e < epochs && std::getline(in, line); ++e)
        if (const auto row = parse_curves_csv_row(line)) out.push_back(*row);
    return out;
}

RunResult run_experiment(const RunSpec& spec, const DataSource& data, const std::string& folder,
                         RunObserver* observer) {
    const std::string spec_path = folder + "/spec.json";
    if (fs::exists(spec_path) && !(read_spec(spec_path) == spec))
        throw Error(folder + ": holds another run (its spec.json differs); use a new folder");
    if (auto done = read_run_result(folder)) return *done;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw Error(folder + ": cannot create the run's folder (" + ec.message() + ")");
    // One process per run folder: the lock goes with the process, however it ends.
    struct Lock {
        int fd;
        ~Lock() {
            if (fd >= 0) ::close(fd);
        }
    } lock{::open((folder + "/.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)};
    if (lock.fd < 0) throw Error(folder + ": cannot create its lock file");
    if (::flock(lock.fd, LOCK_EX | LOCK_NB) != 0) throw Error(folder + ": another process is running this run");
    {  // whose lock it is, for people (and tests) who want to stop that process
        const std::string pid = std::to_string(::getpid()) + "\n";
        if (::ftruncate(lock.fd, 0) != 0 || ::write(lock.fd, pid.data(), pid.size()) < 0) { /* only informative */
        }
    }
    if (auto done = read_run_result(folder)) return *done;
    const std::string ckpt = folder + "/train.ckpt", curves = folder + "/curves.csv";
    if (!fs::exists(spec_path)) write_text_atomic(spec_path, spec.to_json());

    const SplitSpec split = spec.split ? spec.split->with_counts_of(data.default_split) : data.default_split;
    const Partition p = make_partition(data, split);
    const ScopedComputeThreads threads(spec.threads);  // the run's count, the caller's back after
    Provenance prov;
    prov.dataset = spec.dataset;
    prov.split = split;
    prov.settings = spec.settings;
    prov.threads = spec.threads;

    Trainer trainer(spec.settings, p.train.samples, p.validation.samples);
    std::optional<Judge> judge;  // the evaluation's and the atlas's (trained once, cached on disk)
    TextLog curves_log, atlas_log;
    double seconds_before = 0;  // the epochs of earlier processes (a resumed run)
    if (fs::exists(ckpt)) {
        const Checkpoint c = load_checkpoint(ckpt);
        if (!(c.config == trainer.config()))
            throw Error(ckpt + ": the checkpoint's settings differ from spec.json; remove the folder to start anew");
        if (c.provenance.split && !(*c.provenance.split == split))
            throw Error(ckpt + ": the checkpoint was trained on another split of the data than spec.json asks for "
                               "(a spec written before 0.3 took the first samples); remove the folder to start anew");
        trainer.set_state(c.state);
        curves_log = TextLog(curves, curves_csv_header(), true, c.state.epoch);
        if (spec.atlas_probe > 0) atlas_log = TextLog(folder + "/atlas.csv", atlas_csv_header(), true, c.state.epoch);
        seconds_before = epoch_seconds(curves, c.state.epoch);
    } else {
        curves_log = TextLog(curves, curves_csv_header());
        if (spec.atlas_probe > 0) atlas_log = TextLog(folder + "/atlas.csv", atlas_csv_header());
    }
    const auto t0 = std::chrono::steady_clock::now();
    const Index seen_before = trainer.samples_seen();
    RunRecorder recorder(trainer, observer, ckpt, curves_log, prov);
    if (spec.atlas_probe > 0) {
        judge = cached_judge(p.train, p.validation);
        recorder.setAtlas(&atlas_log, p.validation.head(spec.atlas_probe), &*judge, evaluation_for(spec));
    }
    const TrainStatus status = trainer.run(&recorder);
    const double this_process = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double train_seconds = seconds_before + this_process;

    RunResult r;
    r.id = spec.id;
    r.settings = training_options(spec.settings);
    r.settings.emplace_back("split", split_rule_name(split.rule));  // what a grid's split axes read
    r.settings.emplace_back("split-seed", std::to_string(split.seed));
    r.status = train_status_name(status);
    if (status == TrainStatus::Diverged) throw Error(folder + ": " + trainer.message());
    if (status != TrainStatus::Finished) return r;

    prov.epochs_trained = trainer.epoch();
    prov.status = r.status;
    prov.curves = read_curves(curves, trainer.epoch());  // the model opens with its learning curves
    save_model(folder + "/model.dae", {trainer.model(), prov});
    const EpochReport& last = trainer.last_epoch();
    r.metrics = {{"epochs", trainer.epoch()},
                 {"train_seconds", train_seconds},
                 {"samples_per_second",
                  static_cast<double>(trainer.samples_seen() - seen_before) / std::max(this_process, 1e-9)},
                 {"train_loss", last.train_loss},
                 {"validation_loss", last.validation_loss},
                 {"validation_clean_mse", last.validation_clean_mse}};
    if (spec.evaluate) {
        const auto t1 = std::chrono::steady_clock::now();
        if (!judge) judge = cached_judge(p.train, p.validation);
        ObserverSection section(observer, "evaluating", 0, 1);
        const DynamicsEvaluation e = evaluate_dynamics(trainer.model(), p, *judge, evaluation_for(spec), &section);
        const double eval_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
        const auto& paper_train = e.train.under(OutcomeDefinition::Paper);
        const auto& paper_test = e.test.under(OutcomeDefinition::Paper);
        const auto& ours_train = e.train.under(OutcomeDefinition::Daelab);
        const auto& ours_test = e.test.under(OutcomeDefinition::Daelab);
        r.metrics.insert(r.metrics.end(),
                         {{"evaluate_seconds", eval_seconds},
                          {"acc_train", e.acc_train},
                          {"acc_test", e.acc_test},
                          {"baseline_train", e.baseline_train},
                          {"baseline_test", e.baseline_test},
                          {"original_on_fixed", e.original_on_fixed},
                          {"fixed_on_original", e.fixed_on_original},
                          {"judge_test", e.judge_test},
                          {"mse_wb_train", e.train.walkback_mse},
                          {"mse_wb_test", e.test.walkback_mse},
                          // the paper's Fig. 5 x axis: the one-step denoising error on the test set
                          {"mse_test", walkback_mse(trainer.model(), p.test.samples, spec.settings.corruption, 1, 1)},
                          {"EX_train", static_cast<double>(paper_train.explosions)},
                          {"EX_test", static_cast<double>(paper_test.explosions)},
                          {"EX_train_daelab", static_cast<double>(ours_train.explosions)},
                          {"EX_test_daelab", static_cast<double>(ours_test.explosions)},
                          {"explosions_coincide_test", paper_test.explosions_coincide ? 1.0 : 0.0},
                          {"explosion_spread_test", paper_test.explosion_spread},
                          {"steps_train", static_cast<double>(e.train.iteration.steps_run)},
                          {"steps_test", static_cast<double>(e.test.iteration.steps_run)},
                          {"black_fixed_test", e.test.fixed.black_fraction},
                          {"white_fixed_test", e.test.fixed.white_fraction},
                          {"black_original_test", e.test.original.black_fraction},
                          {"white_original_test", e.test.original.white_fraction},
                          {"EX_train_any", static_cast<double>(paper_train.explosions_any)},
                          {"EX_test_any", static_cast<double>(paper_test.explosions_any)}});
        if (e.validation) {
            const auto& paper_validation = e.validation->under(OutcomeDefinition::Paper);
            r.metrics.insert(r.metrics.end(),
                             {{"acc_validation", e.acc_validation},
                              {"baseline_validation", e.baseline_validation},
                              {"EX_validation", static_cast<double>(paper_validation.explosions)},
                              {"steps_validation", static_cast<double>(e.validation->iteration.steps_run)}});
        }
        add_summary(r, "_test", paper_test);
        add_summary(r, "_test_daelab", ours_test);
        if (spec.chain_steps > 0) {
            const auto t2 = std::chrono::steady_clock::now();
            ChainConfig cc;
            cc.noise = spec.settings.corruption;
            cc.steps = spec.chain_steps;
            cc.burn_in = std::min(100, spec.chain_steps / 10);
            cc.seed = spec.settings.seed;
            const Index n = std::min<Index>(spec.chains, p.test.size());
            ObserverSection chain_section(observer, "sampling chains", 0, 1);
            const ChainResult cr = run_chain(trainer.model(), p.test.samples.leftCols(n), *judge, cc, &chain_section);
            const ChainStats st = chain_stats(cr, std::max(2, p.train.num_classes), cc.burn_in);
            r.metrics.insert(
                r.metrics.end(),
                {{"chain_confidence", st.mean_confidence},
                 {"chain_balance", st.balance},
                 {"chain_switches_per_100", st.switches_per_100},
                 {"chain_dwell", st.mean_dwell},
                 {"chain_classes_visited", static_cast<double>(st.classes_visited)},
                 {"chain_seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t2).count()}});
        }
    }
    write_text_atomic(folder + "/result.json", r.to_json());
    return r;
}

}  // namespace dae
