// The training objective and its exact gradient.
//
//   L = Σᵢ₌₁..ₖ wᵢ [ Err(x, xⁱ) + λₛ‖hᵢ‖₁ + λ꜀‖∂hᵢ/∂zᵢ‖²_F ]  averaged over the batch
//       + (λ_wd/2)(‖W₁‖² + ‖W₂‖²)
//
// with hᵢ = f(W₁zᵢ + b₁), xⁱ = g(W₂hᵢ + b₂), z₁ = x̃ (the corrupted input). k = 1 is the ordinary
// DAE. For k > 1 the walkback variant says what the later inputs zᵢ are, how the steps weigh,
// and whether the gradient flows back through the chain:
//   bahdanau-jaeger  zᵢ = xⁱ⁻¹, wᵢ = 1/k, through the chain (B&J 2014 eq. 8: rⁱ(x̃), a recurrent net)
//   bengio           zᵢ = corrupt(xⁱ⁻¹), wᵢ = 1/k, not through the chain (Bengio et al. 2013's
//                    walkback: every reconstruction is corrupted again; the chain's samples are data)
//   samples-no-bptt  zᵢ = xⁱ⁻¹, wᵢ = 1/k, not through the chain (B&J §7's first ablation: the
//                    extra samples x¹ … xᵏ⁻¹, but the gradient "restricted … to only one iteration")
//   bptt-no-samples  zᵢ = xⁱ⁻¹, only wₖ = 1, through the chain (B&J §7's second ablation: "the
//                    distance between the starting sample and sample after k iterations")
// Err is summed over pixels:
//   cross-entropy  −Σ[x log o + (1−x) log(1−o)]  (computed from the logits: stable, needs g = sigmoid)
//   squared error  Σ(x − o)²
#pragma once

#include "dae/autoencoder.h"
#include "dae/corruption.h"
#include "dae/run.h"

#include <optional>
#include <string>
#include <vector>

namespace dae {

enum class Loss { CrossEntropy, SquaredError };
const char* loss_name(Loss l);
std::optional<Loss> loss_from_name(const std::string& name);

enum class WalkbackVariant { BahdanauJaeger, Bengio, SamplesNoBptt, BpttNoSamples };
const char* walkback_variant_name(WalkbackVariant v);
std::optional<WalkbackVariant> walkback_variant_from_name(const std::string& name);

struct Regularization {
    double sparsity = 0;      // λₛ on ‖h‖₁
    double contraction = 0;   // λ꜀ on ‖∂h/∂x‖²_F (Rifai et al. 2011)
    double weight_decay = 0;  // λ_wd on ½‖W‖²
    bool operator==(const Regularization&) const = default;
};

// Same shapes as the model's parameters (w2 empty for a tied model).
struct Gradients {
    Matrix w1, w2;
    Vector b1, b2;
    void resize_like(const Autoencoder& model);
};

class Objective {
public:
    Objective(Loss loss, int walkback_steps, Regularization reg,
              WalkbackVariant variant = WalkbackVariant::BahdanauJaeger);
    // The noise of the bengio variant's chain: corrupt(xⁱ⁻¹) draws from `corrupter` (not owned;
    // the trainer's own stream, so a run stays reproducible). Required for that variant.
    void set_chain_noise(Corrupter* corrupter, const Corruption& noise) {
        m_chain_corrupter = corrupter;
        m_chain_noise = noise;
    }
    WalkbackVariant variant() const { return m_variant; }
    // The inputs z₁ … zₖ of the last forward pass (the chain's samples), for tests.
    const std::vector<Matrix>& chain_inputs() const { return m_inputs; }

    // Loss parts of the batch; when `grad` is given, also the exact gradient (overwritten).
    // `clean` and `corrupted` are d × b. Buffers are kept between calls: no allocation once sized.
    LossParts evaluate(const Autoencoder& model, const Eigen::Ref<const Matrix>& clean,
                       const Eigen::Ref<const Matrix>& corrupted, Gradients* grad);

    // One plain SGD step θ ← θ − ρ∇L with the update fused into the gradient products, for k = 1
    // without the contractive term (can_fuse_update()). Same mathematics as evaluate() + update.
    // When the batch is not finite (last_batch_finite() false) the model is left untouched.
    LossParts sgd_step(Autoencoder& model, const Eigen::Ref<const Matrix>& clean,
                       const Eigen::Ref<const Matrix>& corrupted, Scalar lr);
    bool can_fuse_update() const;
    // The plain SGD step θ ← θ − ρ∇L for any walkback k (every variant) on `threads` threads that
    // share the work by units, not by splitting each product: a thread computes its hidden units'
    // rows of each hᵢ and δhᵢ and its output units' rows of each xⁱ and δaᵢ, then updates W₂'s
    // columns of its hidden units and W₁'s columns of its input pixels, with a barrier between the
    // phases (4k − 1 a minibatch). Untied models without the contractive term (can_split_update()).
    // Bit-identical for a given thread count; another count changes rounding only.
    LossParts sgd_step_split(Autoencoder& model, const Eigen::Ref<const Matrix>& clean,
                             const Eigen::Ref<const Matrix>& corrupted, Scalar lr, int threads);
    bool can_split_update(const Autoencoder& model) const { return m_reg.contraction == 0 && !model.config().tied; }

    // Whether the loss, activations and deltas of the last batch with gradients were all finite:
    // the trainer's cheap divergence test before it touches the weights.
    bool last_batch_finite() const { return m_last_finite; }

    Loss loss() const { return m_loss; }
    int walkback_steps() const { return m_steps; }
    const Regularization& regularization() const { return m_reg; }
    void set_regularization(const Regularization& reg) { m_reg = reg; }

private:
    LossParts forward(const Autoencoder& model, const Eigen::Ref<const Matrix>& clean,
                      const Eigen::Ref<const Matrix>& corrupted);
    void output_delta(const Autoencoder& model, const Matrix& o, const Eigen::Ref<const Matrix>& clean, Scalar c,
                      bool with_carry);
    void hidden_delta(const Autoencoder& model, const Matrix& h, Scalar c);

    Scalar step_weight(int i) const;  // wᵢ₊₁ (0-based i)
    bool through_chain() const;

    Loss m_loss;
    int m_steps;
    Regularization m_reg;
    WalkbackVariant m_variant;
    Corrupter* m_chain_corrupter = nullptr;
    Corruption m_chain_noise;
    std::vector<Matrix> m_inputs;  // zᵢ for i ≥ 2 of the bengio variant (its corrupted chain)
    bool m_last_finite = true;
    std::vector<Matrix> m_h;                                     // hᵢ   n × b
    std::vector<Matrix> m_o;                                     // xⁱ   d × b
    std::vector<Matrix> m_logits;                                // W₂hᵢ + b₂ (cross-entropy only)  d × b
    Matrix m_delta_o;                                            // ∂L/∂(output pre-activation)      d × b
    Matrix m_delta_h;                                            // ∂L/∂(hidden pre-activation)      n × b
    Matrix m_carry;                                              // ∂L/∂xⁱ from step i+1             d × b
    Vector m_row_norms;                                          // ‖W₁ⱼ‖²                           n
    Eigen::Array<Scalar, Eigen::Dynamic, 1> m_contractive_rows;  // 2λ꜀c Σ_samples f'(aⱼ)²  n
    // sgd_step_split's buffers, step i in columns [i·b, (i+1)·b): h, xⁱ, logits, δa, δh.
    Matrix m_split_h, m_split_o, m_split_logits, m_split_delta_o, m_split_delta_h;
};

}  // namespace dae
