// The 2-D playground (in the way TensorFlow Playground feels): a small DAE trains live on points
// of the plane, and its field r(x) − x, the basins of its attractors and trajectories from clicked
// points redraw while it trains. The person picks a density (a mixture of Gaussians, a spiral, a
// circle, two moons), adds and removes points by clicking, and switches the noise σ and the
// contractive and sparse penalties while it runs. For the mixture, whose score is known, the true
// arrows σ²∇log p_σ (Tweedie; Alain & Bengio 2014; Goodfellow et al. Fig. 14.4–14.5) are drawn
// beside the learned ones, with their angle and error.
#pragma once

#include "dae/synthetic.h"
#include "dae/training.h"
#include "widgets/vector_field_view.h"
#include "workers/worker_thread.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace dae::ui {

class ToyPanel : public QWidget {
    Q_OBJECT
public:
    explicit ToyPanel(QWidget* parent = nullptr);
    ~ToyPanel() override;
    void train();  // runs (or resumes) the live training; frames arrive while it trains
    void pause();
    bool running() const { return m_running; }
    int frames() const { return m_frames; }  // frames drawn since the last reset
    VectorFieldView* view() const { return m_view; }
    TrainingConfig config() const;
    const Dataset& data() const { return m_data; }
    std::optional<GaussianMixture2D> density() const;  // of the points, when known in closed form
    QString agreementText() const;

signals:
    void toyTrained();  // a frame was drawn
    void message(const QString& text);

private:
    // What the controls and clicks do; then the first points.
    void wire(QPushButton* clear);
    struct Session;
    void regenerate();  // new points of the chosen density; the model starts anew
    void restart();     // the same points, the model from its initial weights
    void applyLive();   // σ and the penalties, from the next minibatch
    void showFrame(const Autoencoder& model, std::vector<FieldArrow> arrows, Basins basins, int epoch);
    void postSlice();

    QComboBox *m_density, *m_click;
    QSpinBox *m_points, *m_hidden;
    QDoubleSpinBox *m_sigma, *m_contraction, *m_sparsity;
    QCheckBox* m_show_true;
    QPushButton *m_run, *m_reset;
    QLabel *m_status, *m_agreement;
    VectorFieldView* m_view;
    Dataset m_data;
    Autoencoder m_model;
    bool m_running = false;
    int m_frames = 0;
    std::shared_ptr<Session> m_session;                          // lives in the worker's jobs
    WorkerThread m_worker{QStringLiteral("daelab playground")};  // last: joined first
};

}  // namespace dae::ui
