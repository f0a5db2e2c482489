#include "training_worker.h"

#include "dae/checkpoint.h"
#include "dae/error.h"

#include <cstdio>

#include <QThread>

namespace dae::ui {

const char* worker_state_name(WorkerState s) {
    switch (s) {
    case WorkerState::Idle: return "ready";
    case WorkerState::Running: return "training";
    case WorkerState::Paused: return "paused";
    case WorkerState::Stopped: return "stopped";
    case WorkerState::Finished: return "finished";
    case WorkerState::Diverged: return "diverged";
    }
    return "?";
}

namespace {
constexpr int kChunkMs = 30;  // minibatches per event-loop turn: queued commands interleave at this rate
}

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {
    qRegisterMetaType<TrainingSnapshot>();
    qRegisterMetaType<QVector<LossPoint>>();
    qRegisterMetaType<EpochReport>();
    qRegisterMetaType<WorkerState>();
    qRegisterMetaType<TrainingConfig>();
    qRegisterMetaType<Matrix>();
    qRegisterMetaType<Autoencoder>();
    qRegisterMetaType<TrainerState>();
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::setState(WorkerState s, const QString& message) {
    m_state = s;
    deliver(m_handlers.state, s, message, m_generation);
}

void TrainingWorker::autosave(bool force) {
    if (m_autosave_path.empty() || !m_trainer || m_trainer->samples_seen() == 0) return;
    if (!force && m_autosave_clock.isValid() && m_autosave_clock.elapsed() < m_autosave_ms) return;
    m_autosave_clock.start();
    try {
        save_checkpoint(m_autosave_path, *m_trainer, m_run_metadata);
    } catch (const std::exception& e) {
        setState(m_state, tr("Autosave failed: %1").arg(QString::fromStdString(e.what())));
    }
}

void TrainingWorker::removeAutosave() {
    if (!m_autosave_path.empty()) std::remove(m_autosave_path.c_str());
}

void TrainingWorker::setRunMetadata(QMap<QString, QString> metadata) {
    m_run_metadata.clear();
    for (auto it = metadata.cbegin(); it != metadata.cend(); ++it) m_run_metadata[it.key().toStdString()] = it.value().toStdString();
}

void TrainingWorker::restoreState(TrainerState state) {
    if (!m_trainer) return;
    try {
        m_trainer->set_state(state);
    } catch (const std::exception& e) {
        setState(m_state, QString::fromStdString(e.what()));
        return;
    }
    emitSnapshot();
    setState(WorkerState::Paused, tr("Resumed the interrupted run at epoch %1").arg(m_trainer->epoch() + 1));
}

void TrainingWorker::configure(TrainingConfig config, Matrix train, Matrix validation, quint64 generation) {
    m_generation = generation;
    m_autosave_clock.invalidate();
    m_pending.clear();
    try {
        m_trainer = std::make_unique<Trainer>(std::move(config), std::move(train), std::move(validation));
    } catch (const std::exception& e) {
        m_trainer.reset();
        setState(WorkerState::Idle, QString::fromStdString(e.what()));
        return;
    }
    m_rate = 0;
    setState(WorkerState::Idle);
    emitSnapshot();
}

void TrainingWorker::loadModel(Autoencoder model) {
    if (!m_trainer) return;
    try {
        m_trainer->set_model(model);
    } catch (const std::exception& e) {
        setState(m_state, QString::fromStdString(e.what()));
        return;
    }
    emitSnapshot();
}

void TrainingWorker::setNoiseLevel(double level) {
    if (!m_trainer) return;
    try {
        m_trainer->set_noise_level(level);  // from the next minibatch; nothing reset
    } catch (const std::exception& e) {
        setState(m_state, QString::fromStdString(e.what()));
    }
}

void TrainingWorker::start() {
    if (!m_trainer || m_trainer->finished() || m_state == WorkerState::Diverged || m_state == WorkerState::Stopped) return;
    if (m_stop_requested || m_pause_requested) return;  // a later Stop/Pause already cancelled this Start
    if (m_state != WorkerState::Running) setState(WorkerState::Running);
    m_rate_clock.start();
    m_rate_samples = m_trainer->samples_seen();
    m_snapshot_clock.start();
    m_loss_clock.start();
    if (!m_chunk_queued) {
        m_chunk_queued = true;
        QMetaObject::invokeMethod(this, "runChunk", Qt::QueuedConnection);
    }
}

void TrainingWorker::step() {
    if (!m_trainer || m_trainer->finished() || m_state == WorkerState::Diverged || m_state == WorkerState::Stopped) return;
    trainOne();  // (a running chunk was paused by the GUI's request before this was posted)
    flushLoss();
    emitSnapshot();
    if (m_state == WorkerState::Running || m_state == WorkerState::Idle) setState(WorkerState::Paused);
}

void TrainingWorker::stopNow() {
    if (!m_trainer || m_state == WorkerState::Running) return;  // running: the stop flag ends the chunk
    if (m_state == WorkerState::Paused || m_state == WorkerState::Idle) {
        emitSnapshot();
        setState(WorkerState::Stopped);
    }
}

void TrainingWorker::drop() {
    m_trainer.reset();
    m_pending.clear();
}

void TrainingWorker::trainOne() {
    const int epoch_before = m_trainer->epoch();
    const BatchReport r = m_trainer->step();
    if (m_trainer->status() == TrainStatus::Diverged) {
        flushLoss();
        emitSnapshot();  // the last good weights
        setState(WorkerState::Diverged, QString::fromStdString(m_trainer->message()));
        return;
    }
    m_pending.push_back({static_cast<double>(r.samples_seen), r.loss.reconstruction, r.noise_level});
    if (m_trainer->epoch() != epoch_before) {
        deliver(m_handlers.epoch, m_trainer->last_epoch(), m_generation);
        emitSnapshot();  // every epoch's end weights reach the GUI (replay keeps them)
    }
}

void TrainingWorker::runChunk() {
    m_chunk_queued = false;
    if (!m_trainer || m_state != WorkerState::Running) return;
    QElapsedTimer chunk;
    chunk.start();
    while (chunk.elapsed() < kChunkMs) {
        if (m_stop_requested || m_pause_requested) {
            flushLoss();
            emitSnapshot();
            autosave(true);  // a paused or stopped run can be resumed after a crash
            setState(m_stop_requested ? WorkerState::Stopped : WorkerState::Paused);
            return;
        }
        trainOne();
        ++m_batches_since_request;
        if (m_state == WorkerState::Diverged) return;
        if (m_trainer->finished()) {
            flushLoss();
            emitSnapshot();
            removeAutosave();  // nothing left to resume
            setState(WorkerState::Finished);
            return;
        }
    }
    const double secs = m_rate_clock.nsecsElapsed() / 1e9;
    if (secs > 0.5) {  // samples/s over the last half second or more
        m_rate = static_cast<double>(m_trainer->samples_seen() - m_rate_samples) / secs;
        m_rate_samples = m_trainer->samples_seen();
        m_rate_clock.restart();
    }
    if (m_loss_clock.elapsed() >= m_loss_ms) flushLoss();
    if (m_snapshot_clock.elapsed() >= m_snapshot_ms) emitSnapshot();
    autosave(false);
    m_chunk_queued = true;
    QMetaObject::invokeMethod(this, "runChunk", Qt::QueuedConnection);
}

void TrainingWorker::flushLoss() {
    m_loss_clock.restart();
    if (m_pending.isEmpty()) return;
    deliver(m_handlers.loss, m_pending, m_generation);
    m_pending.clear();
}

void TrainingWorker::emitSnapshot() {
    m_snapshot_clock.restart();
    if (!m_trainer) return;
    TrainingSnapshot s;
    s.generation = m_generation;
    s.model = m_trainer->model();  // a copy: the GUI never sees the worker's model itself
    s.epoch = m_trainer->epoch();
    s.epochs = m_trainer->config().epochs;
    s.batch = m_trainer->batch_in_epoch();
    s.batches_per_epoch = m_trainer->batches_per_epoch();
    s.samples_seen = m_trainer->samples_seen();
    s.samples_per_second = m_rate;
    s.learning_rate = m_trainer->learning_rate();
    s.noise_level = m_trainer->config().corruption.level;
    s.config = m_trainer->config();
    deliver(m_handlers.snapshot, s);
}

}  // namespace dae::ui
