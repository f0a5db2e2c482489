// daelab-cli run | grid: the reproduction harness (dae/experiment.h). A grid's runs are separate
// processes — `daelab-cli run FOLDER`, one per core by default — so a killed grid resumes where it
// was (finished runs are skipped, the others go on from their last epoch), and the same runs can
// go to GNU parallel or a Slurm array instead (--print-commands), merged afterwards (--merge).
#include "cli_common.h"
#include "cli_support.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/experiment.h"
#include "dae/files.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QThread>

#include <cstdio>
#include <deque>
#include <memory>

namespace dae::cli {
namespace {

// Progress as lines (for logs): whenever the stage changes or another 10 % is done.
class LineObserver : public RunObserver {
public:
    explicit LineObserver(std::string id) : m_id(std::move(id)) {}
    void on_progress(const Progress& p) override {
        const std::string stage = p.stage.substr(0, p.stage.find(':'));
        const int tenth = static_cast<int>(p.fraction * 10);
        if (stage == m_stage && tenth == m_tenth) return;
        m_stage = stage;
        m_tenth = tenth;
        std::printf("%s: %3.0f %% %s\n", m_id.c_str(), 100 * p.fraction, p.stage.c_str());
        std::fflush(stdout);
    }

private:
    std::string m_id, m_stage;
    int m_tenth = -1;
};

QString run_folder(const QString& out, const RunSpec& r) { return out + "/runs/" + QString::fromStdString(r.id); }

// The grid's runs as far as they are known: its screening runs, then (with "select") the runs
// of the configurations picked so far. Writes each run's spec.json (a folder that holds another
// run is an error).
std::vector<RunSpec> prepare(const GridSpec& grid, const QString& out) {
    if (!QDir().mkpath(out + "/runs")) throw Error(out.toStdString() + ": cannot create the grid's folder");
    std::vector<RunSpec> runs = grid.runs();
    if (grid.select) {
        const auto more = grid.selected_runs(grid.picks(read_grid_results(out.toStdString(), &grid)));
        runs.insert(runs.end(), more.begin(), more.end());
    }
    for (const RunSpec& r : runs) {
        const QString dir = run_folder(out, r);
        const QString spec = dir + "/spec.json";
        if (QFile::exists(spec)) {
            if (!(RunSpec::from_json(read_text(spec), spec.toStdString()) == r))
                throw Error(spec.toStdString() + ": holds another run than the grid asks for; use a new --out folder");
            continue;
        }
        if (!QDir().mkpath(dir)) throw Error(dir.toStdString() + ": cannot create");
        write_text(spec, r.to_json());
    }
    return runs;
}

std::vector<RunResult> merge(const GridSpec& grid, const std::vector<RunSpec>& runs, const QString& out, int* missing) {
    std::vector<RunResult> results;
    *missing = 0;
    for (const RunSpec& r : runs) {
        if (auto res = read_run_result(run_folder(out, r).toStdString()))
            results.push_back(*res);
        else
            ++*missing;
    }
    write_text(out + "/results.csv", results_csv(grid, results));
    write_text(out + "/summary.csv", summary_csv(grid, results));
    const std::vector<std::string> shown{"acc_train",   "acc_test",       "baseline_test",
                                         "EX_test",     "EX_test_daelab", "mse_wb_train",
                                         "mse_wb_test", "train_seconds",  "evaluate_seconds"};
    write_text(out + "/summary.md", summary_markdown(grid, results, shown));
    if (grid.select) {
        const std::vector<std::string> chosen{"acc_validation", "acc_train",        "acc_test",
                                              "EX_test",        "EX_test_any",      "mse_test",
                                              "mse_wb_test",    "black_fixed_test", "white_fixed_test"};
        const auto picks = grid.picks(results);
        write_text(out + "/selection.csv", selection_csv(grid, picks, results, chosen));
        write_text(out + "/selection.md", selection_markdown(grid, picks, results, chosen));
    }
    return results;
}

// Runs the queue, `parallel` processes at a time, until it is empty; with "select", the runs that a
// finished screening run's group adds join the queue (and `runs`). Returns how many failed.
int run_queue(const GridSpec& grid, const QString& dir, const QString& cli, int parallel, std::deque<RunSpec> todo,
              std::vector<RunSpec>& runs) {
    struct Child {
        RunSpec spec;
        std::unique_ptr<QProcess> process;
        QElapsedTimer clock;
    };
    std::vector<Child> running;
    int done = 0, failed = 0;
    std::size_t total = todo.size();
    while (!todo.empty() || !running.empty()) {
        while (!todo.empty() && static_cast<int>(running.size()) < parallel) {
            Child c{todo.front(), std::make_unique<QProcess>(), {}};
            todo.pop_front();
            const QString folder = run_folder(dir, c.spec);
            c.process->setProcessChannelMode(QProcess::MergedChannels);
            c.process->setStandardOutputFile(folder + "/log.txt", QIODevice::Append);
            c.process->start(cli, {QStringLiteral("run"), folder});
            c.clock.start();
            running.push_back(std::move(c));
        }
        for (auto it = running.begin(); it != running.end();) {
            if (!it->process->waitForFinished(200) && it->process->state() != QProcess::NotRunning) {
                ++it;
                continue;
            }
            const bool ok = it->process->exitStatus() == QProcess::NormalExit && it->process->exitCode() == 0;
            ok ? ++done : ++failed;
            std::printf("[%d/%zu] %s %s after %.0f s%s\n", done + failed, total, it->spec.id.c_str(),
                        ok ? "finished" : "FAILED", it->clock.elapsed() / 1000.0,
                        ok ? "" : qPrintable(" (see " + run_folder(dir, it->spec) + "/log.txt)"));
            std::fflush(stdout);
            it = running.erase(it);
            if (ok && grid.select) {  // a finished screening run may complete a group: its pick's runs join
                const std::vector<RunSpec> now = prepare(grid, dir);
                for (std::size_t i = runs.size(); i < now.size(); ++i) {
                    std::printf("selected: %s\n", now[i].id.c_str());
                    if (!QFile::exists(run_folder(dir, now[i]) + "/result.json")) {
                        todo.push_back(now[i]);
                        ++total;
                    }
                }
                runs = now;
            }
        }
    }
    return failed;
}

}  // namespace

int cmd_run(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs one experiment in FOLDER: trains the DAE its spec.json describes (checkpointing every epoch),\n"
        "evaluates it as Table 1 of Bahdanau & Jaeger does, and writes model.dae, curves.csv and\n"
        "result.json. Run again after a kill: it goes on from the last epoch; a finished run is not redone.\n"
        "With --spec, the spec is first copied into FOLDER."));
    parser.addHelpOption();
    parser.addPositionalArgument("folder", "The run's folder (holding spec.json, or to receive --spec).");
    const QCommandLineOption spec("spec", "A run spec (JSON) to start FOLDER with.", "file");
    parser.addOption(spec);
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    if (parser.positionalArguments().size() != 1) return fail("expects one run folder; see --help");
    const QString folder = parser.positionalArguments().at(0);
    RunSpec r;
    if (parser.isSet(spec)) {
        r = RunSpec::from_json(read_text(parser.value(spec)), parser.value(spec).toStdString());
        if (!QDir().mkpath(folder)) return fail(folder + ": cannot create");
    } else {
        const QString path = folder + "/spec.json";
        if (!QFile::exists(path)) return fail(path + ": missing (give --spec FILE to start a run here)");
        r = RunSpec::from_json(read_text(path), path.toStdString());
    }
    const DataSource data = load_data_source(r.dataset);
    LineObserver lines(r.id);
    const auto t0 = std::chrono::steady_clock::now();
    const RunResult result = run_experiment(r, data, folder.toStdString(), &lines);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%s: %s in %.0f s; acc_test %.4f, EX_test %.0f\n", r.id.c_str(), result.status.c_str(), s,
                result.metric("acc_test"), result.metric("EX_test"));
    return result.status == "finished" ? 0 : 1;
}

int cmd_grid(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Runs a grid of experiments (settings × axes × seeds, from GRID.json) as separate processes,\n"
                       "-j at a time (default: one per core, each single-threaded). Resumable: run the same command\n"
                       "again after a kill. Writes OUT/runs/<id>/ per run, then OUT/results.csv (a row per run),\n"
                       "OUT/summary.csv and OUT/summary.md (mean ± sd over the seeds).\n"
                       "With \"select\" (model selection on the validation set): once a group's screening runs are\n"
                       "done, its best configuration runs with the selection's seeds too; OUT/selection.csv and\n"
                       "OUT/selection.md give each pick with its test figures.\n"
                       "For other schedulers: --print-commands lists one self-contained command per unfinished run\n"
                       "(e.g. | parallel --sshloginfile hosts, or one Slurm array task per line); --merge collects."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        "grid", "The grid (JSON): {name, dataset, split, preset, settings, axes, seeds, evaluation, select, "
                "chain-steps, chains, atlas (the outcome atlas's probe size: atlas.csv per run)}.");
    const QCommandLineOption out({"o", "out"}, "The grid's folder.", "dir");
    const QCommandLineOption jobs({"j", "jobs"}, "Runs at a time (0: one per core).", "n", "0");
    const QCommandLineOption print("print-commands",
                                   "Print the unfinished runs' commands, one per line, and run nothing.");
    const QCommandLineOption merge_only("merge", "Only merge the finished runs' results.");
    parser.addOptions({out, jobs, print, merge_only});
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    if (parser.positionalArguments().size() != 1) return fail("expects one grid file; see --help");
    if (!parser.isSet(out)) return fail("--out DIR is required (the grid's folder)");
    const QString grid_path = parser.positionalArguments().at(0);
    const GridSpec grid = GridSpec::from_json(read_text(grid_path), grid_path.toStdString());
    const QString dir = QFileInfo(parser.value(out)).absoluteFilePath();
    std::vector<RunSpec> runs = prepare(grid, dir);
    int missing = 0;
    if (parser.isSet(merge_only)) {
        const auto results = merge(grid, runs, dir, &missing);
        std::printf("merged %zu runs (%d not finished) into %s/results.csv, summary.csv, summary.md\n", results.size(),
                    missing, qPrintable(dir));
        return 0;
    }
    const QString cli = QCoreApplication::applicationFilePath();
    std::deque<RunSpec> todo;
    for (const RunSpec& r : runs)
        if (!QFile::exists(run_folder(dir, r) + "/result.json")) todo.push_back(r);
    if (parser.isSet(print)) {
        for (const RunSpec& r : todo)
            std::printf("%s run %s > %s/log.txt 2>&1\n", qPrintable(cli), qPrintable(run_folder(dir, r)),
                        qPrintable(run_folder(dir, r)));
        return 0;
    }
    int parallel = static_cast<int>(integer_option(parser, jobs, 0, 1024));
    if (parallel == 0) parallel = std::max(1, QThread::idealThreadCount());
    std::printf("grid %s: %zu runs, %zu to do, %d at a time, in %s\n", grid.name.c_str(), runs.size(), todo.size(),
                parallel, qPrintable(dir));
    std::fflush(stdout);
    if (!todo.empty() && grid.evaluate) {
        // The judge is trained once here, so the runs find it in the cache.
        const DataSource data = load_data_source(grid.dataset);
        const Partition p =
            make_partition(data, grid.split ? grid.split->with_counts_of(data.default_split) : data.default_split);
        cached_judge(p.train, p.validation);
    }
    const int failed = run_queue(grid, dir, cli, parallel, std::move(todo), runs);
    const auto results = merge(grid, runs, dir, &missing);
    std::printf("%zu of %zu runs finished; results in %s/results.csv, summary.csv, summary.md\n", results.size(),
                runs.size(), qPrintable(dir));
    return failed > 0 || missing > 0 ? 1 : 0;
}

}  // namespace dae::cli
