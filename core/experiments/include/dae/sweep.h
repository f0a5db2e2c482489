// Noise sweeps (Vincent et al. 2008, Fig. 3): DAEs that differ only in their corruption level,
// trained from the same initialisation; and the denoising curve of a model — its reconstruction
// error against the test-time noise level. `daelab-cli sweep` and the GUI's Noise sweep tab both
// run train_sweep_member() for each level and draw denoising_levels()' curve.
#pragma once

#include "dae/dataset.h"
#include "dae/training.h"

#include <vector>

namespace dae {

// One config per level, identical but for corruption.level (so the same seed gives the same
// initial weights to every member).
std::vector<TrainingConfig> sweep_configs(const TrainingConfig& base, const std::vector<double>& levels);

// The test-time levels of every denoising curve: 11 levels, σ = 0 … 1 for Gaussian noise,
// ν = 0 … 0.8 for masking and salt-and-pepper.
std::vector<double> denoising_levels(CorruptionType type);
// The corruption a denoising curve uses for a training corruption (None: masking).
CorruptionType denoising_type(CorruptionType training_type);
// Held-out samples behind a denoising curve (the first ones of the set).
constexpr Index kDenoisingSamples = 500;

// Mean over the samples of Σ pixels (x − r(x̃))², x̃ corrupted by `type` at each level (fixed seed).
std::vector<double> denoising_curve(const Autoencoder& model, const Matrix& clean, CorruptionType type,
                                    const std::vector<double>& levels, std::uint64_t seed = 1);

struct SweepMember {
    double level = 0;
    Autoencoder initial, trained;  // every member's `initial` is the same
    TrainStatus status = TrainStatus::Ready;
    EpochReport last_epoch;
    std::vector<double> curve;  // denoising_curve at denoising_levels(), on the held-out samples
};

// Trains the member of `base`'s sweep at `level` on `train`, validating on `held_out`, and draws
// its denoising curve. dae::Error when the settings are invalid or training diverges; a stop
// from the observer returns the member with status Stopped and no curve.
SweepMember train_sweep_member(const TrainingConfig& base, double level, const Dataset& train, const Dataset& held_out,
                               RunObserver* observer = nullptr);

}  // namespace dae
