// The attractor census, in the window: every distinct fixed point of the current model on the
// first test digits, its basin, the judge's class, the basin's labels and the stability there; a
// click on an attractor shows the inputs that flow into it. "Over training" takes the census at
// every epoch snapshot of the replay history and draws the basin sizes by epoch, attractors
// followed by their basins (they appear, merge and split). All computed in a WorkerThread.
#pragma once

#include "dae/attractors.h"
#include "workers/worker_thread.h"

#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace dae::ui {

class NoteLabel;

class ImageView;

class AttractorPanel : public QWidget {
    Q_OBJECT
public:
    QProgressBar* progressBar() const { return m_progress; }  // the window's status line follows it
    // A note above the view about the model it shows (untrained_note(), or empty).
    void setModelNote(const QString& note);
    // Whether the replay holds a history over training (two epochs or more) for "Over training".
    void setHistoryAvailable(bool available);
    QString modelNote() const;
    explicit AttractorPanel(QWidget* parent = nullptr);
    ~AttractorPanel() override;

    void setData(const Dataset& test) { m_test = test; }
    void setJudge(const Judge& judge) { m_judge = judge; }
    void setModel(const Autoencoder& model) { m_model = model; }
    // Census of the current model on the first `probe` test digits.
    bool computeCensus(Index probe);
    // Census at each (epoch, weights) snapshot, linked over the epochs.
    bool computeHistory(std::vector<std::pair<int, Autoencoder>> snapshots, Index probe);
    void cancel() {
        m_cancelled = true;
        m_worker.cancel();
    }
    bool running() const { return m_worker.busy(); }

    const Census& census() const { return m_census; }
    const std::vector<CensusEpoch>& history() const { return m_history; }
    QTableWidget* table() const { return m_table; }
    void showBasin(int attractor);  // the inputs of one attractor below the table
    QImage basinImage() const;
    bool writeCsv(const QString& path, QString* error) const;

signals:
    void finished();
    void message(const QString& text);
    void historyRequested(int probe);  // the window answers with computeHistory(snapshots, probe)

private:
    // What the controls do.
    void wire();
    NoteLabel* m_note = nullptr;
    bool m_history_available = false;
    void showCensus();
    void showHistory();
    CensusConfig config() const;

    Dataset m_test, m_probe;
    Judge m_judge;
    Autoencoder m_model;
    Census m_census;
    bool m_cancelled = false;  // the last job was cancelled (the bar says so, not "done")
    std::vector<CensusEpoch> m_history;
    QSpinBox* m_size;
    QPushButton *m_run, *m_over_training, *m_cancel, *m_export;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QTableWidget* m_table;
    ImageView *m_points, *m_basin;
    QChart* m_chart;
    QChartView* m_chart_view;
    WorkerThread m_worker{QStringLiteral("daelab attractors")};  // last: joined first
};

}  // namespace dae::ui
