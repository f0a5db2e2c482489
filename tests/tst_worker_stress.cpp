// Stress: the training worker driven by hundreds of random command sequences — start, pause,
// step, noise changes, stop, reset, destroy — with random gaps. It must never crash, deadlock
// (CTest's timeout catches that) or leak (LeakSanitizer in the asan preset); and the session's
// state must always settle to what the last command asked for.
#include "dae/default_data.h"
#include "training/training_session.h"

#include <QTest>

using namespace dae;
using namespace dae::ui;

class TestWorkerStress : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

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
        int settled = 0;
        for (int round = 0; round < rounds; ++round) {
            auto* session = new TrainingSession;
            session->configure(config, train, validation);
            const int commands = 1 + static_cast<int>(rng.below(12));
            for (int c = 0; c < commands; ++c) {
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
            if (round % 10 == 0) {
                // Every tenth round ends with an explicit stop and waits until it is honoured.
                session->stop();
                const bool ok = QTest::qWaitFor(
                    [&] {
                        const WorkerState s = session->state();
                        return s == WorkerState::Stopped || s == WorkerState::Finished || s == WorkerState::Idle;
                    },
                    10000);
                QVERIFY2(ok, worker_state_name(session->state()));
                settled += ok;
            }
            delete session;  // mid-run or not: quit(); wait() must return
        }
        QVERIFY(settled >= rounds / 10);
    }
};

QTEST_MAIN(TestWorkerStress)
#include "tst_worker_stress.moc"
