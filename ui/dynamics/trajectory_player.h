// Plays one trajectory xⁱ = r(xⁱ⁻¹) frame by frame: the frame, its step, lᵢ and dᵢ, the judge's
// reading, the outcome and the stability of the end point, the log plot of lᵢ and dᵢ (Fig. 7 of
// Bahdanau & Jaeger) with a marker, a scrubber, play/pause, step keys and a go-to box.
// The player's state is ONE number, the current step: every control shows it and every control
// changes it through setStep(), so frame, step box, scrubber and plot always agree. The step keys
// (`,` and `.`) are shortcuts that act on every press, auto-repeat included — none is dropped.
#pragma once

#include "dynamics/dynamics_jobs.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLayout;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace dae::ui {

class ImageView;
class LogPlot;

class TrajectoryPlayer : public QWidget {
    Q_OBJECT
public:
    explicit TrajectoryPlayer(QWidget* parent = nullptr);

    void setTrajectory(const Trajectory& t);  // shows step 0, without a comparison
    // A second trajectory drawn beside the first at the same step (at its last when it is shorter, and
    // at its end when the first is at its end, however long the second ran):
    // a hand-corrupted digit's beside the original's. Empty frames: none.
    void setComparison(const Trajectory& t, const QString& name);
    const Trajectory& comparison() const { return m_compare_t; }
    QImage comparisonImage() const;
    QString comparisonText() const;
    const Trajectory& trajectory() const { return m_t; }
    void setStep(int step);  // clamped to 0 … steps
    int step() const { return m_step; }
    void play();
    void pause();
    bool playing() const { return m_timer.isActive(); }

    // What the controls show (tests).
    QSlider* scrubber() const { return m_scrubber; }
    QSpinBox* stepBox() const { return m_goto; }
    LogPlot* plot() const { return m_plot; }
    QString stepText() const;
    QString verdictText() const;
    QString stabilityText() const;
    QImage frameImage() const;

    bool exportFrames(const QString& folder, QString* error) const;
    bool exportCurves(const QString& path, QString* error) const;

signals:
    void message(const QString& text);

private:
    // The buttons, keys and timer to what they do.
    void wire(QPushButton* first, QPushButton* back, QPushButton* fwd, QPushButton* last, QPushButton* export_frames,
              QPushButton* export_curves);
    void refresh();
    QLayout* buildFrames();
    int comparisonStep()
        const;  // the comparison's step shown beside step m_step  // the frame, and the comparison's beside it

    Trajectory m_t, m_compare_t;
    QString m_compare_name;
    ImageView* m_compare;
    QLabel* m_compare_label;
    int m_step = 0;
    ImageView* m_frame;
    ImageView* m_direction;
    QLabel *m_step_label, *m_verdict, *m_outcome, *m_stability;
    QSlider* m_scrubber;
    QSpinBox* m_goto;
    QPushButton* m_play;
    QComboBox* m_speed;
    LogPlot* m_plot;
    QTimer m_timer;
};

}  // namespace dae::ui
