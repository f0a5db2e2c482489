#include "dae/objective.h"

#include "dae/error.h"
#include "objective_detail.h"

#include <cmath>

namespace dae {

const char* loss_name(Loss l) { return l == Loss::CrossEntropy ? "cross-entropy" : "squared-error"; }

std::optional<Loss> loss_from_name(const std::string& name) {
    if (name == "cross-entropy" || name == "ce") return Loss::CrossEntropy;
    if (name == "squared-error" || name == "mse" || name == "se") return Loss::SquaredError;
    return std::nullopt;
}

const char* walkback_variant_name(WalkbackVariant v) {
    switch (v) {
    case WalkbackVariant::BahdanauJaeger: return "bahdanau-jaeger";
    case WalkbackVariant::Bengio: return "bengio";
    case WalkbackVariant::SamplesNoBptt: return "samples-no-bptt";
    case WalkbackVariant::BpttNoSamples: return "bptt-no-samples";
    }
    return "?";
}

std::optional<WalkbackVariant> walkback_variant_from_name(const std::string& name) {
    for (WalkbackVariant v : {WalkbackVariant::BahdanauJaeger, WalkbackVariant::Bengio, WalkbackVariant::SamplesNoBptt,
                              WalkbackVariant::BpttNoSamples})
        if (name == walkback_variant_name(v)) return v;
    return std::nullopt;
}

void Gradients::resize_like(const Autoencoder& model) {
    w1.resize(model.w1.rows(), model.w1.cols());
    b1.resize(model.b1.size());
    w2.resize(model.w2.rows(), model.w2.cols());
    b2.resize(model.b2.size());
}

using detail::cross_entropy_from_logits;
using detail::kMaxUpdate;

Objective::Objective(Loss loss, int walkback_steps, Regularization reg, WalkbackVariant variant)
    : m_loss(loss), m_steps(walkback_steps), m_reg(reg), m_variant(variant) {
    if (walkback_steps < 1) throw Error("objective: walkback steps k must be ≥ 1");
    m_h.resize(static_cast<std::size_t>(walkback_steps));
    m_o.resize(static_cast<std::size_t>(walkback_steps));
    m_inputs.resize(static_cast<std::size_t>(walkback_steps));
    if (loss == Loss::CrossEntropy) m_logits.resize(static_cast<std::size_t>(walkback_steps));
}

Scalar Objective::step_weight(int i) const {
    if (m_variant == WalkbackVariant::BpttNoSamples) return i == m_steps - 1 ? Scalar{1} : Scalar{0};
    return Scalar{1} / static_cast<Scalar>(m_steps);
}

bool Objective::through_chain() const {
    return m_variant == WalkbackVariant::BahdanauJaeger || m_variant == WalkbackVariant::BpttNoSamples;
}

void Objective::output_delta(const Autoencoder& model, const Matrix& o, const Eigen::Ref<const Matrix>& clean, Scalar c,
                             bool with_carry) {
    // δa = ∂L/∂(W₂h + b₂) = (c·∂Err/∂o + carry) ⊙ g'(o);  CE with sigmoid: c·(o − x) + carry ⊙ g'.
    const Activation g = model.config().decoder;
    if (m_loss == Loss::CrossEntropy) {
        if (!with_carry) {
            m_delta_o.noalias() = c * (o - clean);
        } else {
            m_delta_o = m_carry;
            multiply_derivative(m_delta_o, o, g);
            m_delta_o.noalias() += c * (o - clean);
        }
        return;
    }
    if (!with_carry)
        m_delta_o.noalias() = (Scalar{2} * c) * (o - clean);
    else
        m_delta_o.noalias() = m_carry + (Scalar{2} * c) * (o - clean);
    multiply_derivative(m_delta_o, o, g);
}

void Objective::hidden_delta(const Autoencoder& model, const Matrix& h, Scalar c) {
    // δh = (W₂ᵀ δa + λₛc·sign(h)) ⊙ f'(h)
    if (model.config().tied)
        m_delta_h.noalias() = model.w1 * m_delta_o;
    else
        m_delta_h.noalias() = model.w2.transpose() * m_delta_o;
    if (m_reg.sparsity != 0) m_delta_h.array() += static_cast<Scalar>(m_reg.sparsity) * c * h.array().sign();
    multiply_derivative(m_delta_h, h, model.config().encoder);
}

bool Objective::can_fuse_update() const { return m_steps == 1 && m_reg.contraction == 0; }

LossParts Objective::sgd_step(Autoencoder& model, const Eigen::Ref<const Matrix>& clean,
                              const Eigen::Ref<const Matrix>& corrupted, Scalar lr) {
    if (!can_fuse_update()) throw Error("sgd_step: only for k = 1 without the contractive penalty");
    const LossParts parts = forward(model, clean, corrupted);
    const Scalar c = Scalar{1} / static_cast<Scalar>(std::max<Index>(clean.cols(), 1));
    const Matrix& h = m_h[0];
    output_delta(model, m_o[0], clean, c, false);
    hidden_delta(model, h, c);  // uses W₂ before it changes
    // A finite batch must also not overflow the weights: every entry of ρ·δ·xᵀ is bounded by
    // ρ·b·max|δ|·max|x| (batch-sized maxima, no pass over the weights), and each bias's by ρ·b·max|δ|.
    const double b = static_cast<double>(clean.cols());
    const double bound = static_cast<double>(lr) * b *
                         (static_cast<double>(m_delta_o.cwiseAbs().template maxCoeff<Eigen::PropagateNaN>()) *
                              (1.0 + h.cwiseAbs().template maxCoeff<Eigen::PropagateNaN>()) +
                          static_cast<double>(m_delta_h.cwiseAbs().template maxCoeff<Eigen::PropagateNaN>()) *
                              (1.0 + corrupted.cwiseAbs().template maxCoeff<Eigen::PropagateNaN>()));
    m_last_finite = std::isfinite(parts.total()) && h.allFinite() && bound < kMaxUpdate;  // NaN fails `<`
    if (!m_last_finite) return parts;  // the weights stay as they were
    // θ ← θ − ρ∇L, each gradient GEMM writing straight into the weights (β = 1): no gradient
    // buffer and no separate pass over the weights. Weight decay: W ← (1 − ρλ)W first.
    if (m_reg.weight_decay != 0) {
        const auto keep = Scalar{1} - lr * static_cast<Scalar>(m_reg.weight_decay);
        model.w1 *= keep;
        if (!model.config().tied) model.w2 *= keep;
    }
    if (model.config().tied)
        model.w1.noalias() -= (lr * h) * m_delta_o.transpose();
    else
        model.w2.noalias() -= (lr * m_delta_o) * h.transpose();
    model.b2.noalias() -= lr * m_delta_o.rowwise().sum();
    model.w1.noalias() -= (lr * m_delta_h) * corrupted.transpose();
    model.b1.noalias() -= lr * m_delta_h.rowwise().sum();
    return parts;
}

LossParts Objective::forward(const Autoencoder& model, const Eigen::Ref<const Matrix>& clean,
                             const Eigen::Ref<const Matrix>& corrupted) {
    const ModelConfig& cfg = model.config();
    if (m_loss == Loss::CrossEntropy && cfg.decoder != Activation::Sigmoid)
        throw Error("cross-entropy needs a sigmoid decoder (outputs in (0, 1))");
    if (clean.rows() != cfg.visible || corrupted.rows() != cfg.visible || clean.cols() != corrupted.cols())
        throw Error("objective: the batch is " + std::to_string(clean.rows()) + " × " + std::to_string(clean.cols()) +
                    " (corrupted " + std::to_string(corrupted.rows()) + " × " + std::to_string(corrupted.cols()) +
                    ") but the model expects " + std::to_string(cfg.visible) + " values per sample");
    const Index b = clean.cols();
    const int k = m_steps;
    const double inv_b = 1.0 / static_cast<double>(std::max<Index>(b, 1));
    const bool ce = m_loss == Loss::CrossEntropy;
    const bool contractive = m_reg.contraction != 0;
    const bool chain_noise = m_variant == WalkbackVariant::Bengio && k > 1;
    if (chain_noise && !m_chain_corrupter)
        throw Error("objective: the bengio walkback needs its chain's noise (set_chain_noise)");
    LossParts parts;

    if (contractive) m_row_norms = model.w1.rowwise().squaredNorm();

    // ---- forward: xⁱ = r(zᵢ), keeping every hᵢ and xⁱ for the backward pass ----
    for (int i = 0; i < k; ++i) {
        const auto s = static_cast<std::size_t>(i);
        Matrix& h = m_h[s];
        Matrix& o = m_o[s];
        const double w = step_weight(i);
        const LossParts before = parts;
        if (i == 0) {
            model.encode(corrupted, h);
        } else if (chain_noise) {
            m_chain_corrupter->apply(m_chain_noise, m_o[s - 1], m_inputs[s]);  // zᵢ = corrupt(xⁱ⁻¹)
            model.encode(m_inputs[s], h);
        } else {
            model.encode(m_o[s - 1], h);
        }
        if (ce) {
            // Keep the logits a = W₂h + b₂ for a stable cross-entropy; o = σ(a).
            Matrix& a = m_logits[s];
            a.resize(cfg.visible, b);
            if (cfg.tied)
                a.noalias() = model.w1.transpose() * h;
            else
                a.noalias() = model.w2 * h;
            a.colwise() += model.b2;
            o.resize(cfg.visible, b);
            o.array() = a.array().logistic();
            parts.reconstruction += cross_entropy_from_logits(clean, a);
        } else {
            model.decode(h, o);
            parts.reconstruction += (o - clean).squaredNorm();
        }
        if (m_reg.sparsity != 0) parts.sparsity += h.array().abs().sum();
        if (contractive) {
            // ‖∂h/∂x‖²_F = Σⱼ f'(aⱼ)² ‖W₁ⱼ‖², per sample.
            Matrix fp = Matrix::Ones(h.rows(), h.cols());
            multiply_derivative(fp, h, cfg.encoder);
            parts.contraction += (fp.array().square().colwise() * m_row_norms.array()).sum();
        }
        // This step's terms count with its weight wᵢ.
        parts.reconstruction = before.reconstruction + w * (parts.reconstruction - before.reconstruction);
        parts.sparsity = before.sparsity + w * (parts.sparsity - before.sparsity);
        parts.contraction = before.contraction + w * (parts.contraction - before.contraction);
    }
    parts.reconstruction *= inv_b;
    parts.sparsity *= m_reg.sparsity * inv_b;
    parts.contraction *= m_reg.contraction * inv_b;
    if (m_reg.weight_decay != 0) {
        double w = model.w1.squaredNorm();
        if (!cfg.tied) w += model.w2.squaredNorm();
        parts.decay = 0.5 * m_reg.weight_decay * w;
    }
    return parts;
}

LossParts Objective::evaluate(const Autoencoder& model, const Eigen::Ref<const Matrix>& clean,
                              const Eigen::Ref<const Matrix>& corrupted, Gradients* grad) {
    const LossParts parts = forward(model, clean, corrupted);
    if (!grad) return parts;
    const ModelConfig& cfg = model.config();
    const Index b = clean.cols();
    const int k = m_steps;
    const double inv_b = 1.0 / static_cast<double>(std::max<Index>(b, 1));
    const bool contractive = m_reg.contraction != 0;
    const bool carry = through_chain();
    const bool chain_noise = m_variant == WalkbackVariant::Bengio;

    // ---- backward through the k steps (last to first) ----
    // The last step (processed first) assigns the gradients; the others add to them. No zeroing pass.
    grad->resize_like(model);
    m_last_finite = std::isfinite(parts.total());
    for (int i = k - 1; i >= 0; --i) {
        const bool first = i == k - 1;
        auto put = [first](auto& dst, const auto& value) {
            if (first)
                dst.noalias() = value;
            else
                dst.noalias() += value;
        };
        const auto s = static_cast<std::size_t>(i);
        const Matrix& h = m_h[s];
        const Matrix& o = m_o[s];
        const auto& input = i == 0 ? corrupted : Eigen::Ref<const Matrix>(chain_noise ? m_inputs[s] : m_o[s - 1]);
        const auto c = static_cast<Scalar>(step_weight(i) * inv_b);

        output_delta(model, o, clean, c, /*with_carry=*/carry && i < k - 1);
        // ∂L/∂W₂ += δa hᵀ,  ∂L/∂b₂ += δa·1;  tied: W₂ = W₁ᵀ, so ∂L/∂W₁ += h δaᵀ.
        // (tied: this is the first write to ∂L/∂W₁ of the step, so W₁'s own term below adds.)
        if (cfg.tied)
            put(grad->w1, h * m_delta_o.transpose());
        else
            put(grad->w2, m_delta_o * h.transpose());
        put(grad->b2, m_delta_o.rowwise().sum());

        hidden_delta(model, h, c);
        if (contractive) {
            // P = λ꜀c Σⱼ sⱼ wⱼ with sⱼ = f'(aⱼ)², wⱼ = ‖W₁ⱼ‖²:
            //   ∂P/∂aⱼ = λ꜀c wⱼ · 2 f'(aⱼ) f''(aⱼ)   (sigmoid: 2(h(1−h))²(1−2h); tanh: −4h(1−h²)²; else 0)
            //   ∂P/∂W₁ⱼ (explicit) = λ꜀c (Σ_samples sⱼ) · 2 W₁ⱼ
            const auto lc = static_cast<Scalar>(m_reg.contraction) * c;
            const auto ha = h.array();
            Eigen::Array<Scalar, Eigen::Dynamic, Eigen::Dynamic> ds, sq;
            switch (cfg.encoder) {
            case Activation::Sigmoid: {
                const auto fp = ha * (Scalar{1} - ha);
                ds = Scalar{2} * fp.square() * (Scalar{1} - Scalar{2} * ha);
                sq = fp.square();
                break;
            }
            case Activation::Tanh: {
                const auto fp = Scalar{1} - ha.square();
                ds = Scalar{-4} * ha * fp.square();
                sq = fp.square();
                break;
            }
            case Activation::Relu:
                ds = decltype(ds)::Zero(h.rows(), h.cols());
                sq = (ha > Scalar{0}).cast<Scalar>();
                break;
            case Activation::Linear:
                ds = decltype(ds)::Zero(h.rows(), h.cols());
                sq = decltype(sq)::Ones(h.rows(), h.cols());
                break;
            }
            m_delta_h.array() += lc * (ds.colwise() * m_row_norms.array());
            m_contractive_rows = Scalar{2} * lc * sq.rowwise().sum();
        }

        // ∂L/∂W₁ += δh xⁱ⁻¹ᵀ,  ∂L/∂b₁ += δh·1
        if (cfg.tied)
            grad->w1.noalias() += m_delta_h * input.transpose();
        else
            put(grad->w1, m_delta_h * input.transpose());
        put(grad->b1, m_delta_h.rowwise().sum());
        if (contractive) grad->w1.noalias() += m_contractive_rows.matrix().asDiagonal() * model.w1;
        // ∂L/∂xⁱ⁻¹ = W₁ᵀ δh flows into the previous step's output (not needed for x⁰ = x̃, nor
        // when the variant treats the chain's samples as data).
        if (carry && i > 0) m_carry.noalias() = model.w1.transpose() * m_delta_h;

        if (m_last_finite) m_last_finite = m_delta_o.allFinite() && m_delta_h.allFinite() && h.allFinite();
    }
    if (m_reg.weight_decay != 0) {
        const auto wd = static_cast<Scalar>(m_reg.weight_decay);
        grad->w1.noalias() += wd * model.w1;
        if (!cfg.tied) grad->w2.noalias() += wd * model.w2;
    }
    return parts;
}

}  // namespace dae
