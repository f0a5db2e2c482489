// The loss curves: running minibatch loss, per-epoch train and validation loss, clean
// reconstruction MSE; a dashed vertical line where the noise level changed; log scale; hovering
// a curve shows its value. All Qt Charts code of the loss curves lives in this class (the outcome
// atlas has its own, atlas_chart.h). Series are updated
// with replace(), at most a few times a second, from a decimated copy of the points.
#pragma once

#include "dae/training.h"
#include "training/training_snapshot.h"

#include <QTimer>
#include <QWidget>

class QChart;
class QChartView;
class QCheckBox;
class QLabel;
class QLineSeries;
class QAbstractAxis;

namespace dae::ui {

// A round step (1, 2, 2.5 or 5 × 10ⁿ) cutting [0, span] into at most `ticks` intervals, and a count
// written short: 950, 50k, 1.5M.
double nice_tick_step(double span, int ticks);
QString compact_count(double v);

class LossChart : public QWidget {
    Q_OBJECT
public:
    explicit LossChart(QWidget* parent = nullptr);

    void clear();
    void addLossPoints(const QVector<LossPoint>& points);
    void addEpoch(const EpochReport& report, double samples_seen);
    void setLogScale(bool on);
    bool logScale() const;

    // The minibatch history is bounded: past kMaxHistory points, neighbouring pairs merge into their
    // mean (the older half of a long run at half the resolution, and so on), so a run of days costs
    // a few MB and a redraw stays cheap. Epoch points and noise changes are all kept.
    static constexpr int kMaxHistory = 1 << 17;
    // What is plotted (for tests and CSV export).
    const QVector<LossPoint>& batchPoints() const { return m_batch; }
    const QVector<EpochReport>& epochs() const { return m_epochs; }
    const QVector<QPair<double, double>>& noiseChanges() const { return m_noise_changes; }  // (samples, new level)
    int displayedBatchPoints() const;
    bool writeCsv(const QString& path, QString* error) const;
    QImage grabImage();
    QString legendText() const;        // the legend below the chart, a line per curve (plain text)
    QStringList xAxisLabels() const;   // the tick labels under the chart, left to right
    static constexpr int kXTicks = 3;  // intervals on the x axis, at most

private:
    void refresh();
    void rebuildAxes();

    QChartView* m_view;
    QChart* m_chart;
    QLineSeries* m_batch_series;
    QLineSeries* m_train_series;
    QLineSeries* m_validation_series;
    QLineSeries* m_clean_series;
    QVector<QLineSeries*> m_markers;
    QCheckBox* m_log;
    QLabel* m_legend;
    QTimer m_refresh;
    double m_x_step = 0;
    QVector<LossPoint> m_batch;
    QVector<EpochReport> m_epochs;
    QVector<double> m_epoch_x;
    QVector<QPair<double, double>> m_noise_changes;
};

}  // namespace dae::ui
