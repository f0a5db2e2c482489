// Minibatch SGD for DAEs, resumable minibatch by minibatch, reporting to a Qt-free observer.
// Defaults follow Bahdanau & Jaeger 2014 §5.2-5.3 (untied 784-500-784 sigmoid, Gaussian σ = 0.5,
// squared error, b = 20, ρ = 0.1, α = 0.99); TrainingConfig::vincent2008() gives Vincent et al.'s
// tied, masking ν = 0.25, cross-entropy set-up.
#pragma once

#include "dae/autoencoder.h"
#include "dae/corruption.h"
#include "dae/objective.h"
#include "dae/run.h"
#include "dae/threads.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace dae {

// How the minibatches are traversed. Bahdanau & Jaeger 2014, §5.3: "The minibatches were traversed
// in a circular order with each full loop called an epoch": one permutation drawn from the seed
// before the first epoch, then the same every epoch. Reshuffle draws a new permutation every epoch
// (daelab before 0.3, and the usual SGD of today).
enum class MinibatchOrder { Circular, Reshuffle };
const char* minibatch_order_name(MinibatchOrder o);  // "circular", "reshuffle"
std::optional<MinibatchOrder> minibatch_order_from_name(const std::string& name);

struct TrainingConfig {
    ModelConfig model;  // model.visible is taken from the data
    InitScheme init = InitScheme::GlorotUniform;
    Corruption corruption{CorruptionType::Gaussian, 0.5};
    Loss loss = Loss::SquaredError;
    int walkback = 1;                                                    // k
    WalkbackVariant walkback_variant = WalkbackVariant::BahdanauJaeger;  // for k > 1 (objective.h)
    Regularization regularization;
    Index batch = 20;                                 // b
    double learning_rate = 0.1;                       // ρ
    double annealing = 0.99;                          // α: ρ ← αρ after every epoch
    double momentum = 0;                              // μ: v ← μv − ρ∇L, θ ← θ + v
    int epochs = 100;                                 // N
    std::uint64_t seed = 1;                           // initialisation, shuffling and corruption all derive from it
    MinibatchOrder order = MinibatchOrder::Circular;  // the paper's (§5.3)

    static TrainingConfig bahdanau2014();  // untied, σ = 0.5, MSE, k = 3
    static TrainingConfig vincent2008();   // tied, masking ν = 0.25, CE
    // The settings a file written before an option existed was trained with: the base that model
    // files, checkpoints and run specs are read onto (every option they hold overrides it). Today
    // the one difference is `order`, which files before 0.3 do not record: they reshuffled.
    static TrainingConfig as_before_recorded();

    // False with a reason in *why for absurd settings. `train_size` (when ≥ 0) checks the batch.
    bool validate(std::string* why, Index train_size = -1) const;
    bool operator==(const TrainingConfig&) const = default;
};

// The learning curves as CSV, a row per epoch (daelab-cli train --csv, a run's curves.csv).
std::string curves_csv_header();
// Numbers to 6 significant digits, or `exact`: each in the shortest form that reads back to the same
// double (what a model file keeps).
std::string curves_csv_row(const EpochReport& e, bool exact = false);
// A row of that CSV read back (with or without its newline); nothing when it is not one.
std::optional<EpochReport> parse_curves_csv_row(const std::string& row);

// Training reports to a RunObserver (run.h): on_batch and on_epoch answer whether it goes on.
using TrainingObserver = RunObserver;

enum class TrainStatus { Ready, Paused, Stopped, Finished, Diverged };
const char* train_status_name(TrainStatus s);

// The papers' set-ups by name, the one list every front end offers: "bahdanau" (Bahdanau & Jaeger
// 2014 §5.2–5.3) and "vincent" (Vincent et al. 2008 §2.3, Fig. 3).
struct TrainingPreset {
    const char* name;
    const char* title;  // for people: "Bahdanau & Jaeger 2014 (untied, σ = 0.5, MSE, k = 3)"
    TrainingConfig (*make)();
};
const std::vector<TrainingPreset>& training_presets();
std::optional<TrainingConfig> training_preset(const std::string& name);
std::string training_preset_names();  // "bahdanau or vincent", for messages

// Everything that determines how a Trainer goes on (checkpoint.h writes and reads it).
struct TrainerState {
    Autoencoder model;
    Gradients velocity;  // momentum buffers (empty without momentum)
    std::vector<Index> order;
    Index position = 0;
    int epoch = 0;
    Index samples_seen = 0;
    double learning_rate = 0;
    double epoch_loss_sum = 0;
    Index epoch_batches = 0;
    double epoch_seconds = 0;
    std::string shuffle_rng, corruption_rng;
    std::vector<Index> corruption_positions;
    EpochReport last_epoch;
};

class Trainer {
public:
    // `train` and `validation` are d × N matrices, one sample per column. Throws dae::Error when
    // the config is invalid for them.
    Trainer(TrainingConfig config, Matrix train, Matrix validation = {});
    Trainer(const Trainer&) = delete;  // the objective holds a pointer to this trainer's noise stream
    Trainer& operator=(const Trainer&) = delete;

    const TrainingConfig& config() const { return m_config; }
    const Autoencoder& model() const { return m_model; }
    // Replaces the weights (same shapes), e.g. to continue from a saved model.
    void set_model(const Autoencoder& model);

    // Takes effect from the next minibatch; nothing is reset. Throws dae::Error for an invalid level.
    void set_corruption(const Corruption& c);
    void set_noise_level(double level);
    // The penalties' weights, from the next minibatch (the 2-D playground switches them while it runs).
    // Throws dae::Error when they are not valid.
    void set_regularization(const Regularization& reg);

    // One minibatch (and the epoch's end when it is the last one). Returns its report.
    BatchReport step();
    // Minibatches until the epochs are done, the observer says Pause/Stop, or training diverges.
    TrainStatus run(TrainingObserver* observer = nullptr);

    TrainStatus status() const { return m_status; }
    const std::string& message() const { return m_message; }  // why it diverged
    int epoch() const { return m_epoch; }
    Index batch_in_epoch() const { return m_position / m_config.batch; }
    Index batches_per_epoch() const { return m_train.cols() / m_config.batch; }
    Index samples_seen() const { return m_samples_seen; }
    double learning_rate() const { return m_learning_rate; }
    bool finished() const { return m_epoch >= m_config.epochs; }
    const EpochReport& last_epoch() const { return m_last_epoch; }

    // The objective and clean MSE on any set (fixed corruption seed: comparable across epochs).
    EpochReport evaluate(const Matrix& data) const;

    // Checkpoints: the state, and going on from one (same settings and data shape; dae::Error if not).
    TrainerState state() const;
    void set_state(const TrainerState& s);
    const Matrix& train_data() const { return m_train; }

private:
    void start_epoch();
    void finish_epoch();
    void apply_update(const Gradients& g);

    TrainingConfig m_config;
    Matrix m_train, m_validation;
    Autoencoder m_model;
    Autoencoder m_epoch_start;  // restored if the weights ever turn non-finite
    Objective m_objective;
    Corrupter m_corrupter;
    Rng m_shuffle_rng;
    std::vector<Index> m_order;
    Index m_position = 0;
    int m_epoch = 0;
    Index m_samples_seen = 0;
    double m_learning_rate;
    double m_epoch_loss_sum = 0;
    Index m_epoch_batches = 0;
    double m_epoch_seconds = 0;
    TrainStatus m_status = TrainStatus::Ready;
    std::string m_message;
    EpochReport m_last_epoch;
    Gradients m_grad, m_velocity;
    Matrix m_batch, m_corrupted;
};

// The work of a minibatch of `c` for the thread policy (threads.h), on data of `visible` values.
TrainingWork training_work(const TrainingConfig& c, Index visible);

}  // namespace dae
