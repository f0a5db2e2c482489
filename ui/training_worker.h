// The training worker: a QObject living in its own QThread that owns the Trainer (and so the
// model). Nothing else touches them. The GUI sends commands (queued slots; pause/stop are also
// atomics read once per minibatch, so they answer within one minibatch even mid-chunk) and gets
// snapshots by value: the model a few times a second, loss points in bunches, epoch reports.
#pragma once

#include "mailbox.h"
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

    // Where results go: each handler is called in the GUI thread, through `post_to_gui` (a
    // Mailbox of the receiver's). Set once, before the worker's thread starts.
    struct Handlers {
        std::function<void(std::function<void()>)> post_to_gui;
        std::function<void(const TrainingSnapshot&)> snapshot;
        std::function<void(const QVector<LossPoint>&, quint64)> loss;
        std::function<void(const EpochReport&, quint64)> epoch;
        std::function<void(WorkerState, const QString&, quint64)> state;
    };
    void setHandlers(Handlers h) { m_handlers = std::move(h); }
    // Commands for this worker: closures run in its thread, in the order posted.
    Mailbox& commands() { return m_commands; }
    Q_INVOKABLE void drainCommands() { m_commands.drain(); }

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

private:
    template <class F, class... Args>
    void deliver(const F& handler, Args... args) {
        if (handler && m_handlers.post_to_gui) m_handlers.post_to_gui([handler, args...] { handler(args...); });
    }
    Q_INVOKABLE void runChunk();
    void trainOne();
    void emitSnapshot();
    void flushLoss();
    void setState(WorkerState s, const QString& message = {});
    void autosave(bool force);
    void removeAutosave();

    Handlers m_handlers;
    Mailbox m_commands{this, "drainCommands"};
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
