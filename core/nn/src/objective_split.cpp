// Objective::sgd_step_split: the fused SGD step, walkback k ≥ 1, with the work shared by units over
// threads. At b = 20 each product of 784-500-784 is ~8 M multiply-adds, too small for a split GEMM
// to pay for its hand-offs (measured slower on 2 threads than on 1); here each thread owns whole
// units for the whole minibatch and the threads meet at 4k − 1 barriers (three for k = 1):
//   forward, for each step i = 1 … k (zᵢ = x̃, then xⁱ⁻¹ or, for the bengio variant, corrupt(xⁱ⁻¹)):
//     1. hᵢ (its hidden units' rows)                  = f(W₁ zᵢ + b₁), from all of zᵢ
//     2. xⁱ (its output units' rows)                  = g(W₂ hᵢ + b₂), from all of hᵢ
//   backward, for i = k … 1:
//     3. δaᵢ (its output units' rows)                 = (wᵢ/b · ∂Err/∂xⁱ + W₁ᵀ δhᵢ₊₁) ⊙ g', from all of δhᵢ₊₁
//     4. δhᵢ (its hidden units' rows)                 = (W₂ᵀ δaᵢ) ⊙ f'(hᵢ), from all of δaᵢ
//   once every thread agrees the minibatch is finite (and every thread has read the weights), the
//   update of W₂'s columns of its hidden units, Σᵢ δaᵢ hᵢᵀ, and W₁'s columns of its input pixels,
//   Σᵢ δhᵢ zᵢᵀ, each as one product over all k·b columns (and its units' biases); the next minibatch
//   starts after the parallel region's closing barrier.
// Partial sums are added in thread order, so a given thread count is bit-reproducible.
#include "dae/corruption.h"
#include "dae/error.h"
#include "dae/objective.h"
#include "dae/threads.h"
#include "objective_detail.h"

#include <cmath>
#include <exception>
#include <omp.h>
#include <vector>

namespace dae {

namespace {

struct Span {
    Index from, count;
};

// Rows [from, from + count) of `total` for thread t of `threads` (the first ones one row longer).
Span share(Index total, int t, int threads) {
    const Index base = total / threads, extra = total % threads;
    return {t * base + std::min<Index>(t, extra), base + (t < extra ? 1 : 0)};
}

double max_abs(const Eigen::Ref<const Matrix>& m) {
    return m.size() == 0 ? 0.0 : static_cast<double>(m.cwiseAbs().template maxCoeff<Eigen::PropagateNaN>());
}

}  // namespace

LossParts Objective::sgd_step_split(Autoencoder& model, const Eigen::Ref<const Matrix>& clean,
                                    const Eigen::Ref<const Matrix>& corrupted, Scalar lr, int threads) {
    if (!can_split_update(model)) throw Error("sgd_step_split: only for untied models without the contractive penalty");
    const ModelConfig& cfg = model.config();
    if (m_loss == Loss::CrossEntropy && cfg.decoder != Activation::Sigmoid)
        throw Error("cross-entropy needs a sigmoid decoder (outputs in (0, 1))");
    if (clean.rows() != cfg.visible || corrupted.rows() != cfg.visible || clean.cols() != corrupted.cols())
        throw Error("objective: the batch does not fit the model");
    const int k = m_steps;
    const bool chain_noise = m_variant == WalkbackVariant::Bengio && k > 1;
    if (chain_noise && !m_chain_corrupter)
        throw Error("objective: the bengio walkback needs its chain's noise (set_chain_noise)");
    const bool carry = through_chain();
    const Index n = cfg.hidden, d = cfg.visible, b = clean.cols(), kb = k * b;
    const bool ce = m_loss == Loss::CrossEntropy;
    const double inv_b = 1.0 / static_cast<double>(std::max<Index>(b, 1));
    threads = static_cast<int>(std::clamp<Index>(threads, 1, std::min(n, d)));
    // Step i's columns are [i·b, (i+1)·b) of each: one product over all steps in the update.
    Matrix& h = m_split_h;
    Matrix& o = m_split_o;
    h.resize(n, kb);
    o.resize(d, kb);
    if (ce) m_split_logits.resize(d, kb);
    m_split_delta_o.resize(d, kb);
    m_split_delta_h.resize(n, kb);
    // zᵢ of step i (0-based): x̃, then the previous reconstruction or, for bengio, its corruption.
    auto input = [&](int i) -> Eigen::Ref<const Matrix> {
        if (i == 0) return corrupted;
        if (chain_noise) return m_inputs[static_cast<std::size_t>(i)];
        return o.middleCols((i - 1) * b, b);
    };
    // Per thread: reconstruction, sparsity, weight decay, max|h|, max|δa|, max|δh|, max|z|, h finite.
    struct Partial {
        double reconstruction = 0, sparsity = 0, decay = 0, h = 0, delta_o = 0, delta_h = 0, x = 0;
        bool finite = true;
    };
    std::vector<Partial> part(static_cast<std::size_t>(threads));
    const auto sparsity = static_cast<Scalar>(m_reg.sparsity);
    const auto keep = Scalar{1} - lr * static_cast<Scalar>(m_reg.weight_decay);
    bool update = false;
    std::exception_ptr failure;              // the chain's corruption, drawn by thread 0
    const ProductsOnCallingThread one_each;  // each thread's products are its own

#pragma omp parallel num_threads(threads)
    {
        const int t = omp_get_thread_num();
        const int team = omp_get_num_threads();
        Partial& mine = part[static_cast<std::size_t>(t)];
        const Span hid = share(n, t, team), vis = share(d, t, team);
        if (m_reg.weight_decay != 0)
            mine.decay = model.w1.middleRows(hid.from, hid.count).squaredNorm() +
                         model.w2.middleRows(vis.from, vis.count).squaredNorm();
        const auto x_t = clean.middleRows(vis.from, vis.count);
        // ---- forward ----
        for (int i = 0; i < k; ++i) {
            const double w = step_weight(i);
            const Eigen::Ref<const Matrix> z = input(i);
            // 1. Its hidden units, from all of zᵢ.
            auto h_t = h.block(hid.from, i * b, hid.count, b);
            h_t.noalias() = model.w1.middleRows(hid.from, hid.count) * z;
            add_bias_activate(h_t, model.b1.segment(hid.from, hid.count), cfg.encoder);
            mine.h = std::max(mine.h, max_abs(h_t));
            mine.finite = mine.finite && h_t.allFinite();
            if (sparsity != 0) mine.sparsity += w * h_t.array().abs().template cast<double>().sum();
            mine.x = std::max(mine.x, max_abs(z.middleRows(vis.from, vis.count)));
#pragma omp barrier
            // 2. Its output units, from all of hᵢ.
            auto o_t = o.block(vis.from, i * b, vis.count, b);
            const auto h_i = h.middleCols(i * b, b);
            if (ce) {
                auto a_t = m_split_logits.block(vis.from, i * b, vis.count, b);
                a_t.noalias() = model.w2.middleRows(vis.from, vis.count) * h_i;
                a_t.colwise() += model.b2.segment(vis.from, vis.count);
                o_t.array() = a_t.array().logistic();
                mine.reconstruction += w * detail::cross_entropy_from_logits(x_t, a_t);
            } else {
                o_t.noalias() = model.w2.middleRows(vis.from, vis.count) * h_i;
                add_bias_activate(o_t, model.b2.segment(vis.from, vis.count), cfg.decoder);
                mine.reconstruction += w * (o_t - x_t).squaredNorm();
            }
            if (i + 1 < k) {
#pragma omp barrier
                if (chain_noise) {
                    if (t == 0) {
                        try {
                            m_chain_corrupter->apply(m_chain_noise, o.middleCols(i * b, b),
                                                     m_inputs[static_cast<std::size_t>(i + 1)]);
                        } catch (...) {
                            failure = std::current_exception();
                            m_inputs[static_cast<std::size_t>(i + 1)] = o.middleCols(i * b, b);
                        }
                    }
#pragma omp barrier
                }
            }
        }
        // ---- backward, last step first ----
        for (int i = k - 1; i >= 0; --i) {
            const auto c = static_cast<Scalar>(step_weight(i) * inv_b);
            const bool with_carry = carry && i < k - 1;
            // 3. Its output units' δaᵢ; the carry ∂L/∂xⁱ = W₁ᵀ δhᵢ₊₁ from all of δhᵢ₊₁.
            auto delta_o = m_split_delta_o.block(vis.from, i * b, vis.count, b);
            const auto o_t = o.block(vis.from, i * b, vis.count, b);
            if (with_carry)
                delta_o.noalias() =
                    model.w1.middleCols(vis.from, vis.count).transpose() * m_split_delta_h.middleCols((i + 1) * b, b);
            if (ce) {
                if (with_carry) {
                    multiply_derivative(delta_o, o_t, cfg.decoder);
                    delta_o.noalias() += c * (o_t - x_t);
                } else {
                    delta_o.noalias() = c * (o_t - x_t);
                }
            } else {
                if (with_carry)
                    delta_o.noalias() += (Scalar{2} * c) * (o_t - x_t);
                else
                    delta_o.noalias() = (Scalar{2} * c) * (o_t - x_t);
                multiply_derivative(delta_o, o_t, cfg.decoder);
            }
            mine.delta_o = std::max(mine.delta_o, max_abs(delta_o));
#pragma omp barrier
            // 4. Its hidden units' δhᵢ, from all of δaᵢ (every thread reads W₂ here: it changes after).
            auto delta_h = m_split_delta_h.block(hid.from, i * b, hid.count, b);
            const auto h_t = h.block(hid.from, i * b, hid.count, b);
            delta_h.noalias() =
                model.w2.middleCols(hid.from, hid.count).transpose() * m_split_delta_o.middleCols(i * b, b);
            if (sparsity != 0) delta_h.array() += sparsity * c * h_t.array().sign();
            multiply_derivative(delta_h, h_t, cfg.encoder);
            mine.delta_h = std::max(mine.delta_h, max_abs(delta_h));
#pragma omp barrier
        }
        // Every thread reads the same partials in the same order, so all decide alike.
        double hmax = 0, domax = 0, dhmax = 0, xmax = 0;
        bool finite = true;
        for (const Partial& p : part) {
            hmax = std::max(hmax, p.h);
            domax = std::max(domax, p.delta_o);
            dhmax = std::max(dhmax, p.delta_h);
            xmax = std::max(xmax, p.x);
            // The whole loss must be finite, as sgd_step requires: its weight decay and sparsity too.
            finite = finite && p.finite && std::isfinite(p.reconstruction) && std::isfinite(p.sparsity) &&
                     std::isfinite(p.decay) && !std::isnan(p.h) && !std::isnan(p.delta_o) && !std::isnan(p.delta_h) &&
                     !std::isnan(p.x);
        }
        // Every entry of ρ·Σᵢ δᵢ·zᵢᵀ is bounded by ρ·k·b·max|δ|·max|z|, each bias's by ρ·k·b·max|δ|.
        const double bound =
            static_cast<double>(lr) * static_cast<double>(kb) * (domax * (1.0 + hmax) + dhmax * (1.0 + xmax));
        const bool ok = finite && bound < detail::kMaxUpdate && !failure;
        if (t == 0) update = ok;
        if (ok) {
            // The rank-k·b updates by COLUMNS (contiguous in memory): W₂'s columns of its hidden
            // units, W₁'s columns of its input pixels. By rows, two threads gained nothing (measured:
            // 259 µs vs 266 on one thread for 500 × 784, b = 20; by columns 144 µs).
            auto w2_t = model.w2.middleCols(hid.from, hid.count);
            auto w1_t = model.w1.middleCols(vis.from, vis.count);
            if (m_reg.weight_decay != 0) {
                w2_t *= keep;
                w1_t *= keep;
            }
            w2_t.noalias() -= (lr * m_split_delta_o) * h.middleRows(hid.from, hid.count).transpose();
            model.b2.segment(vis.from, vis.count).noalias() -=
                lr * m_split_delta_o.middleRows(vis.from, vis.count).rowwise().sum();
            w1_t.noalias() -=
                (lr * m_split_delta_h.leftCols(b)) * corrupted.middleRows(vis.from, vis.count).transpose();
            if (k > 1 && !chain_noise)  // z₂ … zₖ are x¹ … xᵏ⁻¹: one product
                w1_t.noalias() -=
                    (lr * m_split_delta_h.rightCols(kb - b)) * o.block(vis.from, 0, vis.count, kb - b).transpose();
            for (int i = 1; chain_noise && i < k; ++i)
                w1_t.noalias() -= (lr * m_split_delta_h.middleCols(i * b, b)) *
                                  m_inputs[static_cast<std::size_t>(i)].middleRows(vis.from, vis.count).transpose();
            model.b1.segment(hid.from, hid.count).noalias() -=
                lr * m_split_delta_h.middleRows(hid.from, hid.count).rowwise().sum();
        }
    }
    if (failure) {
        m_last_finite = false;  // nothing was updated
        std::rethrow_exception(failure);
    }

    LossParts parts;
    double decay = 0;
    for (const Partial& p : part) {
        parts.reconstruction += p.reconstruction;
        parts.sparsity += p.sparsity;
        decay += p.decay;
    }
    parts.reconstruction *= inv_b;
    parts.sparsity *= m_reg.sparsity * inv_b;
    if (m_reg.weight_decay != 0) parts.decay = 0.5 * m_reg.weight_decay * decay;
    m_last_finite = update && std::isfinite(parts.total());
    return parts;
}

}  // namespace dae
