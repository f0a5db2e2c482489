// The judge of "other class" and "stain" (outcomes.h): a one-hidden-layer MLP trained by daelab's
// own engine on the original training samples. Bahdanau & Jaeger call an outcome "other class"
// when the digit "ends as a very clear sample of some other class"; the linear classifier of
// their Table 1 (92 % on MNIST) errs too often to say that, this one (≥ 97 % on MNIST's test
// digits) rarely does. The linear classifier stays the Table-1 metric (evaluation.h).
//
// Training takes tens of seconds on the full MNIST, so a judge is cached on disk, keyed by a
// checksum of its training data and settings (cache_directory()).
#pragma once

#include "dae/dataset.h"
#include "dae/run.h"
#include "dae/stacked.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dae {

struct JudgeConfig {
    Index hidden = 500;
    int epochs = 15;
    Index batch = 20;
    double learning_rate = 1.0;  // on the mean cross-entropy of a minibatch
    double annealing = 0.95;
    std::uint64_t seed = 1;
    // Compute threads of its training. Eigen sums a product's terms in one order on one thread and
    // in another on several (any number: threads.h), so a judge depends on which of the two it was
    // trained with: fixed here, and part of the cache key, so that a cached judge is the same
    // whichever program trained it. 2: every judge behind docs/EXPERIMENTS.md was trained so.
    int threads = 2;
};

class Judge {
public:
    Judge() = default;
    // Trains on `train`, keeping the epoch with the lowest error on `validation` (when given).
    static Judge train(const Dataset& train, const Dataset& validation, const JudgeConfig& config = {},
                       RunObserver* observer = nullptr);
    bool trained() const { return !m_net.w.empty(); }
    int classes() const { return m_net.classes(); }
    Index inputs() const { return m_net.inputs(); }
    Matrix probabilities(const Matrix& x) const;  // classes × N
    double accuracy(const Matrix& x, const std::vector<int>& labels) const;

    // A small binary format ("DAEJUDGE", version, shapes, float32 weights, CRC-32).
    std::vector<std::uint8_t> serialize() const;
    static Judge parse(std::span<const std::uint8_t> bytes, const std::string& name);

private:
    StackedNetwork m_net;
};

// $DAELAB_CACHE_DIR, else $XDG_CACHE_HOME/daelab, else ~/.cache/daelab.
std::string cache_directory();
// The judge of these training samples and settings: read from the cache when it was trained
// before, else trained now and stored there (a cache that cannot be written is not an error). It
// trains on config.threads threads, setting the process's count for the while when one thread
// and several differ (and back after) — unless judges_keep_compute_threads() was called.
Judge cached_judge(const Dataset& train, const Dataset& validation, const JudgeConfig& config = {},
                   RunObserver* observer = nullptr);
// For a program whose threads compute side by side (the window): from now on cached_judge leaves
// the compute thread count alone, since a change would reach a training run on another thread
// between two of its minibatches. It still returns the judge asked for when the cache has it (the
// command line's, say), else trains on the count it finds and caches that one under its own key.
void judges_keep_compute_threads(bool keep = true);

}  // namespace dae
