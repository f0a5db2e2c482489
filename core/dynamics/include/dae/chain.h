// The DAE as a generative chain (Bengio et al. 2013; Bahdanau & Jaeger 2014 §2): iterated WITH
// the corruption between steps, x ← r(corrupt(x)), a trained DAE is a Markov chain whose samples
// follow the data distribution. Many chains run together (one column each); the judge reads every
// step, which says which classes a chain visits and for how long — the chain's mixing — and how
// clear its samples are.
#pragma once

#include "dae/autoencoder.h"
#include "dae/corruption.h"
#include "dae/judge.h"
#include "dae/run.h"

#include <vector>

namespace dae {

struct ChainConfig {
    Corruption noise{CorruptionType::Gaussian, 0.5};  // the model's training corruption, usually
    int steps = 1000;
    int burn_in = 0;         // steps not counted in the statistics
    int keep_every = 0;      // keep x at every this many steps as a frame (0: none)
    std::uint64_t seed = 1;  // of the noise
    bool validate(std::string* why) const;
};

struct ChainResult {
    // The judge's reading of every chain at every step: classes[c][i], confidence[c][i].
    std::vector<std::vector<int>> classes;
    std::vector<std::vector<float>> confidence;
    std::vector<int> frame_step;  // the steps of the kept frames
    std::vector<Matrix> frames;   // d × chains each
    Matrix last;                  // d × chains: where the chains ended
    bool cancelled = false;
};

// `start` holds one chain per column. The level may be changed between calls by running a chain
// in pieces: start the next piece from `last` (the GUI does, when the noise level moves).
ChainResult run_chain(const Autoencoder& model, const Matrix& start, const Judge& judge, const ChainConfig& config,
                      RunObserver* observer = nullptr);

// How good and how well-mixed the samples are (after the burn-in):
struct ChainStats {
    double mean_confidence = 0;       // the judge's mean top probability: how clear the samples are
    std::vector<double> class_share;  // share of steps read as each class
    double balance = 0;               // entropy of class_share / log(classes): 1 = every class equally
    double switches_per_100 = 0;      // class changes per 100 steps, per chain
    double mean_dwell = 0;            // steps a chain stays in one class, on average
    int classes_visited = 0;          // distinct classes seen, mean over chains
};
ChainStats chain_stats(const ChainResult& r, int classes, int burn_in = 0);

}  // namespace dae
