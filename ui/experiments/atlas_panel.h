// The outcome atlas over training: for each epoch snapshot of the replay ring, the share of each
// outcome (converged, other class, stain, explosion, not converged, cycle) on a fixed probe of
// held-out digits, as a stacked area chart over epochs. The panel's own worker computes the rows
// (start()), one epoch after the other, and draws each as it comes. All of its Qt Charts code is in
// this class.
#pragma once

#include "dae/atlas.h"
#include "dae/autoencoder.h"
#include "dae/evaluation.h"
#include "dae/judge.h"
#include "workers/worker_thread.h"

#include <QWidget>

#include <array>
#include <utility>
#include <vector>

class QAreaSeries;
class QChart;
class QChartView;
class QLineSeries;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QValueAxis;

namespace dae::ui {

class AtlasPanel : public QWidget {
    Q_OBJECT
public:
    QProgressBar* progressBar() const { return m_progress; }  // the window's status line follows it
    explicit AtlasPanel(QWidget* parent = nullptr);

    void clear();
    // Iterates `probe` under each (epoch, weights) snapshot, judged by `judge`, as `config` says;
    // the rows come in one by one (addRow). False, with the reason shown, when there are no
    // snapshots, no probe digits or no judge.
    bool start(std::vector<std::pair<int, Autoencoder>> snapshots, const Dataset& probe, const Judge& judge,
               const EvaluationConfig& config);
    // Pressed before the outcomes' judge is ready: says what it waits for, and the window calls
    // start() when the judge comes (cancel() ends the wait).
    void waitFor(const QString& what);
    bool waiting() const { return m_waiting; }
    int probeSize() const;
    void cancel();
    bool busy() const { return m_job.busy(); }
    // A computed row (rows may come in any order; they are kept sorted by epoch).
    void addRow(const AtlasRow& row, int done, int total);
    void stopped(const QString& why);
    const std::vector<AtlasRow>& rows() const { return m_rows; }

    // What the chart draws: outcome o's band at row i spans [lower, upper] in percent.
    QPointF upperPoint(Outcome o, int i) const;
    QPointF lowerPoint(Outcome o, int i) const;
    bool writeCsv(const QString& path, QString* error) const;
    QPushButton* computeButton() const { return m_compute; }

signals:
    void computeRequested(int probe_size);  // the window answers with start()
    void finished();                        // the last requested row has arrived

private:
    void redraw();

    std::vector<AtlasRow> m_rows;
    QChart* m_chart;
    QChartView* m_view;
    QValueAxis* m_x;
    QValueAxis* m_y;
    std::array<QLineSeries*, kOutcomeCount + 1> m_bounds{};  // cumulative boundaries: 0, after outcome 0, …
    std::array<QAreaSeries*, kOutcomeCount> m_areas{};
    QSpinBox* m_probe;
    QPushButton* m_compute;
    QPushButton* m_cancel;
    QPushButton* m_export;
    QProgressBar* m_progress;
    QLabel* m_summary;
    bool m_waiting = false;
    WorkerThread m_job{QStringLiteral("daelab atlas")};  // last: joined first
};

}  // namespace dae::ui
