#include "dae/training.h"

#include "dae/error.h"

#include <cmath>
#include <numeric>
#include <sstream>

namespace dae {

namespace {

// Independent streams from one seed (splitmix64 constants).
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
constexpr std::uint64_t kShuffleStream = 1, kCorruptionStream = 2, kValidationNoiseStream = 3;

// Validates before any member is built from the settings (an absurd k must not allocate k buffers).
TrainingConfig validated(TrainingConfig config, const Matrix& train) {
    config.model.visible = train.rows();
    std::string why;
    if (!config.validate(&why, train.cols())) throw Error("training settings: " + why);
    return config;
}
}  // namespace

Trainer::Trainer(TrainingConfig config, Matrix train, Matrix validation)
    : m_config(validated(std::move(config), train)), m_train(std::move(train)), m_validation(std::move(validation)),
      m_objective(m_config.loss, m_config.walkback, m_config.regularization, m_config.walkback_variant),
      m_corrupter(derive_seed(m_config.seed, kCorruptionStream)),
      m_shuffle_rng(derive_seed(m_config.seed, kShuffleStream)), m_learning_rate(m_config.learning_rate) {
    if (m_validation.size() > 0 && m_validation.rows() != m_train.rows())
        throw Error("validation samples have " + std::to_string(m_validation.rows()) + " values, training samples " +
                    std::to_string(m_train.rows()));
    m_objective.set_chain_noise(&m_corrupter, m_config.corruption);
    m_model = Autoencoder(m_config.model);
    m_model.initialize(m_config.init, m_config.seed);
    m_epoch_start = m_model;
    m_order.resize(static_cast<std::size_t>(m_train.cols()));
    std::iota(m_order.begin(), m_order.end(), Index{0});
    if (m_config.momentum > 0) {
        m_velocity.resize_like(m_model);
        m_velocity.w1.setZero();
        m_velocity.b1.setZero();
        m_velocity.w2.setZero();
        m_velocity.b2.setZero();
    }
    start_epoch();
}

void Trainer::set_corruption(const Corruption& c) {
    std::string why;
    if (!c.valid(&why)) throw Error(why);
    m_config.corruption = c;
    m_objective.set_chain_noise(&m_corrupter, c);
}

void Trainer::set_noise_level(double level) { set_corruption({m_config.corruption.type, level}); }

void Trainer::set_regularization(const Regularization& reg) {
    TrainingConfig c = m_config;
    c.regularization = reg;
    std::string why;
    if (!c.validate(&why)) throw Error(why);
    m_config = c;
    m_objective.set_regularization(reg);
}

void Trainer::set_model(const Autoencoder& model) {
    if (model.config() != m_model.config()) throw Error("the model's shape or activations differ from the trainer's");
    if (!model.all_finite()) throw Error("the model holds NaN or infinite weights");
    m_model = model;
    m_epoch_start = model;
}

void Trainer::start_epoch() {
    // Circular (§5.3): the order drawn before the first epoch is kept; the stream is not used again.
    if (m_epoch == 0 || m_config.order == MinibatchOrder::Reshuffle) m_shuffle_rng.shuffle(std::span<Index>(m_order));
    m_position = 0;
    m_epoch_loss_sum = 0;
    m_epoch_batches = 0;
    m_epoch_seconds = 0;
}

namespace {

// θ ← θ − ρg (or, with momentum, v ← μv − ρg; θ ← θ + v) over column blocks on all compute
// threads: a memory-bound pass that one core alone would make a fifth of a 2-thread k = 3 step.
// The gradient is finite and ρ·max|g| cannot overflow a weight (NaN fails the `<`).
bool gradient_is_safe(const Gradients& g, double lr) {
    constexpr double kMaxUpdate = 1e30;
    auto ok = [&](const auto& m) {
        return m.size() == 0 ||
               lr * static_cast<double>(m.cwiseAbs().template maxCoeff<Eigen::PropagateNaN>()) < kMaxUpdate;
    };
    return ok(g.w1) && ok(g.b1) && ok(g.w2) && ok(g.b2);
}

template <class M>  // Matrix or Vector
void sgd_update(M& theta, const M& g, M* velocity, Scalar lr, Scalar mu) {
    const Index cols = theta.cols();
    const int threads = compute_threads();
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1 && theta.size() > 100000)
    for (Index j = 0; j < cols; ++j) {
        if (velocity) {
            velocity->col(j) = mu * velocity->col(j) - lr * g.col(j);
            theta.col(j) += velocity->col(j);
        } else {
            theta.col(j).noalias() -= lr * g.col(j);
        }
    }
}

}  // namespace

void Trainer::apply_update(const Gradients& g) {
    const auto lr = static_cast<Scalar>(m_learning_rate);
    const auto mu = static_cast<Scalar>(m_config.momentum);
    const bool momentum = m_config.momentum > 0;
    sgd_update<Matrix>(m_model.w1, g.w1, momentum ? &m_velocity.w1 : nullptr, lr, mu);
    sgd_update<Vector>(m_model.b1, g.b1, momentum ? &m_velocity.b1 : nullptr, lr, mu);
    if (!m_config.model.tied) sgd_update<Matrix>(m_model.w2, g.w2, momentum ? &m_velocity.w2 : nullptr, lr, mu);
    sgd_update<Vector>(m_model.b2, g.b2, momentum ? &m_velocity.b2 : nullptr, lr, mu);
}

BatchReport Trainer::step() {
    if (finished()) throw Error("training is already finished");
    if (m_status == TrainStatus::Diverged) throw Error("training diverged: " + m_message);
    const auto t0 = std::chrono::steady_clock::now();
    const Index b = m_config.batch;
    const Index d = m_train.rows();
    m_batch.resize(d, b);
    for (Index j = 0; j < b; ++j)
        m_batch.col(j) = m_train.col(m_order[static_cast<std::size_t>(m_position + j)]);
    m_corrupter.apply(m_config.corruption, m_batch, m_corrupted);

    BatchReport r;
    r.epoch = m_epoch;
    r.epochs = m_config.epochs;
    r.batch = m_position / b;
    r.batches_per_epoch = batches_per_epoch();
    r.learning_rate = m_learning_rate;
    r.noise_level = m_config.corruption.level;
    const bool plain = m_config.momentum == 0;
    const int threads = compute_threads();
    // Plain SGD on several threads, any k: the units shared over threads, the update fused.
    const bool split = plain && threads > 1 && m_objective.can_split_update(m_model);
    const bool fused = split || (plain && m_objective.can_fuse_update());
    if (split)
        r.loss =
            m_objective.sgd_step_split(m_model, m_batch, m_corrupted, static_cast<Scalar>(m_learning_rate), threads);
    else if (fused)  // k = 1 plain SGD: the update happens inside the gradient products
        r.loss = m_objective.sgd_step(m_model, m_batch, m_corrupted, static_cast<Scalar>(m_learning_rate));
    else
        r.loss = m_objective.evaluate(m_model, m_batch, m_corrupted, &m_grad);

    // Divergence: a NaN/Inf loss, activation or delta, or an update large enough to overflow the
    // weights, stops training before the weights change, so the model keeps the last good weights.
    bool finite = std::isfinite(r.loss.total()) && m_objective.last_batch_finite();
    if (finite && !fused) finite = gradient_is_safe(m_grad, m_learning_rate);
    if (!finite) {
        m_status = TrainStatus::Diverged;
        std::ostringstream msg;
        msg << "training diverged at epoch " << m_epoch + 1 << ", minibatch " << r.batch + 1 << ": the loss became "
            << (std::isnan(r.loss.total()) ? "NaN" : "infinite") << " (learning rate " << m_learning_rate
            << "). The weights from before this minibatch are kept; try a smaller learning rate.";
        if (!m_model.all_finite()) {
            m_model = m_epoch_start;
            msg << " (The weights had turned non-finite; those from the start of epoch " << m_epoch + 1
                << " were restored.)";
        }
        m_message = msg.str();
        return r;
    }
    if (!fused) apply_update(m_grad);
    m_samples_seen += b;
    m_position += b;
    r.samples_seen = m_samples_seen;
    m_epoch_loss_sum += r.loss.reconstruction;
    ++m_epoch_batches;
    m_epoch_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (m_position + b > m_train.cols()) finish_epoch();
    return r;
}

void Trainer::finish_epoch() {
    EpochReport e;
    e.epoch = m_epoch;
    e.train_loss = m_epoch_batches ? m_epoch_loss_sum / static_cast<double>(m_epoch_batches) : 0;
    e.seconds = m_epoch_seconds;
    e.samples_per_second =
        m_epoch_seconds > 0 ? static_cast<double>(m_epoch_batches * m_config.batch) / m_epoch_seconds : 0;
    if (m_validation.cols() > 0) {
        const EpochReport v = evaluate(m_validation);
        e.validation_loss = v.validation_loss;
        e.validation_clean_mse = v.validation_clean_mse;
    }
    m_learning_rate *= m_config.annealing;
    e.learning_rate = m_learning_rate;
    m_last_epoch = e;
    ++m_epoch;
    if (!m_model.all_finite()) {  // cannot happen when every minibatch was finite; kept as a guard
        m_model = m_epoch_start;
        m_status = TrainStatus::Diverged;
        m_message = "the weights turned non-finite; those from the start of the epoch were restored";
        return;
    }
    m_epoch_start = m_model;
    start_epoch();
}

EpochReport Trainer::evaluate(const Matrix& data) const {
    EpochReport e;
    if (data.cols() == 0) return e;
    if (data.rows() != m_model.visible())
        throw Error("evaluation samples have " + std::to_string(data.rows()) + " values, the model expects " +
                    std::to_string(m_model.visible()));
    Objective objective(m_config.loss, m_config.walkback, m_config.regularization, m_config.walkback_variant);
    Corrupter corrupter(derive_seed(m_config.seed, kValidationNoiseStream));
    objective.set_chain_noise(&corrupter, m_config.corruption);
    Matrix corrupted, h, o;
    constexpr Index kChunk = 1000;
    double loss = 0, mse = 0;
    for (Index start = 0; start < data.cols(); start += kChunk) {
        const Index n = std::min(kChunk, data.cols() - start);
        const auto clean = data.middleCols(start, n);
        corrupter.apply(m_config.corruption, clean, corrupted);
        loss += objective.evaluate(m_model, clean, corrupted, nullptr).reconstruction * static_cast<double>(n);
        m_model.reconstruct(clean, h, o);
        mse += (o - clean).cast<double>().squaredNorm();
    }
    e.validation_loss = loss / static_cast<double>(data.cols());
    e.validation_clean_mse = mse / static_cast<double>(data.cols());
    return e;
}

TrainStatus Trainer::run(TrainingObserver* observer) {
    if (m_status == TrainStatus::Diverged) return m_status;
    while (!finished()) {
        const int epoch_before = m_epoch;
        const BatchReport r = step();
        if (m_status == TrainStatus::Diverged) return m_status;
        Verdict v = observer ? observer->on_batch(r) : Verdict::Continue;
        if (m_epoch != epoch_before && observer) {
            const Verdict ve = observer->on_epoch(m_last_epoch);
            if (ve != Verdict::Continue) v = ve;
        }
        if (m_status == TrainStatus::Diverged) return m_status;
        if (observer && observer->stop_requested()) v = Verdict::Stop;
        if (v == Verdict::Stop) return m_status = TrainStatus::Stopped;
        if (v == Verdict::Pause) return m_status = TrainStatus::Paused;
    }
    return m_status = TrainStatus::Finished;
}

TrainerState Trainer::state() const {
    TrainerState s;
    s.model = m_model;
    s.velocity = m_velocity;
    s.order = m_order;
    s.position = m_position;
    s.epoch = m_epoch;
    s.samples_seen = m_samples_seen;
    s.learning_rate = m_learning_rate;
    s.epoch_loss_sum = m_epoch_loss_sum;
    s.epoch_batches = m_epoch_batches;
    s.epoch_seconds = m_epoch_seconds;
    s.shuffle_rng = m_shuffle_rng.state();
    s.corruption_rng = m_corrupter.rng().state();
    s.corruption_positions = m_corrupter.positions();
    s.last_epoch = m_last_epoch;
    return s;
}

void Trainer::set_state(const TrainerState& s) {
    if (s.model.config() != m_model.config()) throw Error("checkpoint: the model's shape differs from the settings'");
    if (!s.model.all_finite()) throw Error("checkpoint: the weights hold NaN or infinite values");
    if (static_cast<Index>(s.order.size()) != m_train.cols())
        throw Error("checkpoint: it was made on " + std::to_string(s.order.size()) + " training samples, not " +
                    std::to_string(m_train.cols()));
    for (Index i : s.order)
        if (i < 0 || i >= m_train.cols()) throw Error("checkpoint: the shuffled order is corrupt");
    // Every state a trainer saves has a whole next minibatch ahead (an epoch's end starts the next).
    if (s.position < 0 || s.position % m_config.batch != 0 || s.position + m_config.batch > m_train.cols() ||
        s.epoch < 0 || s.epoch > m_config.epochs || s.samples_seen < 0 || !(s.learning_rate > 0))
        throw Error("checkpoint: the training position is corrupt");
    const bool momentum = m_config.momentum > 0;
    if (momentum && (s.velocity.w1.rows() != m_model.w1.rows() || s.velocity.w1.cols() != m_model.w1.cols() ||
                     s.velocity.b1.size() != m_model.b1.size() || s.velocity.b2.size() != m_model.b2.size() ||
                     s.velocity.w2.size() != m_model.w2.size()))
        throw Error("checkpoint: the momentum buffers do not fit the model");
    if (!s.corruption_positions.empty() && static_cast<Index>(s.corruption_positions.size()) != m_train.rows())
        throw Error("checkpoint: the masking permutation does not fit the data");
    Rng shuffle, corrupt;
    if (!shuffle.set_state(s.shuffle_rng) || !corrupt.set_state(s.corruption_rng))
        throw Error("checkpoint: a random-stream state is corrupt");
    m_model = s.model;
    m_epoch_start = s.model;
    if (momentum) m_velocity = s.velocity;
    m_order = s.order;
    m_position = s.position;
    m_epoch = s.epoch;
    m_samples_seen = s.samples_seen;
    m_learning_rate = s.learning_rate;
    m_epoch_loss_sum = s.epoch_loss_sum;
    m_epoch_batches = s.epoch_batches;
    m_epoch_seconds = s.epoch_seconds;
    m_shuffle_rng = shuffle;
    m_corrupter.rng() = corrupt;
    m_corrupter.set_positions(s.corruption_positions);
    m_last_epoch = s.last_epoch;
    m_status = TrainStatus::Ready;
}

}  // namespace dae
