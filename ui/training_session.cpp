#include "training_session.h"

#include <QCoreApplication>

namespace dae::ui {

TrainingSession::TrainingSession(QObject* parent) : QObject(parent), m_worker(new TrainingWorker) {
    m_thread.setObjectName(QStringLiteral("daelab training"));
    TrainingWorker::Handlers h;
    h.post_to_gui = [this](std::function<void()> f) { m_events.post(std::move(f)); };
    h.snapshot = [this](const TrainingSnapshot& s) {
        Q_ASSERT(QThread::currentThread() == thread());
        if (s.generation != m_generation) return;  // from an earlier run
        m_latest = s;
        m_has_snapshot = true;
        emit snapshot(m_latest);
    };
    h.loss = [this](const QVector<LossPoint>& p, quint64 generation) {
        Q_ASSERT(QThread::currentThread() == thread());
        if (generation == m_generation) emit lossPoints(p);
    };
    h.epoch = [this](const EpochReport& e, quint64 generation) {
        Q_ASSERT(QThread::currentThread() == thread());
        if (generation == m_generation) emit epochFinished(e);
    };
    h.state = [this](WorkerState s, const QString& message, quint64 generation) {
        Q_ASSERT(QThread::currentThread() == thread());
        if (generation != m_generation) return;
        m_state = s;
        emit stateChanged(s, message);
    };
    m_worker->setHandlers(std::move(h));  // before the thread starts
    // The thread's last act, in that thread: everything it did happens-before the destructor's
    // lock below (QThread::wait() is a join that ThreadSanitizer cannot see in an uninstrumented Qt).
    connect(&m_thread, &QThread::finished, this, [this] { const std::lock_guard<std::mutex> lock(m_joined); }, Qt::DirectConnection);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

TrainingSession::~TrainingSession() {
    m_worker->requestStop();  // answered before the next minibatch
    m_thread.quit();
    m_thread.wait();
    { const std::lock_guard<std::mutex> lock(m_joined); }
    delete m_worker;  // after the join: nothing runs in its thread any more
}

void TrainingSession::configure(const TrainingConfig& config, Matrix train, Matrix validation) {
    const quint64 g = ++m_generation;
    m_has_snapshot = false;
    m_state = WorkerState::Idle;
    m_worker->requestStop();  // a running chunk of the old run ends at once
    post([w = m_worker, config, t = std::move(train), v = std::move(validation), g]() mutable {
        w->configure(config, std::move(t), std::move(v), g);
    });
}

void TrainingSession::start() {
    m_worker->clearRequests();
    post([w = m_worker] { w->start(); });
}
void TrainingSession::pause() { m_worker->requestPause(); }
void TrainingSession::step() {
    m_worker->requestPause();
    post([w = m_worker] { w->step(); });
}
void TrainingSession::stop() {
    m_worker->requestStop();                  // a running chunk ends before its next minibatch
    post([w = m_worker] { w->stopNow(); });   // a paused or unstarted run ends too
}

void TrainingSession::invalidate() {
    ++m_generation;
    m_has_snapshot = false;
    m_state = WorkerState::Idle;
    m_worker->requestStop();
    post([w = m_worker] { w->drop(); });
}
void TrainingSession::setNoiseLevel(double level) { post([w = m_worker, level] { w->setNoiseLevel(level); }); }
void TrainingSession::loadModel(const Autoencoder& model) { post([w = m_worker, model] { w->loadModel(model); }); }
void TrainingSession::restoreState(const TrainerState& state) { post([w = m_worker, state] { w->restoreState(state); }); }
void TrainingSession::setAutosave(const QString& path, int interval_ms, const QMap<QString, QString>& metadata) {
    post([w = m_worker, path, interval_ms, metadata] {
        w->setAutosave(path, interval_ms);
        w->setRunMetadata(metadata);
    });
}

}  // namespace dae::ui
