// What the hidden units do, read on a probe of clean inputs x — for watching the sparse and
// contractive penalties (objective.h's Regularization) act while a DAE trains:
//   mean activation   the mean of |hⱼ| over units and inputs, h = f(W₁x + b₁): what the sparsity
//                     penalty λₛ‖h‖₁ pushes down
//   saturated         the share of activations within 0.05 of a bound of f (sigmoid: below 0.05 or
//                     above 0.95; tanh: beyond ±0.95; a rectifier: exactly 0; linear units: none)
//   contraction       the mean of ‖∂h/∂x‖²_F = Σⱼ f′(aⱼ)² ‖W₁ⱼ‖², what the contractive penalty λ꜀
//                     pushes down (Rifai et al. 2011)
// and the histograms of the activations (over f's range) and of W₁'s entries (symmetric about 0).
#pragma once

#include "dae/autoencoder.h"

#include <vector>

namespace dae {

struct Histogram {
    double lo = 0, hi = 1;
    std::vector<Index> counts;  // equal bins over [lo, hi]; values outside go to the end bins
    Index total() const;
};
Histogram histogram(const Eigen::Ref<const Matrix>& values, double lo, double hi, int bins);

struct HiddenStats {
    double mean_activation = 0;
    double saturated = 0;
    double contraction = 0;
    Histogram activations, weights;
};

// `probe`: d × N clean inputs (N ≥ 1).
HiddenStats hidden_stats(const Autoencoder& model, const Matrix& probe, int bins = 30);

}  // namespace dae
