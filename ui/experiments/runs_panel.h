// The Runs view: grid folders, results.csv files and model files listed as one table to sort,
// filter and group (seeds as mean ± sd), and the selected runs compared — their learning curves
// overlaid (over epochs or training samples), their outcome atlases over training, their filters
// side by side at one scaling, one test digit iterated under each model (xⁱ = r(xⁱ⁻¹), the same
// steps side by side), any result against any setting as a scatter (the paper's Fig. 5 first). A run opens in the lab
// with its curves. An open grid folder is watched: runs that start or finish (from the CLI, or merged from other
// machines) appear as they come. Reading runs happens off the GUI thread; a run that cannot be read is listed with the
// reason.
#pragma once

#include "dae/run_catalog.h"
#include "render/plot_image.h"
#include "workers/worker_thread.h"

#include <QFileSystemWatcher>
#include <QImage>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QSplitter;
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;

namespace dae::ui {

class ImageView;
class RunsTable;

class RunsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunsPanel(QWidget* parent = nullptr);
    ~RunsPanel() override;

    // Lists the runs of these paths (grid folders, results.csv files, model files or folders of
    // them), replacing or adding to what is listed. Read in the background: finished() follows.
    void open(const QStringList& paths, bool add = false);
    void reload();  // the same paths read again
    bool busy() const { return m_worker.busy(); }
    QStringList paths() const { return m_paths; }

    // The data whose test digits the selected runs iterate in the Trajectories tab (the window's).
    void setData(SharedPartition data);
    void setTrajectoryDigit(int index);  // of the test set

    RunsTable* table() const { return m_table; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    void setFilterText(const QString& text);
    // Brings a comparison to the front by the start of its tab's name ("loss", "outcomes", "filters",
    // "trajectories", "scatter"); false when none starts so.
    bool showComparison(const QString& name);
    void setGrouped(bool grouped);
    void selectRows(const std::vector<int>& rows);  // rows of the view (sorted, filtered)
    std::vector<std::size_t> selectedRuns() const;  // indices into table()->runs()
    QString statusText() const;

    // The comparison of the selected runs as drawn: curves overlaid (one line per run), filters
    // (a row per run), the scatter of all runs.
    QImage curvesImage() const { return m_curves_image; }
    // The outcome atlases over training of the selected runs that recorded one, small multiples.
    QImage outcomesImage() const { return m_outcomes_image; }
    void setCurvesOverSamples(bool samples);  // the curves' x axis: training samples seen, or epochs
    QImage filtersImage() const { return m_filters_image; }
    QImage scatterImage() const { return m_scatter_image; }
    // With every step shown (the default): row r is the test digit under the r-th selected run with a
    // model, at the steps of trajectorySteps(); at one step (setTrajectoryStep(i), i an index into
    // them) the runs' frames side by side, stepped together.
    QImage trajectoriesImage() const { return m_trajectories_image; }
    void setTrajectoryStep(int index);  // −1: every step
    static const std::vector<int>& trajectorySteps();
    QStringList curveNames() const { return m_curve_names; }  // the legend: what differs among them
    bool exportCsv(const QString& path, QString* error) const;
    // The overlaid curves ("loss") or the scatter ("scatter") as a vector drawing.
    bool saveSvg(const QString& comparison, const QString& path, QString* error) const;

signals:
    void finished();                             // a reading of the paths is shown
    void openModel(const QString& path);         // "Open in the lab"
    void openPhaseDiagram(const QString& path);  // "As phase diagram": a grid folder or results.csv
    void message(const QString& text);

private:
    void buildControls();
    void buildCompare(QSplitter* split);  // the comparison's tabs, under the table
    void connectControls();
    void showRuns(std::vector<CatalogRun> runs, const QStringList& problems);
    void compare();  // redraws the comparison of the selected runs
    void drawCurves(const std::vector<std::size_t>& runs);
    void drawOutcomes(const std::vector<std::size_t>& runs);
    void drawFilters(const std::vector<std::size_t>& runs);
    void drawScatter();
    void drawTrajectories(const std::vector<std::size_t>& runs);
    std::vector<CatalogRun> catalogOf(const std::vector<std::size_t>& runs) const;  // those runs, in that order
    // (model file, run id) of the first of these runs that have a model, as many as are drawn.
    std::vector<std::pair<std::string, std::string>> selectedModels(const std::vector<std::size_t>& runs) const;
    void showTrajectoryStep();  // the image of the computed trajectories at the slider's step
    void watch();

    QStringList m_paths;
    QStringList m_read_problems;  // paths that could not be read at all
    RunsTable* m_table;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
    QCheckBox *m_grouped, *m_all;
    QPushButton *m_open, *m_add, *m_export, *m_open_lab;
    QLabel* m_status;
    QTabWidget* m_compare;
    QComboBox *m_curve, *m_axis, *m_scatter_x, *m_scatter_y, *m_scatter_colour;
    QSpinBox* m_digit;
    QSlider* m_step;
    QLabel* m_step_label;
    std::vector<Matrix> m_trajectory_rows;  // per run: its frames at trajectorySteps()
    QSize m_trajectory_size;
    int m_trajectory_digit = 0;
    ImageView *m_curves_view, *m_outcomes_view, *m_filters_view, *m_scatter_view, *m_trajectories_view;
    QImage m_curves_image, m_outcomes_image, m_filters_image, m_scatter_image, m_trajectories_image;
    SharedPartition m_data;
    QStringList m_curve_names;
    LinePlot m_curves_plot;      // what m_curves_image shows, kept for SVG
    ScatterPlot m_scatter_plot;  // what m_scatter_image shows
    QFileSystemWatcher m_watcher;
    QTimer m_reload;  // a change seen: read again a moment later (a grid writes several files at once)
    // The latest request of each background picture; a job that is no longer the latest stops early.
    std::shared_ptr<std::atomic<quint64>> m_filters_request = std::make_shared<std::atomic<quint64>>(0),
                                          m_trajectories_request = std::make_shared<std::atomic<quint64>>(0);
    WorkerThread m_worker{QStringLiteral("daelab runs")};  // last: joined first
};

}  // namespace dae::ui
