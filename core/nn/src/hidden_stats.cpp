#include "dae/hidden_stats.h"

#include "dae/error.h"

#include <algorithm>
#include <cmath>

namespace dae {

Index Histogram::total() const {
    Index n = 0;
    for (Index c : counts)
        n += c;
    return n;
}

Histogram histogram(const Eigen::Ref<const Matrix>& values, double lo, double hi, int bins) {
    if (bins < 1 || !(hi > lo)) throw Error("a histogram needs a bin and a range with hi > lo");
    Histogram h{lo, hi, std::vector<Index>(static_cast<std::size_t>(bins), 0)};
    const double width = (hi - lo) / bins;
    for (Index j = 0; j < values.cols(); ++j)
        for (Index i = 0; i < values.rows(); ++i) {
            const double v = values(i, j);
            const int b = std::clamp(static_cast<int>(std::floor((v - lo) / width)), 0, bins - 1);
            ++h.counts[static_cast<std::size_t>(b)];
        }
    return h;
}

namespace {
bool saturated(Scalar h, Activation f) {
    switch (f) {
    case Activation::Sigmoid: return h < 0.05F || h > 0.95F;
    case Activation::Tanh: return std::abs(h) > 0.95F;
    case Activation::Relu: return h == 0;
    case Activation::Linear: return false;
    }
    return false;
}
// f′(a) from h = f(a).
Scalar derivative(Scalar h, Activation f) {
    switch (f) {
    case Activation::Sigmoid: return h * (1 - h);
    case Activation::Tanh: return 1 - h * h;
    case Activation::Relu: return h > 0 ? 1.0F : 0.0F;
    case Activation::Linear: return 1;
    }
    return 1;
}
}  // namespace

HiddenStats hidden_stats(const Autoencoder& model, const Matrix& probe, int bins) {
    if (probe.cols() < 1 || probe.rows() != model.visible())
        throw Error("hidden statistics need inputs of " + std::to_string(model.visible()) + " values");
    const Activation f = model.config().encoder;
    Matrix h;
    model.encode(probe, h);
    HiddenStats s;
    const double n = static_cast<double>(h.size());
    s.mean_activation = h.cwiseAbs().cast<double>().sum() / n;
    Index count = 0;
    for (Index k = 0; k < h.size(); ++k)
        count += saturated(h.data()[k], f);
    s.saturated = static_cast<double>(count) / n;
    const Vector row_norms = model.w1.rowwise().squaredNorm();  // ‖W₁ⱼ‖², n × 1
    double contraction = 0;
    for (Index j = 0; j < h.cols(); ++j)
        for (Index u = 0; u < h.rows(); ++u) {
            const double d = derivative(h(u, j), f);
            contraction += d * d * row_norms(u);
        }
    s.contraction = contraction / static_cast<double>(h.cols());
    // f's range: [0, 1] and [−1, 1]; a rectifier's [0, max]; linear units' [min, max].
    const bool bounded = f == Activation::Sigmoid || f == Activation::Tanh;
    const double lo = f == Activation::Tanh ? -1 : f == Activation::Linear ? h.minCoeff() : 0;
    const double hi = bounded ? 1 : std::max<double>(h.maxCoeff(), lo + 1e-6);
    s.activations = histogram(h, lo, hi, bins);
    const double w = std::max<double>(model.w1.cwiseAbs().maxCoeff(), 1e-6);
    s.weights = histogram(model.w1, -w, w, bins);
    return s;
}

}  // namespace dae
