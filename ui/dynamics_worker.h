// Iteration jobs for the Dynamics panel, off the GUI thread: one trajectory with every frame and
// the reference classifier's verdict at each step, or a whole set with outcome counts. The
// worker gets immutable copies (model, samples) with each job and answers by value; a job can be
// cancelled between steps. It also trains the small 2-D toy DAEs of the vector-field view.
#pragma once

#include "core_metatypes.h"
#include "dae/atlas.h"
#include "mailbox.h"

#include <QMetaType>
#include <QObject>
#include <QThread>
#include <QVector>

#include <atomic>

namespace dae::ui {

struct Trajectory {
    quint64 job = 0;
    Matrix frames;                  // d × (steps + 1): x⁰ … x^steps
    std::vector<float> step_length; // l₁ … l_steps
    std::vector<float> distance;    // d₀ … d_steps to the last frame
    std::vector<int> predicted;     // reference label per frame (empty without a classifier)
    std::vector<float> confidence;  // its probability per frame
    SampleOutcome outcome;
    Ending ending = Ending::NotConverged;
    int label = -1;                 // the input's label (−1: drawn)
    double radius = -1;             // spectral radius of the Jacobian at the end point (−1: not computed)
    Vector direction;               // its leading direction (shown as an image)
    bool cancelled = false;
};

struct SetResult {
    quint64 job = 0;
    Dataset data;                    // the iterated samples (originals) and labels
    Matrix fixed_points;             // d × N
    std::vector<SampleOutcome> outcomes;
    std::vector<int> steps;
    OutcomeSummary summary;
    int steps_run = 0;
    bool cancelled = false;
};

struct ToyModel {
    quint64 job = 0;
    Autoencoder model;
    Dataset data;
};

class DynamicsWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    void cancel() { m_cancel = true; }
    void clearCancel() { m_cancel = false; }

    // Results go to the GUI thread through `post_to_gui` (a Mailbox of the receiver's), as in
    // TrainingWorker: ThreadSanitizer sees the hand-off. Set once, before the thread starts.
    struct Handlers {
        std::function<void(std::function<void()>)> post_to_gui;
        std::function<void(const Trajectory&)> trajectory;
        std::function<void(quint64, int, qint64, qint64)> progress;
        std::function<void(const SetResult&)> set;
        std::function<void(quint64, const SoftmaxClassifier&)> reference;
        std::function<void(const ToyModel&)> toy;
        std::function<void(quint64, const QString&)> failed;
        std::function<void(quint64, const AtlasRow&, int, int)> atlas;  // a row, rows done, rows in all
    };
    void setHandlers(Handlers h) { m_handlers = std::move(h); }
    Mailbox& commands() { return m_commands; }
    Q_INVOKABLE void drainCommands() { m_commands.drain(); }

    // label: the input's label, or −1 (drawn). reference may be untrained (no verdicts then).
    void iterateOne(quint64 job, dae::Autoencoder model, dae::Vector start, int label, dae::SoftmaxClassifier reference,
                    dae::IterationConfig config);
    void iterateSet(quint64 job, dae::Autoencoder model, dae::Dataset data, dae::SoftmaxClassifier reference,
                    dae::IterationConfig config, dae::OutcomeThresholds thresholds);
    void trainReference(quint64 job, dae::Dataset train);
    // The outcome atlas: the probe iterated under each (epoch, weights) snapshot, a row at a time.
    void iterateAtlas(quint64 job, std::vector<std::pair<int, dae::Autoencoder>> snapshots, dae::Dataset probe,
                      dae::SoftmaxClassifier reference, dae::IterationConfig config, dae::OutcomeThresholds thresholds);
    void trainToy(quint64 job, dae::Dataset data, dae::TrainingConfig config);

private:
    template <class F, class... Args>
    void deliver(const F& handler, Args... args) {
        if (handler && m_handlers.post_to_gui) m_handlers.post_to_gui([handler, args...] { handler(args...); });
    }
    Handlers m_handlers;
    Mailbox m_commands{this, "drainCommands"};
    std::atomic<bool> m_cancel{false};
};

// Every frame of one trajectory, with verdicts: the computation the worker runs (and tests call).
Trajectory compute_trajectory(const Autoencoder& model, const Vector& start, int label, const SoftmaxClassifier& reference,
                              const IterationConfig& config, const std::atomic<bool>* cancel = nullptr);

}  // namespace dae::ui

Q_DECLARE_METATYPE(dae::ui::Trajectory)
Q_DECLARE_METATYPE(dae::ui::SetResult)
Q_DECLARE_METATYPE(dae::ui::ToyModel)
