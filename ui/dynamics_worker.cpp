#include "dynamics_worker.h"

#include "dae/stability.h"
#include "training_snapshot.h"

namespace dae::ui {

Trajectory compute_trajectory(const Autoencoder& model, const Vector& start, int label, const SoftmaxClassifier& reference,
                              const IterationConfig& config, const std::atomic<bool>* cancel) {
    IterationConfig c = config;
    c.keep_all_frames = true;
    c.stop_fraction = 1.0;  // one sample: run until it settles or the cap
    const IterationResult r = iterate(model, Matrix(start), c, {}, cancel);
    Trajectory t;
    t.cancelled = r.cancelled;
    t.label = label;
    t.ending = r.ending[0];
    t.frames.resize(start.size(), static_cast<Index>(r.frames.size()));
    for (std::size_t f = 0; f < r.frames.size(); ++f) t.frames.col(static_cast<Index>(f)) = r.frames[f].col(0);
    t.step_length = r.step_length[0];
    t.distance = r.distance_to_final(0);
    if (!t.cancelled && t.ending == Ending::Converged) {
        const SpectralEstimate e = spectral_radius(model, r.fixed_points.col(0), 2000, 1e-7);
        t.radius = e.radius;
        t.direction = e.direction;
    }
    if (reference.trained() && reference.m_w.cols() == start.size()) {
        const Matrix p = reference.probabilities(t.frames);
        for (Index f = 0; f < p.cols(); ++f) {
            Index best = 0;
            t.confidence.push_back(p.col(f).maxCoeff(&best));
            t.predicted.push_back(static_cast<int>(best));
        }
        t.outcome = classify_outcomes(r, {label < 0 ? -1 : label}, reference).front();
        if (label < 0 && t.outcome.outcome == Outcome::OtherClass) t.outcome.outcome = Outcome::Converged;  // drawn: no label to leave
    }
    return t;
}

void DynamicsWorker::iterateOne(quint64 job, Autoencoder model, Vector start, int label, SoftmaxClassifier reference,
                                IterationConfig config) {
    try {
        Trajectory t = compute_trajectory(model, start, label, reference, config, &m_cancel);
        t.job = job;
        deliver(m_handlers.trajectory, t);
    } catch (const std::exception& e) {
        deliver(m_handlers.failed, job, QString::fromStdString(e.what()));
    }
}

void DynamicsWorker::iterateSet(quint64 job, Autoencoder model, Dataset data, SoftmaxClassifier reference,
                                IterationConfig config, OutcomeThresholds thresholds) {
    try {
        const Index n = data.size();
        const IterationResult r = iterate(model, data.samples, config, [&](int step, Index, Index converged) {
            deliver(m_handlers.progress, job, step, static_cast<qint64>(converged), static_cast<qint64>(n));
        }, &m_cancel);
        SetResult s;
        s.job = job;
        s.cancelled = r.cancelled;
        s.fixed_points = r.fixed_points;
        s.steps = r.steps;
        s.steps_run = r.steps_run;
        s.outcomes = classify_outcomes(r, data.labels, reference, thresholds);
        s.summary = summarize_outcomes(r, s.outcomes, thresholds);
        s.data = std::move(data);
        deliver(m_handlers.set, s);
    } catch (const std::exception& e) {
        deliver(m_handlers.failed, job, QString::fromStdString(e.what()));
    }
}

void DynamicsWorker::iterateAtlas(quint64 job, std::vector<std::pair<int, Autoencoder>> snapshots, Dataset probe,
                                  SoftmaxClassifier reference, IterationConfig config, OutcomeThresholds thresholds) {
    try {
        const int total = static_cast<int>(snapshots.size());
        for (int i = 0; i < total && !m_cancel; ++i) {
            const auto& [epoch, model] = snapshots[static_cast<std::size_t>(i)];
            const AtlasRow row = probe_outcomes(model, epoch, probe, reference, config, thresholds, &m_cancel);
            if (m_cancel) break;  // a half-iterated row would mislead
            deliver(m_handlers.atlas, job, row, i + 1, total);
        }
        if (m_cancel) deliver(m_handlers.failed, job, QStringLiteral("Outcome atlas cancelled"));
    } catch (const std::exception& e) {
        deliver(m_handlers.failed, job, QString::fromStdString(e.what()));
    }
}

void DynamicsWorker::trainReference(quint64 job, Dataset train) {
    try {
        SoftmaxClassifier c;
        c.train(train.samples, train.labels, std::max(2, train.num_classes));
        deliver(m_handlers.reference, job, c);
    } catch (const std::exception& e) {
        deliver(m_handlers.failed, job, QString::fromStdString(e.what()));
    }
}

void DynamicsWorker::trainToy(quint64 job, Dataset data, TrainingConfig config) {
    try {
        Trainer t(config, data.samples);
        t.run();
        if (t.status() == TrainStatus::Diverged) throw std::runtime_error(t.message());
        deliver(m_handlers.toy, ToyModel{job, t.model(), std::move(data)});
    } catch (const std::exception& e) {
        deliver(m_handlers.failed, job, QString::fromStdString(e.what()));
    }
}

}  // namespace dae::ui
