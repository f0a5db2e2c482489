// Iteration jobs for the Dynamics panel, off the GUI thread: one trajectory with every frame and
// the reference classifier's verdict at each step, or a whole set with outcome counts. The
// worker gets immutable copies (model, samples) with each job and answers by value; a job can be
// cancelled between steps. It also trains the small 2-D toy DAEs of the vector-field view.
#pragma once

#include "core_metatypes.h"

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

public slots:
    // label: the input's label, or −1 (drawn). reference may be untrained (no verdicts then).
    void iterateOne(quint64 job, dae::Autoencoder model, dae::Vector start, int label, dae::SoftmaxClassifier reference,
                    dae::IterationConfig config);
    void iterateSet(quint64 job, dae::Autoencoder model, dae::Dataset data, dae::SoftmaxClassifier reference,
                    dae::IterationConfig config, dae::OutcomeThresholds thresholds);
    void trainReference(quint64 job, dae::Dataset train);
    void trainToy(quint64 job, dae::Dataset data, dae::TrainingConfig config);

signals:
    void trajectoryReady(const dae::ui::Trajectory& t);
    void setProgress(quint64 job, int step, qint64 converged, qint64 total);
    void setReady(const dae::ui::SetResult& r);
    void referenceReady(quint64 job, const dae::SoftmaxClassifier& c);
    void toyReady(const dae::ui::ToyModel& m);
    void failed(quint64 job, const QString& message);

private:
    std::atomic<bool> m_cancel{false};
};

// Every frame of one trajectory, with verdicts: the computation the worker runs (and tests call).
Trajectory compute_trajectory(const Autoencoder& model, const Vector& start, int label, const SoftmaxClassifier& reference,
                              const IterationConfig& config, const std::atomic<bool>* cancel = nullptr);

}  // namespace dae::ui

Q_DECLARE_METATYPE(dae::ui::Trajectory)
Q_DECLARE_METATYPE(dae::ui::SetResult)
Q_DECLARE_METATYPE(dae::ui::ToyModel)
