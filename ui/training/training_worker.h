// The training worker: owns the Trainer (and so the model) and lives in the session's
// WorkerThread — every method but the request*() ones runs there, inside a job. Nothing else
// touches the trainer. Results go to the GUI thread by value through the job's deliver(): the
// model a few times a second, loss points in bunches, epoch reports, state changes.
#pragma once

#include "dae/provenance.h"
#include "training/training_snapshot.h"
#include "workers/worker_thread.h"

#include <QElapsedTimer>

#include <atomic>
#include <memory>
#include <vector>

namespace dae::ui {

class TrainingWorker {
public:
    // What the worker reports, called in the GUI thread (through JobContext::deliver).
    struct Sink {
        std::function<void(const TrainingSnapshot&)> snapshot;
        std::function<void(const QVector<LossPoint>&)> loss;
        std::function<void(const EpochReport&)> epoch;
        std::function<void(WorkerState, const QString&)> state;
    };
    explicit TrainingWorker(Sink sink) : m_sink(std::move(sink)) {}

    // Thread-safe requests, honoured before the next minibatch.
    void requestPause() {
        m_batches_since_request = 0;
        m_pause_requested = true;
    }
    void requestStop() {
        m_batches_since_request = 0;
        m_stop_requested = true;
    }
    void clearRequests() {
        m_pause_requested = false;
        m_stop_requested = false;
        m_batches_since_request = 0;
    }
    // Minibatches trained since the last stop/pause request (for tests of the answer time).
    Index batchesSinceRequest() const { return m_batches_since_request; }
    // Snapshot rates (ms between model snapshots / between loss bunches).
    void setIntervals(int snapshot_ms, int loss_ms) {
        m_snapshot_ms = snapshot_ms;
        m_loss_ms = loss_ms;
    }

    // ── In the worker thread ───────────────────────────────────────────────────────────────
    // A new run: builds the trainer (validating the settings) and reports a first snapshot.
    // Crash safety: while training, a checkpoint (with `provenance`) goes to `autosave_path`
    // at most every `autosave_ms`, and when pausing or stopping; it is deleted when the run
    // finishes or is replaced. An empty path turns autosave off.
    void configure(const JobContext& ctx, TrainingConfig config, Matrix train, Matrix validation, Provenance provenance,
                   std::string autosave_path, int autosave_ms);
    void start(const JobContext& ctx);    // trains in slices until finished, paused or stopped
    void step(const JobContext& ctx);     // exactly one minibatch, then paused
    void stopNow(const JobContext& ctx);  // ends a paused or not yet started run
    void drop();                          // forgets the trainer (the settings became invalid)
    void setCorruption(const JobContext& ctx, const Corruption& c);  // from the next minibatch
    void loadModel(const JobContext& ctx, const Autoencoder& model);
    void restoreState(const JobContext& ctx, const TrainerState& state);

private:
    void runSlice(const JobContext& ctx);
    void trainOne(const JobContext& ctx);
    void emitSnapshot(const JobContext& ctx, bool with_stats = false);  // with_stats: the hidden units' now
    void flushLoss(const JobContext& ctx);
    void setState(const JobContext& ctx, WorkerState s, const QString& message = {});
    void autosave(const JobContext& ctx, bool force);
    void removeAutosave();

    Sink m_sink;
    std::unique_ptr<Trainer> m_trainer;
    WorkerState m_state = WorkerState::Idle;
    std::atomic<bool> m_pause_requested{false}, m_stop_requested{false};
    std::atomic<Index> m_batches_since_request{0};
    bool m_slice_queued = false;
    // Moved out whole by flushLoss, never shared: a delivered copy that the GUI thread dropped
    // before clear() left this buffer unshared, and the next push_back wrote where the GUI thread
    // had read (CI, TSan stage). A std::vector also keeps its allocation in our instrumented code.
    std::vector<LossPoint> m_pending;
    QElapsedTimer m_snapshot_clock, m_loss_clock, m_rate_clock, m_stats_clock;
    Index m_rate_samples = 0;
    double m_rate = 0;
    std::atomic<int> m_snapshot_ms{250}, m_loss_ms{100};
    std::string m_autosave_path;
    int m_autosave_ms = 60000;
    QElapsedTimer m_autosave_clock;
    Provenance m_provenance;
};

}  // namespace dae::ui
