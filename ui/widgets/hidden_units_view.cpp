#include "widgets/hidden_units_view.h"

#include "render/plot_image.h"

#include <QPainter>

#include <algorithm>

namespace dae::ui {

HiddenUnitsView::HiddenUnitsView(QWidget* parent) : QWidget(parent) {}

void HiddenUnitsView::clear() {
    m_samples.clear();
    m_mean.clear();
    m_saturated.clear();
    m_contraction.clear();
    m_latest.reset();
    update();
}

void HiddenUnitsView::addStats(double samples_seen, const HiddenStats& stats) {
    m_samples.push_back(samples_seen);
    m_mean.push_back(stats.mean_activation);
    m_saturated.push_back(stats.saturated);
    m_contraction.push_back(stats.contraction);
    m_latest = stats;
    update();
}

void HiddenUnitsView::showStats(const HiddenStats& stats) {
    m_latest = stats;
    update();
}

QImage HiddenUnitsView::image(QSize size) const {
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    paint(p, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

void HiddenUnitsView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paint(p, rect());
}

void paint_histogram(QPainter& p, QRectF area, const Histogram& h, const QString& title, const QColor& colour) {
    const QFontMetrics fm(p.font());
    p.setPen(Qt::black);
    p.drawText(QRectF(area.left(), area.top(), area.width(), fm.height()), Qt::AlignLeft, title);
    const QRectF bars = area.adjusted(4, fm.height() + 2, -4, -fm.height() - 2);
    const Index most = h.counts.empty() ? 0 : *std::max_element(h.counts.begin(), h.counts.end());
    if (most > 0 && bars.height() > 0) {
        const double w = bars.width() / static_cast<double>(h.counts.size());
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        for (std::size_t b = 0; b < h.counts.size(); ++b) {
            const double height = bars.height() * static_cast<double>(h.counts[b]) / static_cast<double>(most);
            p.drawRect(
                QRectF(bars.left() + w * static_cast<double>(b), bars.bottom() - height, std::max(w - 1, 1.0), height));
        }
    }
    p.setPen(QColor("#666"));
    p.drawLine(bars.bottomLeft(), bars.bottomRight());
    const QRectF below(area.left() + 4, bars.bottom() + 1, area.width() - 8, fm.height());
    p.drawText(below, Qt::AlignLeft, QString::number(h.lo, 'g', 3));
    p.drawText(below, Qt::AlignRight, QString::number(h.hi, 'g', 3));
}

void HiddenUnitsView::paint(QPainter& p, QRectF area) const {
    p.fillRect(area, Qt::white);
    QFont small = p.font();
    small.setPointSizeF(8);
    p.setFont(small);
    if (!m_latest) {
        p.setPen(QColor("#777"));
        p.drawText(area.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("The hidden units' activity appears here while a model trains: the mean activation and "
                      "the share of saturated units (the sparsity penalty acts on them), the contraction "
                      "‖∂h/∂x‖² (the contractive penalty acts on it), and histograms of the activations and "
                      "weights."));
        return;
    }
    // Three bands: activity over training, contraction over training, the two histograms.
    const double h = area.height();
    const QRectF top(area.left(), area.top(), area.width(), h * 0.36);
    const QRectF middle(area.left(), top.bottom(), area.width(), h * 0.28);
    const QRectF bottom(area.left(), middle.bottom(), area.width(), h - top.height() - middle.height());
    ScatterPlot activity;
    activity.title = tr("hidden units on 200 training digits");
    activity.x_label = tr("samples seen");
    activity.y_label = tr("share");
    ScatterPlot contraction;
    contraction.title = tr("contraction ‖∂h/∂x‖²_F");
    contraction.x_label = activity.x_label;
    contraction.y_label = tr("mean");
    const std::vector<double>* series[] = {&m_mean, &m_saturated, &m_contraction};
    const QString names[] = {tr("mean |h|"), tr("saturated"), tr("‖∂h/∂x‖²")};
    for (int k = 0; k < 3; ++k) {
        ScatterSeries s{names[k], series_colour(k), {}, true};
        for (std::size_t i = 0; i < m_samples.size(); ++i)
            s.points.emplace_back(m_samples[i], (*series[k])[i]);
        (k < 2 ? activity : contraction).series.push_back(s);
    }
    if (m_samples.empty()) {  // an opened model: its numbers now, the curves once it trains
        p.setPen(QColor("#444"));
        p.drawText(top.united(middle).adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("This model on 200 training digits: mean |h| %1, saturated %2 %, contraction ‖∂h/∂x‖² %3. "
                      "The curves grow while it trains.")
                       .arg(m_latest->mean_activation, 0, 'f', 3)
                       .arg(100 * m_latest->saturated, 0, 'f', 1)
                       .arg(m_latest->contraction, 0, 'g', 4));
    } else {
        p.save();
        p.translate(top.topLeft());
        paint_scatter(p, activity, static_cast<int>(top.width()), static_cast<int>(top.height()));
        p.restore();
        p.save();
        p.translate(middle.topLeft());
        paint_scatter(p, contraction, static_cast<int>(middle.width()), static_cast<int>(middle.height()));
        p.restore();
    }
    const QRectF left(bottom.left() + 4, bottom.top() + 4, bottom.width() / 2 - 8, bottom.height() - 8);
    const QRectF right(bottom.center().x() + 4, bottom.top() + 4, bottom.width() / 2 - 8, bottom.height() - 8);
    paint_histogram(p, left, m_latest->activations, tr("activations h"), series_colour(0));
    paint_histogram(p, right, m_latest->weights, tr("weights W₁"), series_colour(3));
}

}  // namespace dae::ui
