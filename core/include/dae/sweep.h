// Noise sweeps (Vincent et al. 2008, Fig. 3): DAEs that differ only in their corruption level,
// trained from the same initialisation; and the denoising curve of a model — its reconstruction
// error against the test-time noise level.
#pragma once

#include "dae/training.h"

#include <vector>

namespace dae {

// One config per level, identical but for corruption.level (so the same seed gives the same
// initial weights to every member).
std::vector<TrainingConfig> sweep_configs(const TrainingConfig& base, const std::vector<double>& levels);

// Mean over the samples of Σ pixels (x − r(x̃))², x̃ corrupted by `type` at each level (fixed seed).
std::vector<double> denoising_curve(const Autoencoder& model, const Matrix& clean, CorruptionType type,
                                    const std::vector<double>& levels, std::uint64_t seed = 1);

}  // namespace dae
