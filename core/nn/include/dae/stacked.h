// Stacked denoising autoencoders (Vincent et al. 2008, §2.4 and §5): greedy layer-wise
// pretraining — layer l is a DAE trained on the *clean* codes of layers 1 … l−1 — followed by
// supervised fine-tuning of the whole deep network with a softmax output layer. With corruption
// level ν = 0 the same procedure stacks ordinary autoencoders (SAA); without pretraining it is a
// plain MLP from random weights. Samples are columns (eigen_types.h).
#pragma once

#include "dae/training.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dae {

// A feed-forward classifier: h₀ = x, h_l = f(W_l h_{l−1} + b_l), p(y|x) = softmax(V h_L + c).
struct StackedNetwork {
    Activation activation = Activation::Sigmoid;
    std::vector<Matrix> w;  // w[l]: n_l × n_{l−1}
    std::vector<Vector> b;  // b[l]: n_l
    Matrix v;               // classes × n_L
    Vector c;               // classes

    Index inputs() const { return w.empty() ? v.cols() : w.front().cols(); }
    int classes() const { return static_cast<int>(v.rows()); }
    // The codes of every hidden layer: h[l] = h_{l+1} above (h[0] is the first hidden layer).
    void hidden_codes(const Matrix& x, std::vector<Matrix>& h) const;
    Matrix probabilities(const Matrix& x) const;  // classes × N
    std::vector<int> predict(const Matrix& x) const;
    double error_rate(const Matrix& x, const std::vector<int>& labels) const;
    // Mean cross-entropy −(1/N) Σ log p(y_j | x_j), computed from the logits (safe for any value).
    double loss(const Matrix& x, const std::vector<int>& labels) const;
    // The loss and its gradient with respect to every parameter (same shapes as *this).
    double gradients(const Matrix& x, const std::vector<int>& labels, StackedNetwork& grad) const;
    bool all_finite() const;
};

struct StackedConfig {
    std::vector<Index> layers{500, 500, 500};
    // Every layer is a DAE trained with these settings (model.hidden and model.visible are set per
    // layer; the seed is offset by the layer's index). corruption.level = 0 gives SAA.
    TrainingConfig pretrain = default_pretraining();  // Vincent et al.'s DAE, masking ν = 0.25, 15 epochs
    bool pretraining = true;  // false: an MLP, its hidden weights initialised as the DAEs' would be
    int finetune_epochs = 30;
    Index finetune_batch = 20;
    double finetune_learning_rate = 1.0;  // on the mean cross-entropy of a minibatch (≈ 0.05 per example)
    double finetune_annealing = 0.98;     // ρ ← αρ after every epoch
    std::uint64_t seed = 1;               // fine-tuning's shuffling

    bool validate(std::string* why, Index train_size = -1) const;
    static TrainingConfig default_pretraining();
};

// Called once per layer before it is trained, with the matrix it is trained on (n_{l−1} × N:
// the clean data for l = 0, then the clean codes of the layers below) and the layer's settings.
using LayerInputHook = std::function<void(int layer, const Matrix& input, const TrainingConfig& config)>;

// Greedy layer-wise pretraining. `observer` (may be null) sees every layer's training, as progress
// "pretraining layer l"; a stop from it ends pretraining early (the remaining layers keep their
// initial weights). The output layer is zero, as for the logistic regression that tops an SdA.
StackedNetwork pretrain_stack(const StackedConfig& config, const Matrix& train, int classes,
                              RunObserver* observer = nullptr, const LayerInputHook& hook = {});
// The same shapes and initial weights without any pretraining (the MLP baseline).
StackedNetwork initial_stack(const StackedConfig& config, Index inputs, int classes);

struct FinetuneEpoch {
    int epoch = 0;                 // 0-based
    double train_loss = 0;         // mean over the epoch's minibatches
    double validation_error = -1;  // error rate on the validation set (−1: none given)
    double seconds = 0;
};
struct FinetuneResult {
    int best_epoch = -1;  // the epoch whose network was kept (lowest validation error)
    double best_validation_error = -1;
    bool diverged = false;
    std::string message;
};

// Minibatch SGD on the mean cross-entropy through all layers. With a validation set the network of
// the epoch with the lowest validation error is kept (early stopping, as in Vincent et al. §5).
// `observer` gets a progress report after every epoch ("fine-tuning epoch e/N: loss …, validation
// error …") and can stop between minibatches. `epochs` (may be null) receives every epoch's report.
FinetuneResult finetune(StackedNetwork& net, const StackedConfig& config, const Matrix& train,
                        const std::vector<int>& train_labels, const Matrix& validation = {},
                        const std::vector<int>& validation_labels = {}, RunObserver* observer = nullptr,
                        std::vector<FinetuneEpoch>* epochs = nullptr);

}  // namespace dae
