#include "dae/stacked.h"

#include "dae/classifier.h"
#include "dae/error.h"
#include "dae/numbers.h"
#include "dae/rng.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <numeric>
#include <sstream>

namespace dae {

namespace {

// Z ← log-softmax of each column (shifted by the column maximum: safe for any finite logit).
void log_softmax_columns(Matrix& z) {
    const RowVector max = z.colwise().maxCoeff();
    z.rowwise() -= max;
    const RowVector log_sum = z.array().exp().colwise().sum().log().matrix();
    z.rowwise() -= log_sum;
}

Matrix logits(const StackedNetwork& net, const Matrix& top) {
    Matrix z = net.v * top;
    z.colwise() += net.c;
    return z;
}

void check_labels(const Matrix& x, const std::vector<int>& labels, int classes, const char* what) {
    if (static_cast<Index>(labels.size()) != x.cols())
        throw Error(std::string(what) + ": " + std::to_string(x.cols()) + " samples but " +
                    std::to_string(labels.size()) + " labels");
    for (int l : labels)
        if (l < 0 || l >= classes)
            throw Error(std::string(what) + ": label " + std::to_string(l) + " is outside 0 … " +
                        std::to_string(classes - 1));
}

TrainingConfig layer_config(const StackedConfig& config, std::size_t layer, Index inputs) {
    TrainingConfig c = config.pretrain;
    c.model.visible = inputs;
    c.model.hidden = config.layers[layer];
    c.seed = config.pretrain.seed + layer;
    return c;
}

}  // namespace

void StackedNetwork::hidden_codes(const Matrix& x, std::vector<Matrix>& h) const {
    if (x.rows() != inputs())
        throw Error("stacked network: samples have " + std::to_string(x.rows()) + " values, the network takes " +
                    std::to_string(inputs()));
    h.resize(w.size());
    for (std::size_t l = 0; l < w.size(); ++l) {
        h[l].noalias() = w[l] * (l == 0 ? x : h[l - 1]);
        add_bias_activate(h[l], b[l], activation);
    }
}

Matrix StackedNetwork::probabilities(const Matrix& x) const {
    std::vector<Matrix> h;
    hidden_codes(x, h);
    Matrix z = logits(*this, h.empty() ? x : h.back());
    log_softmax_columns(z);
    return z.array().exp().matrix();
}

std::vector<int> StackedNetwork::predict(const Matrix& x) const { return argmax_columns(probabilities(x)); }

double StackedNetwork::error_rate(const Matrix& x, const std::vector<int>& labels) const {
    check_labels(x, labels, classes(), "error rate");
    if (labels.empty()) return 0;
    const std::vector<int> p = predict(x);
    Index wrong = 0;
    for (std::size_t j = 0; j < p.size(); ++j)
        wrong += p[j] != labels[j];
    return static_cast<double>(wrong) / static_cast<double>(p.size());
}

double StackedNetwork::loss(const Matrix& x, const std::vector<int>& labels) const {
    check_labels(x, labels, classes(), "loss");
    std::vector<Matrix> h;
    hidden_codes(x, h);
    Matrix z = logits(*this, h.empty() ? x : h.back());
    log_softmax_columns(z);
    double sum = 0;
    for (Index j = 0; j < z.cols(); ++j)
        sum -= z(labels[static_cast<std::size_t>(j)], j);
    return z.cols() > 0 ? sum / static_cast<double>(z.cols()) : 0;
}

double StackedNetwork::gradients(const Matrix& x, const std::vector<int>& labels, StackedNetwork& grad) const {
    check_labels(x, labels, classes(), "gradients");
    const Index n = x.cols();
    std::vector<Matrix> h;
    hidden_codes(x, h);
    const Matrix& top = h.empty() ? x : h.back();
    Matrix delta = logits(*this, top);
    log_softmax_columns(delta);
    double sum = 0;
    for (Index j = 0; j < n; ++j)
        sum -= delta(labels[static_cast<std::size_t>(j)], j);
    // ∂(mean CE)/∂logits = (p − onehot) / N
    delta = delta.array().exp().matrix();
    for (Index j = 0; j < n; ++j)
        delta(labels[static_cast<std::size_t>(j)], j) -= 1;
    delta /= static_cast<Scalar>(n);

    grad.activation = activation;
    grad.w.resize(w.size());
    grad.b.resize(b.size());
    grad.v.noalias() = delta * top.transpose();
    grad.c = delta.rowwise().sum();
    Matrix back;
    for (std::size_t l = w.size(); l-- > 0;) {
        // δ_l = (next layer's weightsᵀ δ_{l+1}) ⊙ f'(h_l)
        back.noalias() = (l + 1 == w.size() ? v : w[l + 1]).transpose() * delta;
        multiply_derivative(back, h[l], activation);
        delta.swap(back);
        grad.w[l].noalias() = delta * (l == 0 ? x : h[l - 1]).transpose();
        grad.b[l] = delta.rowwise().sum();
    }
    return n > 0 ? sum / static_cast<double>(n) : 0;
}

bool StackedNetwork::all_finite() const {
    for (const auto& m : w)
        if (!m.allFinite()) return false;
    for (const auto& m : b)
        if (!m.allFinite()) return false;
    return v.allFinite() && c.allFinite();
}

TrainingConfig StackedConfig::default_pretraining() {
    TrainingConfig c = TrainingConfig::vincent2008();
    c.epochs = 15;
    return c;
}

bool StackedConfig::validate(std::string* why, Index train_size) const {
    std::ostringstream e;
    if (layers.empty() || layers.size() > 10) e << "a stack needs 1 … 10 hidden layers (got " << layers.size() << ")";
    for (Index n : layers)
        if (e.tellp() == 0 && (n < 1 || n > 100000)) e << "every layer needs 1 … 100000 units (got " << n << ")";
    if (e.tellp() != 0) {
    } else if (finetune_epochs < 0 || finetune_epochs > 1000000) {
        e << "fine-tuning epochs must be 0 … 1000000 (got " << finetune_epochs << ")";
    } else if (finetune_batch < 1 || (train_size >= 0 && finetune_batch > train_size)) {
        e << "the fine-tuning minibatch must be 1 … the training set's size (got " << finetune_batch << ")";
    } else if (!(std::isfinite(finetune_learning_rate) && finetune_learning_rate > 0 &&
                 finetune_learning_rate <= 1000)) {
        e << "the fine-tuning learning rate must be in (0, 1000] (got " << finetune_learning_rate << ")";
    } else if (!(std::isfinite(finetune_annealing) && finetune_annealing > 0 && finetune_annealing <= 1)) {
        e << "the fine-tuning annealing factor must be in (0, 1] (got " << finetune_annealing << ")";
    } else if (pretraining) {
        TrainingConfig c = pretrain;
        c.model.hidden = layers.front();
        if (c.model.visible < 1) c.model.visible = 1;
        std::string w;
        if (!c.validate(&w, train_size)) e << "pretraining: " << w;
    }
    const std::string message = e.str();
    if (why) *why = message;
    return message.empty();
}

StackedNetwork initial_stack(const StackedConfig& config, Index inputs, int classes) {
    std::string why;
    if (!config.validate(&why)) throw Error("stacked network: " + why);
    if (classes < 2) throw Error("stacked network: at least two classes needed");
    StackedNetwork net;
    net.activation = config.pretrain.model.encoder;
    Index below = inputs;
    for (std::size_t l = 0; l < config.layers.size(); ++l) {
        Autoencoder ae(layer_config(config, l, below).model);
        ae.initialize(config.pretrain.init, layer_config(config, l, below).seed);
        net.w.push_back(ae.w1);
        net.b.push_back(ae.b1);
        below = config.layers[l];
    }
    net.v = Matrix::Zero(classes, below);
    net.c = Vector::Zero(classes);
    return net;
}

StackedNetwork pretrain_stack(const StackedConfig& config, const Matrix& train, int classes, RunObserver* observer,
                              const LayerInputHook& hook) {
    StackedNetwork net = initial_stack(config, train.rows(), classes);
    std::string why;
    if (!config.validate(&why, train.cols())) throw Error("stacked network: " + why);
    Matrix codes = train;  // the clean input of the layer being trained
    for (std::size_t l = 0; l < config.layers.size(); ++l) {
        const TrainingConfig c = layer_config(config, l, codes.rows());
        if (hook) hook(static_cast<int>(l), codes, c);
        Trainer trainer(c, codes);
        const double layers = static_cast<double>(config.layers.size());
        ObserverSection section(observer, "pretraining layer " + std::to_string(l + 1), static_cast<double>(l) / layers,
                                static_cast<double>(l + 1) / layers);
        const TrainStatus status = trainer.run(&section);
        if (status == TrainStatus::Diverged)
            throw Error("stacked network: pretraining layer " + std::to_string(l + 1) + ": " + trainer.message());
        net.w[l] = trainer.model().w1;
        net.b[l] = trainer.model().b1;
        if (status != TrainStatus::Finished) break;  // stopped by the observer
        if (l + 1 < config.layers.size()) {
            Matrix next;
            trainer.model().encode(codes, next);
            codes.swap(next);
        }
    }
    return net;
}

FinetuneResult finetune(StackedNetwork& net, const StackedConfig& config, const Matrix& train,
                        const std::vector<int>& train_labels, const Matrix& validation,
                        const std::vector<int>& validation_labels, RunObserver* observer,
                        std::vector<FinetuneEpoch>* epochs) {
    std::string why;
    if (!config.validate(&why, train.cols())) throw Error("fine-tuning: " + why);
    check_labels(train, train_labels, net.classes(), "fine-tuning");
    if (validation.cols() > 0) check_labels(validation, validation_labels, net.classes(), "fine-tuning validation");
    if (train.rows() != net.inputs())
        throw Error("fine-tuning: samples have " + std::to_string(train.rows()) + " values, the network takes " +
                    std::to_string(net.inputs()));
    const Index n = train.cols(), batch = config.finetune_batch;
    std::vector<Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Index{0});
    Rng rng(config.seed);
    Matrix x(train.rows(), batch);
    std::vector<int> y(static_cast<std::size_t>(batch));
    StackedNetwork grad, best = net;
    FinetuneResult result;
    double lr = config.finetune_learning_rate;
    for (int epoch = 0; epoch < config.finetune_epochs; ++epoch) {
        const auto start = std::chrono::steady_clock::now();
        rng.shuffle(std::span<Index>(order));
        double loss_sum = 0;
        Index batches = 0;
        for (Index first = 0; first + batch <= n; first += batch) {
            if (observer && observer->stop_requested()) break;
            for (Index j = 0; j < batch; ++j) {
                const Index i = order[static_cast<std::size_t>(first + j)];
                x.col(j) = train.col(i);
                y[static_cast<std::size_t>(j)] = train_labels[static_cast<std::size_t>(i)];
            }
            const double loss = net.gradients(x, y, grad);
            const auto step = static_cast<Scalar>(lr);
            for (std::size_t l = 0; l < net.w.size(); ++l) {
                net.w[l].noalias() -= step * grad.w[l];
                net.b[l].noalias() -= step * grad.b[l];
            }
            net.v.noalias() -= step * grad.v;
            net.c.noalias() -= step * grad.c;
            if (!std::isfinite(loss) || !net.all_finite()) {
                net = best;
                result.diverged = true;
                result.message =
                    "fine-tuning diverged in epoch " + std::to_string(epoch + 1) +
                    " (the loss or a weight became NaN/Inf): lower the learning rate; kept the last good network";
                return result;
            }
            loss_sum += loss;
            ++batches;
        }
        lr *= config.finetune_annealing;
        FinetuneEpoch report;
        report.epoch = epoch;
        report.train_loss = batches > 0 ? loss_sum / static_cast<double>(batches) : 0;
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (validation.cols() > 0) {
            report.validation_error = net.error_rate(validation, validation_labels);
            if (result.best_epoch < 0 || report.validation_error < result.best_validation_error) {
                result.best_epoch = epoch;
                result.best_validation_error = report.validation_error;
                best = net;
            }
        } else {
            result.best_epoch = epoch;
            best = net;
        }
        if (epochs) epochs->push_back(report);
        if (observer) {
            const std::string text = "fine-tuning epoch " + std::to_string(epoch + 1) + "/" +
                                     std::to_string(config.finetune_epochs) + ": loss " +
                                     fixed_number(report.train_loss, 3) + ", validation error " +
                                     fixed_number(100 * std::max(0.0, report.validation_error), 2) + " %";
            observer->on_progress({text, static_cast<double>(epoch + 1) / config.finetune_epochs});
            if (observer->stop_requested()) break;
        }
    }
    net = best;
    return result;
}

}  // namespace dae
