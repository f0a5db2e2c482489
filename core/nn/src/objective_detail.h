// What objective.cpp and objective_split.cpp share (not part of the core's interface).
#pragma once

#include "dae/eigen_types.h"

namespace dae::detail {

// Largest update magnitude a minibatch may apply to a weight before training counts as diverged.
constexpr double kMaxUpdate = 1e30;

// Σ over all entries of softplus(a) − x·a = −[x log σ(a) + (1−x) log(1−σ(a))], stable for any a:
// softplus(a) = max(a, 0) + log1p(exp(−|a|)).
inline double cross_entropy_from_logits(const Eigen::Ref<const Matrix>& x, const Eigen::Ref<const Matrix>& a) {
    const auto aa = a.array();
    return (aa.max(Scalar{0}) + (-aa.abs()).exp().log1p() - x.array() * aa).cast<double>().sum();
}

}  // namespace dae::detail
