// The noise sweep (Vincent et al. 2008, Fig. 3), live: DAEs that differ only in their corruption
// level train one after another in the background from the same initial weights (same seed);
// their first filters appear side by side as each finishes — a row per level, the same units in
// the same places — with each member's denoising curve (reconstruction error against the
// test-time noise level), and the current model's curve dashed for comparison. All of the
// panel's Qt Charts code is in this class.
#pragma once

#include "dae/dataset.h"
#include "dae/provenance.h"
#include "dae/sweep.h"
#include "workers/worker_thread.h"

#include <QTimer>
#include <QWidget>

class QChart;
class QLabel;
class QLineEdit;
class QLineSeries;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QValueAxis;

namespace dae::ui {

class ImageView;

class SweepPanel : public QWidget {
    Q_OBJECT
public:
    QProgressBar* progressBar() const { return m_progress; }  // the window's status line follows it
    explicit SweepPanel(QWidget* parent = nullptr);
    ~SweepPanel() override;

    // The data (train for the members, held-out for the curves) and the base settings: the
    // training lab's, with the level replaced by each member's and the epochs by this panel's.
    void setData(SharedPartition data);  // trains on its train set, tests on its validation set
    void setBaseConfig(const TrainingConfig& config) { m_base = config; }
    // The training lab's current model: its denoising curve is drawn dashed (recomputed at most
    // twice a second, only while the panel is visible).
    void setCurrentModel(const Autoencoder& model);

    // Runs the sweep over these levels (false with a message when the settings are invalid).
    bool run(const std::vector<double>& levels, int epochs);
    bool runFromControls();  // the levels and epochs typed in the panel
    void cancel();
    bool running() const { return m_job.busy(); }

    const std::vector<SweepMember>& members() const { return m_members; }
    std::vector<double> testLevels() const;
    const std::vector<double>& currentCurve() const { return m_current_curve; }
    QImage filtersImage() const;       // what the filter view shows
    static constexpr int kUnits = 12;  // filters shown per member

signals:
    void memberFinished(int index);
    void finished();
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    // What the controls do.
    void wire();
    void redraw();
    void updateCurrentCurve();

    SharedPartition m_data = std::make_shared<const Partition>();
    TrainingConfig m_base;
    CorruptionType m_trained_type = CorruptionType::Masking;  // of the members shown
    QLabel* m_legend = nullptr;
    Autoencoder m_current;
    bool m_has_current = false;
    std::vector<SweepMember> m_members;
    std::vector<double> m_current_curve;
    CorruptionType m_curve_type = CorruptionType::Masking;
    QTimer m_current_timer;

    QLineEdit* m_levels;
    QSpinBox* m_epochs;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    ImageView* m_filters;
    QChart* m_chart;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QLineSeries* m_current_series;
    WorkerThread m_job{QStringLiteral("daelab sweep")};  // last: joined before anything its closures touch goes away
};

}  // namespace dae::ui
