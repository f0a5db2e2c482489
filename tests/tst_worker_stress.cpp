// Stress: the training worker driven by hundreds of random command sequences — start, pause,
// step, noise changes, stop, reset, destroy — with random gaps. It must never crash, deadlock
// (CTest's timeout catches that) or leak (LeakSanitizer in the asan preset); and the session's
// state must always settle to what the last command asked for.
#include "dae/default_data.h"
#include "dae/error.h"
#include "training/training_session.h"
#include "workers/worker_thread.h"

#include <QCoreApplication>
#include <QTest>
#include <QThread>

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

using namespace dae;
using namespace dae::ui;

class TestWorkerStress : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    // WorkerThread::run, the panels' one call: the result reaches show() in the GUI thread, an
    // exception reaches fail() with its message, an empty optional neither, and a cancelled job
    // neither even when its result was on its way.
    void runDeliversTheResultTheErrorOrNothing() {
        WorkerThread worker(QStringLiteral("test"));
        QStringList seen;
        auto note = [&](const QString& what) {
            QCOMPARE(QThread::currentThread(), qApp->thread());
            seen << what;
        };
        worker.run([](const JobContext&) { return 6 * 7; }, [&](int v) { note(QString::number(v)); },
                   [&](const QString& why) { note("failed: " + why); });
        worker.run([](const JobContext&) -> int { throw Error("probe.csv: line 2: not a count"); },
                   [&](int v) { note(QString::number(v)); }, [&](const QString& why) { note("failed: " + why); });
        worker.run([](const JobContext&) { return std::optional<int>(); }, [&](int) { note("empty shown"); },
                   [&](const QString& why) { note("failed: " + why); });
        worker.run([](const JobContext&) {}, [&] { note("done"); },
                   [&](const QString& why) { note("failed: " + why); });
        QTRY_VERIFY_WITH_TIMEOUT(!worker.busy(), 5000);
        QCOMPARE(seen, QStringList({"42", "failed: probe.csv: line 2: not a count", "done"}));
        // Cancelled while it computes: its result and its error are both dropped.
        seen.clear();
        std::atomic<bool> started{false};
        worker.run(
            [&](const JobContext& ctx) {
                started = true;
                while (!ctx.cancelled())
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                return 1;
            },
            [&](int) { note("shown after cancel"); }, [&](const QString&) { note("failed after cancel"); });
        QTRY_VERIFY_WITH_TIMEOUT(started.load(), 5000);
        worker.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!worker.busy(), 5000);
        QCoreApplication::processEvents();
        QVERIFY2(seen.isEmpty(), qPrintable(seen.join(", ")));
    }

    void randomCommandSequences() {
        const Dataset mnist = load_default_mnist();
        const Matrix train = mnist.samples.leftCols(1000), validation = mnist.samples.middleCols(1000, 100);
        TrainingConfig config;
        config.model.hidden = 16;
        config.epochs = 3;  // runs may also finish on their own
        Rng rng(2024);
        const int rounds = qEnvironmentVariableIntValue("DAELAB_STRESS_ROUNDS") > 0
                               ? qEnvironmentVariableIntValue("DAELAB_STRESS_ROUNDS")
                               : 300;
        // A random burst of commands, with random gaps.
        auto commands = [&](TrainingSession* session) {
            const int count = 1 + static_cast<int>(rng.below(12));
            for (int c = 0; c < count; ++c) {
                switch (rng.below(7)) {
                case 0: session->start(); break;
                case 1: session->pause(); break;
                case 2: session->step(); break;
                case 3: session->setCorruption({CorruptionType(1 + rng.below(3)), rng.uniform_double()}); break;
                case 4: session->stop(); break;
                case 5: session->configure(config, train, validation); break;  // Reset
                case 6: QCoreApplication::processEvents(); break;
                }
                if (rng.below(3) == 0) QTest::qWait(static_cast<int>(rng.below(4)));
            }
        };
        for (int round = 0; round < rounds; ++round) {
            auto* session = new TrainingSession;
            session->configure(config, train, validation);
            commands(session);
            // Every round ends with a stop and waits until the worker has nothing left to do: every
            // job has run and everything it reported has reached this thread.
            session->stop();
            const bool done = QTest::qWaitFor([&] { return !session->thread()->busy(); }, 10000);
            const WorkerState s = session->state();
            const Index after_stop = session->worker()->batchesSinceRequest();
            const bool has_snapshot = session->hasSnapshot();
            const TrainingSnapshot last = session->latest();
            // Then a new run and a second burst, and the session is destroyed in whatever state that
            // leaves: often mid-run.
            session->configure(config, train, validation);
            commands(session);
            delete session;  // mid-run or not: quit(); wait() must return
            QVERIFY2(done, worker_state_name(s));
            // The run is over: stopped, unless it had already finished or diverged …
            QVERIFY2(s == WorkerState::Stopped || s == WorkerState::Finished || s == WorkerState::Diverged,
                     worker_state_name(s));
            // … within a minibatch of the stop (one may have begun as it was asked) …
            QVERIFY2(after_stop <= 1, qPrintable(QString::number(after_stop)));
            // … and the last snapshot is the run's end: all its epochs when it finished.
            QVERIFY(has_snapshot);
            if (s == WorkerState::Finished) QCOMPARE(last.epoch, config.epochs);
        }
    }
};

QTEST_MAIN(TestWorkerStress)
#include "tst_worker_stress.moc"
