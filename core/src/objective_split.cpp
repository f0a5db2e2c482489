// Objective::sgd_step_split: the fused k = 1 SGD step with the work shared by units over threads.
// At b = 20 each product of 784-500-784 is ~8 M multiply-adds, too small for a split GEMM to pay
// for its hand-offs (measured slower on 2 threads than on 1); here each thread owns whole units
// for the whole minibatch and the threads meet at three barriers:
//   1. h (its hidden units' rows)                       = f(W₁ x̃ + b₁)
//   2. reconstruction, δa (its output units' rows)       = g(W₂ h + b₂), from all of h
//   3. δh (its hidden units' rows)                       = (W₂ᵀ δa) ⊙ f'(h), from all of δa
//   4. once every thread agrees the minibatch is finite, the update of W₂'s columns of its hidden
//      units and W₁'s columns of its input pixels (and its units' biases) — after every thread has
//      read W₂ in 3; the next minibatch starts after the parallel region's closing barrier.
// Partial sums are added in thread order, so a given thread count is bit-reproducible.
#include "dae/error.h"
#include "dae/objective.h"
#include "objective_detail.h"

#include <cmath>
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
    if (!can_split_update(model)) throw Error("sgd_step_split: only for untied k = 1 without the contractive penalty");
    const ModelConfig& cfg = model.config();
    if (m_loss == Loss::CrossEntropy && cfg.decoder != Activation::Sigmoid)
        throw Error("cross-entropy needs a sigmoid decoder (outputs in (0, 1))");
    if (clean.rows() != cfg.visible || corrupted.rows() != cfg.visible || clean.cols() != corrupted.cols())
        throw Error("objective: the batch does not fit the model");
    const Index n = cfg.hidden, d = cfg.visible, b = clean.cols();
    const bool ce = m_loss == Loss::CrossEntropy;
    const auto c = Scalar{1} / static_cast<Scalar>(std::max<Index>(b, 1));
    threads = static_cast<int>(std::clamp<Index>(threads, 1, std::min(n, d)));
    Matrix& h = m_h[0];
    Matrix& o = m_o[0];
    h.resize(n, b);
    o.resize(d, b);
    if (ce) m_logits[0].resize(d, b);
    m_delta_o.resize(d, b);
    m_delta_h.resize(n, b);
    // Per thread: reconstruction, sparsity, weight decay, max|h|, max|δa|, max|δh|, max|x̃|, h finite.
    struct Partial {
        double reconstruction = 0, sparsity = 0, decay = 0, h = 0, delta_o = 0, delta_h = 0, x = 0;
        bool finite = true;
    };
    std::vector<Partial> part(static_cast<std::size_t>(threads));
    const auto sparsity = static_cast<Scalar>(m_reg.sparsity);
    const auto keep = Scalar{1} - lr * static_cast<Scalar>(m_reg.weight_decay);
    bool update = false;

#pragma omp parallel num_threads(threads)
    {
        const int t = omp_get_thread_num();
        const int team = omp_get_num_threads();
        Partial& mine = part[static_cast<std::size_t>(t)];
        const Span hid = share(n, t, team), vis = share(d, t, team);
        auto h_t = h.middleRows(hid.from, hid.count);
        // 1. Its hidden units.
        h_t.noalias() = model.w1.middleRows(hid.from, hid.count) * corrupted;
        add_bias_activate(h_t, model.b1.segment(hid.from, hid.count), cfg.encoder);
        mine.h = max_abs(h_t);
        mine.finite = h_t.allFinite();
        if (sparsity != 0) mine.sparsity = h_t.array().abs().template cast<double>().sum();
        if (m_reg.weight_decay != 0)
            mine.decay = model.w1.middleRows(hid.from, hid.count).squaredNorm() +
                         model.w2.middleRows(vis.from, vis.count).squaredNorm();
        mine.x = max_abs(corrupted.middleRows(vis.from, vis.count));
#pragma omp barrier
        // 2. Its output units, from all of h.
        auto o_t = o.middleRows(vis.from, vis.count);
        auto delta_o = m_delta_o.middleRows(vis.from, vis.count);
        const auto x_t = clean.middleRows(vis.from, vis.count);
        if (ce) {
            auto a_t = m_logits[0].middleRows(vis.from, vis.count);
            a_t.noalias() = model.w2.middleRows(vis.from, vis.count) * h;
            a_t.colwise() += model.b2.segment(vis.from, vis.count);
            o_t.array() = a_t.array().logistic();
            mine.reconstruction = detail::cross_entropy_from_logits(x_t, a_t);
            delta_o.noalias() = c * (o_t - x_t);
        } else {
            o_t.noalias() = model.w2.middleRows(vis.from, vis.count) * h;
            add_bias_activate(o_t, model.b2.segment(vis.from, vis.count), cfg.decoder);
            mine.reconstruction = (o_t - x_t).squaredNorm();
            delta_o.noalias() = (Scalar{2} * c) * (o_t - x_t);
            multiply_derivative(delta_o, o_t, cfg.decoder);
        }
        mine.delta_o = max_abs(delta_o);
#pragma omp barrier
        // 3. Its hidden units' δh, from all of δa (W₂ is read here by every thread, so it changes after).
        auto delta_h = m_delta_h.middleRows(hid.from, hid.count);
        delta_h.noalias() = model.w2.middleCols(hid.from, hid.count).transpose() * m_delta_o;
        if (sparsity != 0) delta_h.array() += sparsity * c * h_t.array().sign();
        multiply_derivative(delta_h, h_t, cfg.encoder);
        mine.delta_h = max_abs(delta_h);
#pragma omp barrier
        // 4. Every thread reads the same partials in the same order, so all decide alike.
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
        const double bound = static_cast<double>(lr) * static_cast<double>(b) * (domax * hmax + dhmax * (1.0 + xmax));
        const bool ok = finite && bound < detail::kMaxUpdate;
        if (t == 0) update = ok;
        if (ok) {
            // The rank-b updates by COLUMNS (contiguous in memory): W₂'s columns of its hidden units,
            // W₁'s columns of its input pixels. By rows, two threads gained nothing (measured: 259 µs
            // vs 266 on one thread for 500 × 784, b = 20; by columns 144 µs).
            auto w2_t = model.w2.middleCols(hid.from, hid.count);
            auto w1_t = model.w1.middleCols(vis.from, vis.count);
            if (m_reg.weight_decay != 0) {
                w2_t *= keep;
                w1_t *= keep;
            }
            w2_t.noalias() -= (lr * m_delta_o) * h_t.transpose();
            model.b2.segment(vis.from, vis.count).noalias() -= lr * delta_o.rowwise().sum();
            w1_t.noalias() -= (lr * m_delta_h) * corrupted.middleRows(vis.from, vis.count).transpose();
            model.b1.segment(hid.from, hid.count).noalias() -= lr * delta_h.rowwise().sum();
        }
    }

    const double inv_b = 1.0 / static_cast<double>(std::max<Index>(b, 1));
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
