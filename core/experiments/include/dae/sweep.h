// Noise sweeps (Vincent et al. 2008, Fig. 3): DAEs that differ only in their corruption level,
// trained from the same initialisation; and the denoising curve of a model — its reconstruction
// error against the test-time noise level. `daelab-cli sweep` and the GUI's Noise sweep tab both
// run train_sweep_member() for each level and draw denoising_levels()' curve.
#pragma once

#include "dae/dataset.h"
#include "dae/training.h"

#include <functional>
#include <string>
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

// The recipe of a sweep: its levels and the settings every member shares (all but the level).
// Defaults: Vincent et al. 2008's Fig. 3 set-up (tied, masking, cross-entropy), ν = 0, 0.1, 0.25,
// 0.5, 10 epochs a member. The CLI's `sweep` and the window's sweep both start from these.
struct SweepSpec {
    TrainingConfig base = default_base();
    std::vector<double> levels{0, 0.1, 0.25, 0.5};
    static TrainingConfig default_base();
    // False with the reason when there is no level or a member's settings are invalid.
    bool validate(std::string* why, Index train_size = -1) const;
};

// Trains every member of the sweep, `workers` at a time, each on one compute thread: bit-identical
// to training each alone on one thread, and on a small machine faster than splitting each product
// over the cores. `observer` sees the members' combined progress and can stop them all (stopped
// members come back with status Stopped). `on_member` (may be empty) gets each finished member's
// index as soon as it is done, from the thread that trained it. dae::Error when the spec is invalid
// or a member diverges.
std::vector<SweepMember> run_sweep(const SweepSpec& spec, const Dataset& train, const Dataset& held_out, int workers,
                                   RunObserver* observer = nullptr,
                                   const std::function<void(std::size_t, const SweepMember&)>& on_member = {});

// Trains the member of `base`'s sweep at `level` on `train`, validating on `held_out`, and draws
// its denoising curve. dae::Error when the settings are invalid or training diverges; a stop
// from the observer returns the member with status Stopped and no curve.
SweepMember train_sweep_member(const TrainingConfig& base, double level, const Dataset& train, const Dataset& held_out,
                               RunObserver* observer = nullptr);

}  // namespace dae
