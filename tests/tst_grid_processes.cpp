// The reproduction harness as processes: a grid killed mid-run resumes without redoing finished
// runs, a run killed while it evaluates is evaluated again, not retrained, and a grid runs through GNU
// parallel from its printed commands and merges (daelab-cli grid / run).
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/experiment.h"
#include "dae/files.h"
#include "dae/model_io.h"
#include "dae/training_options.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace dae;

class TestGridProcesses : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        set_compute_threads(1);
        qputenv("DAELAB_CACHE_DIR", m_cache.path().toUtf8());
    }

    void aKilledGridResumesWithoutRedoingFinishedRuns() {
        // Two runs, one at a time: kill the second run's process (SIGKILL, no chance to clean
        // up) once it has checkpointed, and the grid with it; run the grid again. Training only:
        // evaluation (its judge is an MLP) would make this minutes long under the sanitizers.
        QTemporaryDir dir;
        QFile grid(dir.filePath("g.json"));
        QVERIFY(grid.open(QIODevice::WriteOnly));
        grid.write(
            R"({"name": "kill", "dataset": "mnist-10k", "split": {"rule": "shuffled", "train": 2000, "validation": 100},
                      "settings": {"hidden": 40, "epochs": 12}, "axes": {"level": [0.3, 0.6]}, "seeds": [1],
                      "evaluate": false})");
        grid.close();
        const QString out = dir.filePath("out");
        QProcess first;
        first.start(DAELAB_CLI, {"grid", dir.filePath("g.json"), "-o", out, "-j", "1"});
        QVERIFY(first.waitForStarted());
        const QString one = out + "/runs/level0.3-seed1", two = out + "/runs/level0.6-seed1";
        QVERIFY(QTest::qWaitFor(
            [&] { return QFile::exists(one + "/result.json") && QFile::exists(two + "/train.ckpt"); }, 120000));
        QFile lock(two + "/.lock");
        QVERIFY(lock.open(QIODevice::ReadOnly));
        const qint64 pid = QString(lock.readAll()).trimmed().toLongLong();
        QVERIFY(pid > 0);
        ::kill(static_cast<pid_t>(pid), SIGKILL);
        ::kill(static_cast<pid_t>(first.processId()), SIGKILL);
        QVERIFY(first.waitForFinished());
        QVERIFY(!QFile::exists(two + "/result.json"));
        const auto done_at = QFileInfo(one + "/model.dae").lastModified();
        QProcess second;
        second.start(DAELAB_CLI, {"grid", dir.filePath("g.json"), "-o", out, "-j", "1"});
        QVERIFY(second.waitForFinished(180000));
        const QString log = second.readAllStandardOutput();
        QVERIFY2(second.exitCode() == 0, qPrintable(log));
        QVERIFY2(log.contains("2 runs, 1 to do"), qPrintable(log));  // the finished run is not redone
        QCOMPARE(QFileInfo(one + "/model.dae").lastModified(), done_at);
        // The resumed run ends where an uninterrupted one does.
        QFile spec(two + "/spec.json");
        QVERIFY(spec.open(QIODevice::ReadOnly));
        RunSpec s = RunSpec::from_json(spec.readAll().toStdString(), "spec.json");
        s.evaluate = false;
        run_experiment(s, load_data_source("mnist-10k"), dir.filePath("straight").toStdString());
        QVERIFY(load_model((two + "/model.dae").toStdString()).model ==
                load_model(dir.filePath("straight/model.dae").toStdString()).model);
    }

    void aRunKilledWhileEvaluatingIsEvaluatedAgainNotRetrained() {
        // A small run (1,000 training digits, a judge of 1,000) killed once its training has ended and
        // its evaluation has begun: run again, it trains nothing more and writes the result an
        // uninterrupted run writes.
        QTemporaryDir dir;
        RunSpec spec;
        spec.id = "killed";
        spec.dataset = "mnist-10k";
        spec.split = SplitSpec{SplitSpec::Rule::Shuffled, 1000, 200, 1};
        spec.settings.model.hidden = 24;
        spec.settings.epochs = 3;
        spec.settings.walkback = 1;
        spec.evaluation.iteration.max_steps = 400;
        const QString folder = dir.filePath("killed");
        QVERIFY(QDir().mkpath(folder));
        QFile f(folder + "/spec.json");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(spec.to_json()));
        f.close();
        QProcess run;
        run.setProcessChannelMode(QProcess::MergedChannels);
        run.start(DAELAB_CLI, {"run", folder});
        QVERIFY(run.waitForStarted());
        QString seen;
        QVERIFY(QTest::qWaitFor(
            [&] {
                run.waitForReadyRead(50);
                seen += run.readAll();
                return seen.contains("iterating the training set") || run.state() == QProcess::NotRunning;
            },
            120000));
        QVERIFY2(run.state() == QProcess::Running, qPrintable(seen));  // killed in the middle of the evaluation
        ::kill(static_cast<pid_t>(run.processId()), SIGKILL);
        QVERIFY(run.waitForFinished());
        QVERIFY(!QFile::exists(folder + "/result.json"));
        QVERIFY(QFile::exists(folder + "/model.dae"));
        struct Untrained : RunObserver {
            int minibatches = 0;
            Verdict on_batch(const BatchReport&) override {
                ++minibatches;
                return Verdict::Continue;
            }
        } count;
        const RunResult again = run_experiment(spec, load_data_source("mnist-10k"), folder.toStdString(), &count);
        QCOMPARE(count.minibatches, 0);  // the training was done: only the evaluation runs again
        QCOMPARE(again.status, std::string("finished"));
        QVERIFY(QFile::exists(folder + "/result.json"));
        RunSpec straight = spec;
        straight.id = "straight";
        const RunResult whole =
            run_experiment(straight, load_data_source("mnist-10k"), dir.filePath("straight").toStdString());
        for (const char* m : {"acc_train", "acc_test", "EX_test", "mse_wb_test", "steps_test", "train_loss"})
            QCOMPARE(again.metric(m), whole.metric(m));
    }

    void aGridRunsThroughGnuParallelAndMerges() {
        const QString parallel = QStandardPaths::findExecutable("parallel");
        if (parallel.isEmpty()) QSKIP("GNU parallel is not installed (scripts/setup.sh installs it)");
        QTemporaryDir dir;
        QFile grid(dir.filePath("g.json"));
        QVERIFY(grid.open(QIODevice::WriteOnly));
        grid.write(
            R"({"name": "tiny", "dataset": "mnist-10k", "split": {"rule": "shuffled", "train": 600, "validation": 100},
                      "settings": {"hidden": 12, "epochs": 1}, "axes": {"level": [0.3, 0.6]}, "seeds": [1],
                      "evaluation": {"max-steps": 20}})");
        grid.close();
        QProcess print;
        print.start(DAELAB_CLI, {"grid", dir.filePath("g.json"), "-o", dir.filePath("out"), "--print-commands"});
        QVERIFY(print.waitForFinished(60000));
        const QByteArray commands = print.readAllStandardOutput();
        QCOMPARE(commands.count('\n'), 2);
        QProcess gnu;
        gnu.start(parallel, {"--will-cite", "-j", "2"});
        gnu.write(commands);
        gnu.closeWriteChannel();
        QVERIFY(gnu.waitForFinished(120000));
        QCOMPARE(gnu.exitCode(), 0);
        QProcess merge;
        merge.start(DAELAB_CLI, {"grid", dir.filePath("g.json"), "-o", dir.filePath("out"), "--merge"});
        QVERIFY(merge.waitForFinished(60000));
        QVERIFY(QString(merge.readAllStandardOutput()).contains("merged 2 runs (0 not finished)"));
        QFile results(dir.filePath("out/results.csv"));
        QVERIFY(results.open(QIODevice::ReadOnly));
        QCOMPARE(QString(results.readAll()).count('\n'), 3);
        // Nothing left to do: the printed list is empty.
        QProcess again;
        again.start(DAELAB_CLI, {"grid", dir.filePath("g.json"), "-o", dir.filePath("out"), "--print-commands"});
        QVERIFY(again.waitForFinished(60000));
        QVERIFY(again.readAllStandardOutput().isEmpty());
    }

private:
    QTemporaryDir m_cache;
};

QTEST_APPLESS_MAIN(TestGridProcesses)
#include "tst_grid_processes.moc"
