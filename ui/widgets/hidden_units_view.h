// What the hidden units do while a DAE trains (hidden_stats.h), beside the loss: over the samples
// seen, the mean activation |h| and the share of saturated activations (where the sparsity penalty
// shows), and the contraction ‖∂h/∂x‖²_F (where the contractive penalty shows); below, the
// histograms of the latest activations and of W₁'s weights. Drawn with QPainter from the plots'
// own painters; it keeps one point per statistics snapshot (about one a second).
#pragma once

#include "dae/hidden_stats.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace dae::ui {

class HiddenUnitsView : public QWidget {
    Q_OBJECT
public:
    explicit HiddenUnitsView(QWidget* parent = nullptr);
    void clear();
    void addStats(double samples_seen, const HiddenStats& stats);
    void showStats(const HiddenStats& stats);  // a model not being trained (opened): its histograms, no curve point
    std::size_t points() const { return m_samples.size(); }
    const HiddenStats* latest() const { return m_latest ? &*m_latest : nullptr; }
    QImage image(QSize size) const;  // the view as drawn, at any size (tests, exports)

    QSize sizeHint() const override { return {280, 520}; }
    QSize minimumSizeHint() const override { return {200, 360}; }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    void paint(QPainter& p, QRectF area) const;
    std::vector<double> m_samples, m_mean, m_saturated, m_contraction;
    std::optional<HiddenStats> m_latest;
};

// A histogram as bars in `area`, its title above and its range below.
void paint_histogram(QPainter& p, QRectF area, const Histogram& h, const QString& title, const QColor& colour);

}  // namespace dae::ui
