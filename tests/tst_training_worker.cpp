// The training worker and session: snapshots while training, stop within one minibatch, noise
// changes without reset, single steps, divergence, and start/stop/destroy in quick succession.
#include "dae/default_data.h"
#include "training/training_session.h"

#include <QSignalSpy>
#include <QTest>

using namespace dae;
using namespace dae::ui;

namespace {

struct Data {
    Matrix train, validation;
};

const Data& data() {
    static const Data d = [] {
        const Dataset mnist = load_default_mnist();
        const Split s = make_split(mnist.size(), 2000, 200, 0, 1);
        return Data{mnist.subset(s.train).samples, mnist.subset(s.validation).samples};
    }();
    return d;
}

TrainingConfig small_config() {
    TrainingConfig c;
    c.model.hidden = 32;
    c.epochs = 1000;
    return c;
}

bool wait_for_state(TrainingSession& s, WorkerState state, int ms = 10000) {
    return QTest::qWaitFor([&] { return s.state() == state; }, ms);
}

// Waits until the session's worker thread has nothing left to do: every job posted so far (and
// every follow-up it queued) has returned, and everything they reported has reached this thread.
// From then on nothing happens until something new is posted: what has not happened will not.
bool wait_until_worker_done(TrainingSession& s, int ms = 10000) {
    return QTest::qWaitFor([&] { return !s.thread()->busy(); }, ms);
}

}  // namespace

class TestTrainingWorker : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    void snapshotsWhileTrainingThenStopWithinOneMinibatch() {
        TrainingSession session;
        session.worker()->setIntervals(20, 10);
        QSignalSpy snapshots(&session, &TrainingSession::snapshot);
        QSignalSpy losses(&session, &TrainingSession::lossPoints);
        session.configure(small_config(), data().train, data().validation);
        QVERIFY(QTest::qWaitFor([&] { return snapshots.count() >= 1; }, 5000));  // the initial weights
        session.start();
        QVERIFY(wait_for_state(session, WorkerState::Running));
        QVERIFY(QTest::qWaitFor([&] { return snapshots.count() >= 4 && losses.count() >= 3; }, 10000));
        const Index seen = session.latest().samples_seen;
        QVERIFY(seen > 0);
        session.stop();
        QVERIFY(wait_for_state(session, WorkerState::Stopped));
        QVERIFY2(session.worker()->batchesSinceRequest() <= 1,
                 qPrintable(QString::number(session.worker()->batchesSinceRequest())));
        // The last snapshot is the model at the stop: later than anything before.
        QVERIFY(session.latest().samples_seen >= seen);
        // Snapshots are copies: each carries full weights of the configured shape.
        const auto last = snapshots.last().at(0).value<TrainingSnapshot>();
        QCOMPARE(last.model.hidden(), Index{32});
        QVERIFY(last.model.all_finite());
    }

    void epochEndSnapshotsCarryTheHiddenUnitsStatistics() {
        // Every epoch's end (and the first snapshot) carries the statistics of the hidden units on the
        // first 200 training digits, computed from that snapshot's own weights; between, at most one a second.
        TrainingSession session;
        session.worker()->setIntervals(5, 10);
        TrainingConfig c = small_config();
        c.epochs = 3;
        QSignalSpy snapshots(&session, &TrainingSession::snapshot);
        session.configure(c, data().train, data().validation);
        session.start();
        QVERIFY(wait_for_state(session, WorkerState::Finished, 60000));
        QVERIFY(wait_until_worker_done(session));
        int with = 0, epoch_ends = 0;
        int last_epoch = -1;
        for (const auto& args : snapshots) {
            const auto s = args.at(0).value<TrainingSnapshot>();
            const bool epoch_end = s.epoch != last_epoch && s.batch == 0;
            last_epoch = s.epoch;
            if (!s.hidden) {
                QVERIFY(!epoch_end || s.epoch == 0);
                continue;
            }
            ++with;
            epoch_ends += epoch_end;
            const HiddenStats expected = hidden_stats(s.model, data().train.leftCols(200));
            QCOMPARE(s.hidden->mean_activation, expected.mean_activation);
            QCOMPARE(s.hidden->saturated, expected.saturated);
            QCOMPARE(s.hidden->activations.counts, expected.activations.counts);
        }
        QVERIFY(epoch_ends >= 3);
        QVERIFY2(with < snapshots.count(), "the statistics are not computed for every snapshot");
    }

    void noiseChangeMidRunDoesNotReset() {
        TrainingSession session;
        session.worker()->setIntervals(20, 10);
        QVector<LossPoint> points;
        connect(&session, &TrainingSession::lossPoints, this, [&](const QVector<LossPoint>& p) { points += p; });
        TrainingConfig c = small_config();
        c.corruption = {CorruptionType::Gaussian, 0.5};
        session.configure(c, data().train, data().validation);
        session.start();
        QVERIFY(QTest::qWaitFor([&] { return points.size() >= 50; }, 10000));
        const quint64 generation = session.generation();
        session.setCorruption({CorruptionType::Gaussian, 0.1});
        QVERIFY(QTest::qWaitFor([&] { return !points.isEmpty() && points.back().noise == 0.1; }, 10000));
        session.stop();
        QVERIFY(wait_for_state(session, WorkerState::Stopped));
        QCOMPARE(session.generation(), generation);  // same run
        // Samples seen grow without a restart, and the level switches exactly once.
        int switches = 0;
        for (int i = 1; i < points.size(); ++i) {
            QVERIFY(points[i].samples > points[i - 1].samples);
            switches += points[i].noise != points[i - 1].noise;
        }
        QCOMPARE(switches, 1);
        QCOMPARE(points.front().noise, 0.5);
    }

    void noiseTypeChangeMidRunReachesTheTrainer() {
        // Regression: a new corruption type used to change the preview but not the training.
        TrainingSession session;
        session.worker()->setIntervals(20, 10);
        QVector<LossPoint> points;
        connect(&session, &TrainingSession::lossPoints, this, [&](const QVector<LossPoint>& p) { points += p; });
        session.configure(small_config(), data().train, data().validation);
        session.start();
        QVERIFY(QTest::qWaitFor([&] { return points.size() >= 20; }, 10000));
        session.setCorruption({CorruptionType::Masking, 0.3});
        QVERIFY(QTest::qWaitFor([&] { return points.back().noise_type == int(CorruptionType::Masking); }, 10000));
        QCOMPARE(points.back().noise, 0.3);
        QCOMPARE(points.front().noise_type, int(CorruptionType::Gaussian));
        session.stop();
        QVERIFY(wait_for_state(session, WorkerState::Stopped));
    }

    void stepTrainsExactlyOneMinibatch() {
        TrainingSession session;
        session.configure(small_config(), data().train, data().validation);
        QVERIFY(QTest::qWaitFor([&] { return session.hasSnapshot(); }, 5000));
        QCOMPARE(session.latest().samples_seen, Index{0});
        const Autoencoder initial = session.latest().model;
        session.step();
        QVERIFY(wait_for_state(session, WorkerState::Paused));
        QVERIFY(QTest::qWaitFor([&] { return session.latest().samples_seen == 20; }, 5000));
        QVERIFY(!(session.latest().model == initial));
        session.step();
        QVERIFY(QTest::qWaitFor([&] { return session.latest().samples_seen == 40; }, 5000));
    }

    void stopWhilePausedEndsTheRun() {
        // Regression: Stop used to be ignored while paused (only a running chunk read the flag).
        TrainingSession session;
        session.configure(small_config(), data().train, data().validation);
        session.start();
        QVERIFY(wait_for_state(session, WorkerState::Running));
        session.pause();
        QVERIFY(wait_for_state(session, WorkerState::Paused));
        session.stop();
        QVERIFY(wait_for_state(session, WorkerState::Stopped));
        QVERIFY(wait_until_worker_done(session));
        const Index seen = session.latest().samples_seen;
        QSignalSpy states(&session, &TrainingSession::stateChanged);
        QSignalSpy snapshots(&session, &TrainingSession::snapshot);
        session.start();                           // a stopped run does not resume
        QVERIFY(wait_until_worker_done(session));  // the Start has been handled: nothing came of it
        QCOMPARE(states.count(), 0);
        QCOMPARE(snapshots.count(), 0);
        QCOMPARE(session.state(), WorkerState::Stopped);
        QCOMPARE(session.latest().samples_seen, seen);
    }

    void stepThenStartRuns() {
        // Regression: a Step right before Start used to cancel the Start from the worker thread.
        TrainingSession session;
        session.configure(small_config(), data().train, data().validation);
        session.step();
        session.start();
        QVERIFY(wait_for_state(session, WorkerState::Running));
        QVERIFY(QTest::qWaitFor([&] { return session.latest().samples_seen > 20; }, 5000));
    }

    void divergenceIsReportedWithTheLastGoodWeights() {
        TrainingSession session;
        TrainingConfig c = small_config();
        c.model.encoder = c.model.decoder = Activation::Linear;
        c.learning_rate = 50;
        QString message;
        connect(&session, &TrainingSession::stateChanged, this, [&](WorkerState s, const QString& m) {
            if (s == WorkerState::Diverged) message = m;
        });
        session.configure(c, data().train, data().validation);
        session.start();
        QVERIFY(wait_for_state(session, WorkerState::Diverged));
        QVERIFY(message.contains("diverged"));
        QVERIFY(QTest::qWaitFor([&] { return session.hasSnapshot() && session.latest().model.all_finite(); }, 5000));
        QVERIFY(wait_until_worker_done(session));
        QSignalSpy states(&session, &TrainingSession::stateChanged);
        QSignalSpy losses(&session, &TrainingSession::lossPoints);
        session.start();  // refused: nothing happens
        QVERIFY(wait_until_worker_done(session));
        QCOMPARE(states.count(), 0);  // not even a moment of "training"
        QCOMPARE(losses.count(), 0);
        QCOMPARE(session.state(), WorkerState::Diverged);
    }

    void invalidSettingsAreReportedNotTrained() {
        TrainingSession session;
        TrainingConfig c = small_config();
        c.batch = 5000;  // more than the 2000 samples
        QString message;
        connect(&session, &TrainingSession::stateChanged, this, [&](WorkerState, const QString& m) { message = m; });
        session.configure(c, data().train, data().validation);
        QVERIFY(QTest::qWaitFor([&] { return !message.isEmpty(); }, 5000));
        QVERIFY(message.contains("larger than the training set"));
        QVERIFY(wait_until_worker_done(session));
        QSignalSpy states(&session, &TrainingSession::stateChanged);
        session.start();
        QVERIFY(wait_until_worker_done(session));  // the Start has been handled: there is nothing to train
        QCOMPARE(states.count(), 0);
        QVERIFY(!session.hasSnapshot());
        QCOMPARE(session.state(), WorkerState::Idle);
    }

    void startStopDestroyInQuickSuccession() {
        // Hundreds of sessions started and torn down mid-run: no crash, no hang, no leak (ASan/LSan
        // builds check the last).
        for (int i = 0; i < 300; ++i) {
            auto* session = new TrainingSession;
            session->configure(small_config(), data().train, data().validation);
            session->start();
            // Every third session is torn down only once its worker has trained a minibatch: mid-run
            // for certain (the count of minibatches since the last request restarts at Start).
            const bool training =
                i % 3 != 1 || QTest::qWaitFor([&] { return session->worker()->batchesSinceRequest() > 0; }, 10000);
            if (i % 3 == 2) session->stop();
            if (i % 5 == 0) session->pause();
            delete session;  // quit(); wait(): the run ends within a minibatch
            QVERIFY2(training, qPrintable(QString::number(i)));
        }
    }

    void staleSnapshotsOfAnEarlierRunAreDropped() {
        TrainingSession session;
        session.worker()->setIntervals(10, 10);
        QList<Index> hidden;
        QList<QVector<LossPoint>> losses;
        connect(&session, &TrainingSession::snapshot, this,
                [&](const TrainingSnapshot& s) { hidden << s.model.hidden(); });
        connect(&session, &TrainingSession::lossPoints, this, [&](const QVector<LossPoint>& p) { losses << p; });
        session.configure(small_config(), data().train, data().validation);
        session.start();
        QVERIFY(QTest::qWaitFor([&] { return losses.size() >= 2; }, 5000));  // the first run is well under way
        TrainingConfig other = small_config();
        other.model.hidden = 16;
        hidden.clear();
        losses.clear();
        session.configure(other, data().train, data().validation);  // Reset: a new run
        QVERIFY(QTest::qWaitFor([&] { return session.hasSnapshot() && session.latest().model.hidden() == 16; }, 5000));
        // Until the first run's last slice has returned and whatever it sent has been handled here …
        QVERIFY(wait_until_worker_done(session));
        // … nothing of the first run is delivered after the reset: every snapshot is the new model's,
        // and no loss point arrives (the new run has not started).
        for (Index h : hidden)
            QCOMPARE(h, Index{16});
        QVERIFY(losses.isEmpty());
    }
};

QTEST_MAIN(TestTrainingWorker)
#include "tst_training_worker.moc"
