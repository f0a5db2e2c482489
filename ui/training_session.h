// The GUI side of training: owns the worker thread and the worker, forwards commands, drops
// results of earlier runs (generation id), and shuts the thread down cleanly in its destructor.
// Every receiving slot runs on the GUI thread.
#pragma once

#include "training_worker.h"

#include <QObject>
#include <QThread>

#include <mutex>

namespace dae::ui {

class TrainingSession : public QObject {
    Q_OBJECT
public:
    explicit TrainingSession(QObject* parent = nullptr);
    ~TrainingSession() override;  // stops the run within a minibatch, then quit(); wait();

    // A new run (Reset): settings are validated by the worker; stateChanged reports problems.
    void configure(const TrainingConfig& config, Matrix train, Matrix validation);
    void start();
    void pause();
    void step();
    void stop();
    // Ends the current run and forgets it (settings became invalid): later results are ignored.
    void invalidate();
    void setNoiseLevel(double level);
    void loadModel(const Autoencoder& model);
    void restoreState(const TrainerState& state);
    // Crash safety (see TrainingWorker::setAutosave); metadata is stored with each autosave.
    void setAutosave(const QString& path, int interval_ms, const QMap<QString, QString>& metadata);

    quint64 generation() const { return m_generation; }
    WorkerState state() const { return m_state; }
    const TrainingSnapshot& latest() const { return m_latest; }
    bool hasSnapshot() const { return m_has_snapshot; }
    TrainingWorker* worker() const { return m_worker; }  // for tests
    Q_INVOKABLE void drainEvents() { m_events.drain(); }  // runs the worker's results here

signals:
    void snapshot(const dae::ui::TrainingSnapshot& snapshot);
    void lossPoints(const QVector<dae::ui::LossPoint>& points);
    void epochFinished(const dae::EpochReport& report);
    void stateChanged(dae::ui::WorkerState state, const QString& message);

private:
    template <class F>
    void post(F&& f) {
        m_worker->commands().post(std::forward<F>(f));
    }

    QThread m_thread;
    TrainingWorker* m_worker;
    Mailbox m_events{this, "drainEvents"};  // results from the worker
    std::mutex m_joined;  // released by the worker thread as it ends; acquired before deleting the worker
    quint64 m_generation = 0;
    WorkerState m_state = WorkerState::Idle;
    TrainingSnapshot m_latest;
    bool m_has_snapshot = false;
};

}  // namespace dae::ui
