// The Dynamics explorer: iterate the trained (or loaded) DAE, x⁰ = x, xⁱ = r(xⁱ⁻¹), on a held-out
// digit or on a drawing, and step through the trajectory; or iterate the whole held-out set and
// browse the outcomes. All iteration runs in a worker thread and can be cancelled.
#pragma once

#include "dynamics_worker.h"

#include <QTimer>
#include <QWidget>

#include <mutex>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;

namespace dae::ui {

class DrawCanvas;
class ImageView;
class LogPlot;

class DynamicsPanel : public QWidget {
    Q_OBJECT
public:
    explicit DynamicsPanel(QWidget* parent = nullptr);
    ~DynamicsPanel() override;

    // The held-out set to pick from and the training set (for the reference classifier).
    void setData(const Dataset& train, const Dataset& held_out);
    void setModel(const Autoencoder& model);
    bool hasModel() const { return m_has_model; }

    // Iterates one input (label −1: drawn) in the worker; trajectoryShown() follows.
    void iterateSample(Index held_out_index);
    void iterateDrawing();
    void iterateSet();
    // The outcome atlas over (epoch, weights) snapshots on the first `probe_size` held-out samples;
    // atlasRow() follows for each. False (with message()) when the reference is not ready yet.
    bool startAtlas(std::vector<std::pair<int, Autoencoder>> snapshots, Index probe_size);
    void cancel();

    // Shows a computed trajectory (the worker's, or one given directly) at step 0.
    void showTrajectory(const Trajectory& t);
    const Trajectory& trajectory() const { return m_trajectory; }
    void goToStep(int step);
    int currentStep() const;
    QImage frameImage() const;
    const SetResult& setResult() const { return m_set; }
    bool referenceReady() const { return m_reference.trained(); }

    DrawCanvas* canvas() const { return m_canvas; }
    QSlider* scrubber() const { return m_scrubber; }
    LogPlot* plot() const { return m_plot; }
    QString verdictText() const;
    QString outcomeText() const;
    QString stabilityText() const;

    bool exportFrames(const QString& folder, QString* error) const;
    bool exportCurves(const QString& path, QString* error) const;

    Q_INVOKABLE void drainEvents() { m_events.drain(); }  // the worker's results, run here

signals:
    void trajectoryShown();
    void setFinished();
    void message(const QString& text);
    void atlasRow(const dae::AtlasRow& row, int done, int total);
    void atlasStopped(const QString& why);

private:
    void buildUi();
    void showFrame(int step);
    void showGallery();
    void onGalleryClick(QPoint image_pixel);
    IterationConfig iterationConfig() const;

    QThread m_thread;
    DynamicsWorker* m_worker;
    Mailbox m_events{this, "drainEvents"};
    std::mutex m_joined;  // see TrainingSession: a join ThreadSanitizer can see
    quint64 m_job = 0;      // the latest single-trajectory job
    quint64 m_set_job = 0;  // the latest whole-set job (separate: both may run)
    quint64 m_atlas_job = 0;
    Autoencoder m_model;
    bool m_has_model = false;
    Dataset m_train, m_held_out;
    SoftmaxClassifier m_reference;
    Trajectory m_trajectory;
    SetResult m_set;
    std::vector<Index> m_gallery;  // held-out indices shown in the gallery, in tile order

    QSpinBox* m_index;
    QComboBox* m_label_filter;
    DrawCanvas* m_canvas;
    QSlider* m_brush;
    ImageView* m_frame;
    QLabel* m_step_label;
    QLabel* m_verdict;
    QLabel* m_outcome;
    QLabel* m_stability;
    ImageView* m_direction;
    QSlider* m_scrubber;
    QSpinBox* m_goto;
    QPushButton* m_play;
    QComboBox* m_speed;
    LogPlot* m_plot;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QLabel* m_counts;
    QComboBox* m_gallery_outcome;
    ImageView* m_gallery_view;
    QTimer m_timer;
};

}  // namespace dae::ui
