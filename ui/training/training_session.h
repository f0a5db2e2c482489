// The GUI side of training: owns the WorkerThread and the TrainingWorker that lives in it,
// forwards commands as jobs, and receives the worker's results in the GUI thread. A new run
// (configure) cancels the old one's jobs and drops its undelivered results. Closing the window
// mid-run is safe: the destructor stops the run within a minibatch and joins the thread.
#pragma once

#include "training/training_worker.h"
#include "workers/worker_thread.h"

#include <QObject>

namespace dae::ui {

class TrainingSession : public QObject {
    Q_OBJECT
public:
    explicit TrainingSession(QObject* parent = nullptr);
    ~TrainingSession() override;

    // A new run (Reset): settings are validated by the worker; stateChanged reports problems.
    // `provenance` (data set, split) goes into autosaves; an empty `autosave_path` turns them off.
    void configure(const TrainingConfig& config, Matrix train, Matrix validation, const Provenance& provenance = {},
                   const QString& autosave_path = {}, int autosave_ms = 60000);
    void start();
    void pause();
    void step();
    void stop();
    // Ends the current run and forgets it (settings became invalid): later results are ignored.
    void invalidate();
    // The training corruption (type and level), from the next minibatch; nothing is reset.
    void setCorruption(const Corruption& c);
    void loadModel(const Autoencoder& model);
    void restoreState(const TrainerState& state);

    quint64 generation() const { return m_generation; }  // increments with every new run
    WorkerState state() const { return m_state; }
    const TrainingSnapshot& latest() const { return m_latest; }
    bool hasSnapshot() const { return m_has_snapshot; }
    TrainingWorker* worker() { return &m_worker; }  // requests and rates, for tests
    WorkerThread* thread() { return &m_thread; }

signals:
    void snapshot(const dae::ui::TrainingSnapshot& snapshot);
    void lossPoints(const QVector<dae::ui::LossPoint>& points);
    void epochFinished(const dae::EpochReport& report);
    void stateChanged(dae::ui::WorkerState state, const QString& message);

private:
    void post(WorkerThread::Job job) { m_thread.post(std::move(job)); }

    quint64 m_generation = 0;
    WorkerState m_state = WorkerState::Idle;
    TrainingSnapshot m_latest;
    bool m_has_snapshot = false;
    TrainingWorker m_worker;
    WorkerThread m_thread{QStringLiteral("daelab training")};  // last: joined first
};

}  // namespace dae::ui
