#include "training/training_worker.h"

#include "dae/checkpoint.h"
#include "dae/error.h"

#include <QCoreApplication>

#include <cstdio>
#include <utility>

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
constexpr int kStatsMs = 1000;      // the hidden units' statistics at most once a second (~4 ms each)
constexpr Index kStatsProbe = 200;  // … on the first 200 training digits
constexpr int kSliceMs = 30;        // training per job: commands posted meanwhile run between slices
QString tr(const char* text) { return QCoreApplication::translate("TrainingWorker", text); }
}  // namespace

void TrainingWorker::setState(const JobContext& ctx, WorkerState s, const QString& message) {
    m_state = s;
    ctx.deliver([f = m_sink.state, s, message] { f(s, message); });
}

void TrainingWorker::autosave(const JobContext& ctx, bool force) {
    if (m_autosave_path.empty() || !m_trainer || m_trainer->samples_seen() == 0) return;
    if (!force && m_autosave_clock.isValid() && m_autosave_clock.elapsed() < m_autosave_ms) return;
    m_autosave_clock.start();
    try {
        m_provenance.epochs_trained = m_trainer->epoch();
        save_checkpoint(m_autosave_path, *m_trainer, m_provenance);
    } catch (const std::exception& e) {
        setState(ctx, m_state, tr("Autosave failed: %1").arg(QString::fromStdString(e.what())));
    }
}

void TrainingWorker::removeAutosave() {
    if (!m_autosave_path.empty()) std::remove(m_autosave_path.c_str());
}

void TrainingWorker::configure(const JobContext& ctx, TrainingConfig config, Matrix train, Matrix validation,
                               Provenance provenance, std::string autosave_path, int autosave_ms) {
    m_autosave_clock.invalidate();
    m_pending.clear();
    m_slice_queued = false;
    m_provenance = std::move(provenance);
    m_autosave_path = std::move(autosave_path);
    m_autosave_ms = autosave_ms;
    try {
        m_trainer = std::make_unique<Trainer>(std::move(config), std::move(train), std::move(validation));
    } catch (const std::exception& e) {
        m_trainer.reset();
        setState(ctx, WorkerState::Idle, QString::fromStdString(e.what()));
        return;
    }
    m_provenance.settings = m_trainer->config();
    m_rate = 0;
    setState(ctx, WorkerState::Idle);
    emitSnapshot(ctx);
}

void TrainingWorker::restoreState(const JobContext& ctx, const TrainerState& state) {
    if (!m_trainer) return;
    try {
        m_trainer->set_state(state);
    } catch (const std::exception& e) {
        setState(ctx, m_state, QString::fromStdString(e.what()));
        return;
    }
    emitSnapshot(ctx, true);
    setState(ctx, WorkerState::Paused, tr("Resumed the interrupted run at epoch %1").arg(m_trainer->epoch() + 1));
}

void TrainingWorker::loadModel(const JobContext& ctx, const Autoencoder& model) {
    if (!m_trainer) return;
    try {
        m_trainer->set_model(model);
    } catch (const std::exception& e) {
        setState(ctx, m_state, QString::fromStdString(e.what()));
        return;
    }
    emitSnapshot(ctx, true);
}

void TrainingWorker::setCorruption(const JobContext& ctx, const Corruption& c) {
    if (!m_trainer) return;
    try {
        m_trainer->set_corruption(c);  // from the next minibatch; nothing reset
        m_provenance.settings = m_trainer->config();
    } catch (const std::exception& e) {
        setState(ctx, m_state, QString::fromStdString(e.what()));
    }
}

void TrainingWorker::start(const JobContext& ctx) {
    if (!m_trainer || m_trainer->finished() || m_state == WorkerState::Diverged || m_state == WorkerState::Stopped)
        return;
    if (m_stop_requested || m_pause_requested) return;  // a later Stop/Pause already cancelled this Start
    if (m_state != WorkerState::Running) setState(ctx, WorkerState::Running);
    m_rate_clock.start();
    m_rate_samples = m_trainer->samples_seen();
    m_snapshot_clock.start();
    m_loss_clock.start();
    if (!m_slice_queued) {
        m_slice_queued = true;
        ctx.then([this](const JobContext& c) { runSlice(c); });
    }
}

void TrainingWorker::step(const JobContext& ctx) {
    if (!m_trainer || m_trainer->finished() || m_state == WorkerState::Diverged || m_state == WorkerState::Stopped)
        return;
    trainOne(ctx);  // (a running slice was paused by the GUI's request before this was posted)
    flushLoss(ctx);
    emitSnapshot(ctx);
    if (m_state == WorkerState::Running || m_state == WorkerState::Idle) setState(ctx, WorkerState::Paused);
}

void TrainingWorker::stopNow(const JobContext& ctx) {
    if (!m_trainer || m_state == WorkerState::Running) return;  // running: the stop flag ends the slice
    if (m_state == WorkerState::Paused || m_state == WorkerState::Idle) {
        emitSnapshot(ctx);
        setState(ctx, WorkerState::Stopped);
    }
}

void TrainingWorker::drop() {
    m_trainer.reset();
    m_pending.clear();
}

void TrainingWorker::trainOne(const JobContext& ctx) {
    const int epoch_before = m_trainer->epoch();
    const BatchReport r = m_trainer->step();
    if (m_trainer->status() == TrainStatus::Diverged) {
        flushLoss(ctx);
        emitSnapshot(ctx);  // the last good weights
        setState(ctx, WorkerState::Diverged, QString::fromStdString(m_trainer->message()));
        return;
    }
    m_pending.push_back({static_cast<double>(r.samples_seen), r.loss.reconstruction, r.noise_level,
                         static_cast<int>(m_trainer->config().corruption.type)});
    if (m_trainer->epoch() != epoch_before) {
        m_provenance.curves.push_back(m_trainer->last_epoch());  // the autosave carries the run's curves
        ctx.deliver([f = m_sink.epoch, e = m_trainer->last_epoch()] { f(e); });
        emitSnapshot(ctx, true);  // every epoch's end weights reach the GUI (replay keeps them)
    }
}

void TrainingWorker::runSlice(const JobContext& ctx) {
    m_slice_queued = false;
    if (!m_trainer || m_state != WorkerState::Running) return;
    QElapsedTimer slice;
    slice.start();
    while (slice.elapsed() < kSliceMs) {
        if (m_stop_requested || m_pause_requested || ctx.cancelled()) {
            flushLoss(ctx);
            emitSnapshot(ctx);
            autosave(ctx, true);  // a paused or stopped run can be resumed after a crash
            setState(ctx, m_pause_requested && !m_stop_requested ? WorkerState::Paused : WorkerState::Stopped);
            return;
        }
        trainOne(ctx);
        ++m_batches_since_request;
        if (m_state == WorkerState::Diverged) return;
        if (m_trainer->finished()) {
            flushLoss(ctx);
            emitSnapshot(ctx);
            removeAutosave();  // nothing left to resume
            setState(ctx, WorkerState::Finished);
            return;
        }
    }
    const double secs = m_rate_clock.nsecsElapsed() / 1e9;
    if (secs > 0.5) {  // samples/s over the last half second or more
        m_rate = static_cast<double>(m_trainer->samples_seen() - m_rate_samples) / secs;
        m_rate_samples = m_trainer->samples_seen();
        m_rate_clock.restart();
    }
    if (m_loss_clock.elapsed() >= m_loss_ms) flushLoss(ctx);
    if (m_snapshot_clock.elapsed() >= m_snapshot_ms) emitSnapshot(ctx);
    autosave(ctx, false);
    m_slice_queued = true;
    ctx.then([this](const JobContext& c) { runSlice(c); });
}

void TrainingWorker::flushLoss(const JobContext& ctx) {
    m_loss_clock.restart();
    if (m_pending.empty()) return;
    // The bunch moves out whole (the worker keeps no share of it); the QVector is made in the GUI thread.
    ctx.deliver([f = m_sink.loss, p = std::exchange(m_pending, {})] { f(QVector<LossPoint>(p.begin(), p.end())); });
}

void TrainingWorker::emitSnapshot(const JobContext& ctx, bool with_stats) {
    m_snapshot_clock.restart();
    if (!m_trainer) return;
    TrainingSnapshot s;
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
    if (with_stats || !m_stats_clock.isValid() || m_stats_clock.elapsed() >= kStatsMs) {
        m_stats_clock.start();
        const Matrix& train = m_trainer->train_data();
        s.hidden = hidden_stats(s.model, train.leftCols(std::min<Index>(kStatsProbe, train.cols())));
    }
    ctx.deliver([f = m_sink.snapshot, s = std::move(s)] { f(s); });
}

}  // namespace dae::ui
