#include "training/training_session.h"

#include <QThread>

namespace dae::ui {

namespace {
TrainingWorker::Sink sink_of(TrainingSession* s, TrainingSnapshot* latest, bool* has, WorkerState* state) {
    TrainingWorker::Sink k;
    k.snapshot = [s, latest, has](const TrainingSnapshot& snap) {
        Q_ASSERT(QThread::currentThread() == s->QObject::thread());
        *latest = snap;
        *has = true;
        emit s->snapshot(*latest);
    };
    k.loss = [s](const QVector<LossPoint>& p) { emit s->lossPoints(p); };
    k.epoch = [s](const EpochReport& e) { emit s->epochFinished(e); };
    k.state = [s, state](WorkerState st, const QString& message) {
        Q_ASSERT(QThread::currentThread() == s->QObject::thread());
        *state = st;
        emit s->stateChanged(st, message);
    };
    return k;
}
}  // namespace

TrainingSession::TrainingSession(QObject* parent)
    : QObject(parent), m_worker(sink_of(this, &m_latest, &m_has_snapshot, &m_state)) {}

TrainingSession::~TrainingSession() {
    m_worker.requestStop();  // answered before the next minibatch; ~WorkerThread then cancels and joins
}

void TrainingSession::configure(const TrainingConfig& config, Matrix train, Matrix validation,
                                const Provenance& provenance, const QString& autosave_path, int autosave_ms) {
    ++m_generation;
    m_has_snapshot = false;
    m_state = WorkerState::Idle;
    m_thread.cancel();  // a running slice of the old run ends at once; its results are dropped
    m_worker.clearRequests();
    post([w = &m_worker, config, t = std::move(train), v = std::move(validation), provenance,
          path = autosave_path.toStdString(), autosave_ms](const JobContext& ctx) mutable {
        w->configure(ctx, config, std::move(t), std::move(v), provenance, path, autosave_ms);
    });
}

void TrainingSession::start() {
    m_worker.clearRequests();
    post([w = &m_worker](const JobContext& ctx) { w->start(ctx); });
}
void TrainingSession::pause() { m_worker.requestPause(); }
void TrainingSession::step() {
    m_worker.requestPause();
    post([w = &m_worker](const JobContext& ctx) { w->step(ctx); });
}
void TrainingSession::stop() {
    m_worker.requestStop();  // a running slice ends before its next minibatch
    post([w = &m_worker](const JobContext& ctx) { w->stopNow(ctx); });  // a paused or unstarted run ends too
}

void TrainingSession::invalidate() {
    ++m_generation;
    m_has_snapshot = false;
    m_state = WorkerState::Idle;
    m_thread.cancel();
    post([w = &m_worker](const JobContext&) { w->drop(); });
}

void TrainingSession::setCorruption(const Corruption& c) {
    post([w = &m_worker, c](const JobContext& ctx) { w->setCorruption(ctx, c); });
}
void TrainingSession::loadModel(const Autoencoder& model) {
    post([w = &m_worker, model](const JobContext& ctx) { w->loadModel(ctx, model); });
}
void TrainingSession::restoreState(const TrainerState& state) {
    post([w = &m_worker, state](const JobContext& ctx) { w->restoreState(ctx, state); });
}

}  // namespace dae::ui
