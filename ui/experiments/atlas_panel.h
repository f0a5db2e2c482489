// The outcome atlas over training: for each epoch snapshot of the replay ring, the share of each
// outcome (converged, other class, stain, explosion, not converged, cycle) on a fixed probe of
// held-out digits, as a stacked area chart over epochs. The Dynamics panel's worker computes the
// rows (DynamicsPanel::startAtlas); this panel asks for them and draws them. All of its Qt Charts
// code is in this class.
#pragma once

#include "dae/atlas.h"

#include <QWidget>

#include <array>
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
    void computeRequested(int probe_size);
    void cancelRequested();
    void finished();  // the last requested row has arrived

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
};

}  // namespace dae::ui
