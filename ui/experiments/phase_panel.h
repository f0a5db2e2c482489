// The phase diagram: the share of each outcome (converged, other class, stain, explosion, not
// converged) over a grid of noise level σ × walkback steps k, as heat maps. Either computed here —
// small DAEs on the current data set, each run by the reproduction harness in the background — or
// opened from a grid's folder written by `daelab-cli grid` (e.g. the paper's Table 1 runs).
#pragma once

#include "dae/grid_figures.h"
#include "workers/worker_thread.h"

#include <QImage>
#include <QTemporaryDir>
#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace dae::ui {

class ImageView;

class PhasePanel : public QWidget {
    Q_OBJECT
public:
    QProgressBar* progressBar() const { return m_progress; }  // the window's status line follows it
    explicit PhasePanel(QWidget* parent = nullptr);
    ~PhasePanel() override;

    // The data set (by id, for the runs) and the training lab's settings the runs start from.
    void setData(const std::string& dataset_id, SharedSource source);
    void setBaseConfig(const TrainingConfig& c) { m_base = c; }
    // σ values × k values, `epochs` each, one seed: false with a message when invalid.
    bool compute(const std::vector<double>& levels, const std::vector<int>& ks, int epochs);
    bool computeFromControls();
    // A grid's folder or a results.csv (read_runs): false with a message naming it, the diagram kept.
    bool openGrid(const QString& folder, QString* error);
    void cancel();  // stops the grid; the status says so, with the runs that were done
    QString statusText() const;
    bool running() const { return m_worker.busy(); }

    const std::vector<RunResult>& results() const { return m_results; }
    const PhaseDiagram& diagram() const { return m_diagram; }
    QImage image() const;
    int mapsShownPerRow() const { return m_per_row; }  // of the image shown (0: none)

signals:
    void finished();
    void message(const QString& text);

protected:
    void resizeEvent(QResizeEvent* e) override;

private:
    void redraw();           // the diagram and its maps, from the results
    void layoutMaps();       // the maps tiled to the view's width
    int mapsPerRow() const;  // heat maps a row that the view's width holds (1 … kPhaseMaps)

    std::string m_dataset;
    SharedSource m_source = std::make_shared<const DataSource>();
    TrainingConfig m_base;
    std::vector<RunResult> m_results;
    PhaseDiagram m_diagram;
    std::vector<QImage> m_maps;  // one per outcome, of the current diagram (empty: none)
    int m_per_row = 0;           // of the image shown
    std::unique_ptr<QTemporaryDir> m_folder;
    QLineEdit *m_levels, *m_ks;
    QSpinBox* m_epochs;
    QComboBox* m_definition;
    QPushButton *m_run, *m_open, *m_cancel;
    int m_planned = 0;  // runs of the grid being computed
    QProgressBar* m_progress;
    QLabel* m_status;
    ImageView* m_view;
    WorkerThread m_worker{QStringLiteral("daelab phase diagram")};  // last: joined first
};

}  // namespace dae::ui
