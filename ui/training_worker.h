// The training worker: a QObject living in its own QThread that owns the Trainer (and so the
// model). Nothing else touches them. The GUI sends commands (queued slots; pause/stop are also
// atomics read once per minibatch, so they answer within one minibatch even mid-chunk) and gets
// snapshots by value: the model a few times a second, loss points in bunches, epoch reports.
#pragma once

#include "training_snapshot.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>

#include <atomic>
#include <map>
#include <memory>

namespace dae::ui {

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    // Thread-safe requests, honoured before the next minibatch.
    void requestPause() {
        m_batches_since_request = 0;
        m_pause_requested = true;
    }
    void requestStop() {
        m_batches_since_request = 0;
        m_stop_requested = true;
    }
    // Called by the GUI thread before it posts start(): requests keep the order they were made in.
    void clearRequests() {
        m_pause_requested = false;
        m_stop_requested = false;
        m_batches_since_request = 0;
    }
    // Minibatches trained since the last stop/pause request (for tests of the answer time).
    Index batchesSinceRequest() const { return m_batches_since_request; }

    // Crash safety: while training, save a checkpoint to `path` (atomically) at most every
    // `interval_ms`, and when pausing or stopping; delete it when the run finishes or is replaced.
    // Set before configure(); an empty path turns autosave off.
    void setAutosave(const QString& path, int interval_ms) {
        m_autosave_path = path.toStdString();
        m_autosave_ms = interval_ms;
    }

    // Snapshot rates (ms between model snapshots / between loss bunches).
    void setIntervals(int snapshot_ms, int loss_ms) {
        m_snapshot_ms = snapshot_ms;
        m_loss_ms = loss_ms;
    }

public slots:
    // A new run: builds the trainer (validating the settings) and emits a first snapshot.
    void configure(dae::TrainingConfig config, dae::Matrix train, dae::Matrix validation, quint64 generation);
    void start();          // run until finished, paused or stopped
    void step();           // exactly one minibatch, then paused
    void stopNow();        // ends a paused or not yet started run (a running one ends through the flag)
    void drop();           // forgets the trainer (the settings became invalid)
    void setNoiseLevel(double level);
    void loadModel(dae::Autoencoder model);  // continue from these weights (same shape)
    // Go on from a checkpoint's state (after configure() with its settings and data).
    void restoreState(dae::TrainerState state);
    // Metadata stored with autosaves (data set id, split), so a resume can find the data again.
    void setRunMetadata(QMap<QString, QString> metadata);

signals:
    void snapshot(dae::ui::TrainingSnapshot snapshot);
    void lossPoints(QVector<dae::ui::LossPoint> points, quint64 generation);
    void epochFinished(dae::EpochReport report, quint64 generation);
    void stateChanged(dae::ui::WorkerState state, QString message, quint64 generation);

private:
    void runChunk();
    void trainOne();
    void emitSnapshot();
    void flushLoss();
    void setState(WorkerState s, const QString& message = {});
    void autosave(bool force);
    void removeAutosave();

    std::unique_ptr<Trainer> m_trainer;
    quint64 m_generation = 0;
    WorkerState m_state = WorkerState::Idle;
    std::atomic<bool> m_pause_requested{false}, m_stop_requested{false};
    std::atomic<Index> m_batches_since_request{0};
    bool m_chunk_queued = false;
    QVector<LossPoint> m_pending;
    QElapsedTimer m_snapshot_clock, m_loss_clock, m_rate_clock;
    Index m_rate_samples = 0;
    double m_rate = 0;
    std::atomic<int> m_snapshot_ms{250}, m_loss_ms{100};
    std::string m_autosave_path;
    int m_autosave_ms = 60000;
    QElapsedTimer m_autosave_clock;
    std::map<std::string, std::string> m_run_metadata;
};

}  // namespace dae::ui
