// What the training worker tells the GUI: immutable values passed by value over queued signals.
#pragma once

#include "dae/hidden_stats.h"
#include "workers/core_metatypes.h"

#include <QMetaType>
#include <QVector>

#include <optional>

namespace dae::ui {

// One point of the running minibatch loss.
struct LossPoint {
    double samples = 0;   // samples seen (the x axis)
    double loss = 0;      // reconstruction objective of the minibatch
    double noise = 0;     // the corruption level it was trained at
    int noise_type = 0;   // … and the corruption type (CorruptionType)
    int minibatches = 1;  // > 1 once the chart merged older points to bound its memory (loss: their mean)
};

// A copy of the model and the run's position, a few times a second.
struct TrainingSnapshot {
    Autoencoder model;
    int epoch = 0;    // epochs finished
    int epochs = 0;   // of the run
    Index batch = 0;  // minibatch within the current epoch
    Index batches_per_epoch = 0;
    Index samples_seen = 0;
    double samples_per_second = 0;
    double learning_rate = 0;
    double noise_level = 0;
    TrainingConfig config;  // the run's settings (the panel may have been edited since)
    // What the hidden units do on a probe of the first 200 training digits (at most once a second,
    // and at every epoch's end and for a model opened or resumed; empty in the snapshots between).
    std::optional<HiddenStats> hidden;
};

// Idle: configured, not started. Stopped: ended by the user (Start begins a new run).
enum class WorkerState { Idle, Running, Paused, Stopped, Finished, Diverged };
const char* worker_state_name(WorkerState s);

}  // namespace dae::ui

Q_DECLARE_METATYPE(dae::ui::LossPoint)
Q_DECLARE_METATYPE(dae::ui::TrainingSnapshot)
Q_DECLARE_METATYPE(dae::ui::WorkerState)
