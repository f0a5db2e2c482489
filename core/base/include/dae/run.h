// One protocol for every long computation in the core — training, iteration, evaluation, the
// noise sweep, the stacked comparison, a grid of runs: the caller passes a RunObserver, the work
// reports to it and polls it between units of work (a minibatch, an iteration step). The CLI
// draws a progress bar from it, the GUI's worker threads forward it to the window and cancel
// through it. Every call comes from the thread doing the work.  (Ceres' IterationCallback.)
#pragma once

#include "dae/eigen_types.h"

#include <atomic>
#include <string>

namespace dae {

// What training reports to an observer (training.h's Trainer sends them).
// The parts of a minibatch's objective (objective.h): reconstruction and each penalty.
struct LossParts {
    double reconstruction = 0;  // (1/k) Σ Err, batch mean: the number people call "the loss"
    double sparsity = 0;
    double contraction = 0;
    double decay = 0;
    double total() const { return reconstruction + sparsity + contraction + decay; }
};

struct BatchReport {
    int epoch = 0;    // 0-based epoch this minibatch belongs to
    int epochs = 0;   // of the run (N)
    Index batch = 0;  // 0-based minibatch within the epoch
    Index batches_per_epoch = 0;
    Index samples_seen = 0;  // since the start of training
    LossParts loss;          // of this minibatch (corrupted input, walkback objective)
    double learning_rate = 0;
    double noise_level = 0;  // the corruption level this minibatch used
};

struct EpochReport {
    int epoch = 0;                     // 0-based epoch just finished
    double train_loss = 0;             // mean reconstruction objective over the epoch's minibatches
    double validation_loss = -1;       // same objective on the validation set (fixed noise); −1: none
    double validation_clean_mse = -1;  // Σ pixels (x − r(x))², mean over the clean validation set
    double seconds = 0;                // wall time of the epoch's minibatches
    double samples_per_second = 0;
    double learning_rate = 0;  // after annealing
    bool operator==(const EpochReport&) const = default;
};

enum class Verdict { Continue, Pause, Stop };

struct Progress {
    std::string stage;    // for people: "training", "iterating the test set", "fine-tuning SdA-3"
    double fraction = 0;  // of the whole computation, 0 … 1
};

// After every step of an iteration x ← r(x) (dynamics.h).
struct IterationStep {
    int step = 0;
    Index active = 0;     // samples still iterated
    Index converged = 0;  // samples whose last step length is below ε
    Index total = 0;      // samples in the run
    Index target = 0;     // the run stops when more than this many converged (the 75 % rule)
};

class RunObserver {
public:
    virtual ~RunObserver() = default;
    // Polled between units of work. True ends the computation early with a consistent partial
    // result (a trainer keeps its state and can go on; an iteration is marked cancelled).
    virtual bool stop_requested() const { return false; }
    virtual void on_progress(const Progress&) {}
    // Training: after every minibatch and epoch. Pause and Stop return from Trainer::run()
    // between minibatches, keeping all state.
    virtual Verdict on_batch(const BatchReport&) { return stop_requested() ? Verdict::Stop : Verdict::Continue; }
    virtual Verdict on_epoch(const EpochReport&) { return Verdict::Continue; }
    // Iteration: after every step.
    virtual void on_iteration(const IterationStep&) {}
};

// Stops when a flag is set, from any thread.
class StopFlagObserver : public RunObserver {
public:
    explicit StopFlagObserver(const std::atomic<bool>& flag) : m_flag(flag) {}
    bool stop_requested() const override { return m_flag.load(std::memory_order_relaxed); }

private:
    const std::atomic<bool>& m_flag;
};

// A part of a larger computation: forwards everything to `parent` (which may be null), maps the
// part's progress 0 … 1 onto [from, to] of the whole, and turns training minibatches and
// iteration steps into progress reports named `stage`.
class ObserverSection : public RunObserver {
public:
    ObserverSection(RunObserver* parent, std::string stage, double from, double to)
        : m_parent(parent), m_stage(std::move(stage)), m_from(from), m_to(to) {}
    bool stop_requested() const override { return m_parent && m_parent->stop_requested(); }
    void on_progress(const Progress& p) override;
    Verdict on_batch(const BatchReport& r) override;
    Verdict on_epoch(const EpochReport& e) override;
    void on_iteration(const IterationStep& s) override;
    // Reports the part's own fraction (0 … 1) under its stage name.
    void report(double fraction);

private:
    RunObserver* m_parent;
    std::string m_stage;
    double m_from, m_to;
};

}  // namespace dae
