#include "widgets/log_plot.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace dae::ui {

LogPlot::LogPlot(QWidget* parent) : QWidget(parent) { setMinimumSize(340, 200); }

void LogPlot::setCurves(const std::vector<float>& step_length, const std::vector<float>& distance, int reference_step) {
    m_reference = reference_step;
    m_l = step_length;
    m_d = distance;
    double lo = 1e30, hi = 0;
    for (const auto* v : {&m_l, &m_d})
        for (float x : *v)
            if (x > 0) {
                lo = std::min(lo, double(x));
                hi = std::max(hi, double(x));
            }
    if (hi <= 0) lo = 1e-6, hi = 1;
    m_lo = std::pow(10, std::floor(std::log10(lo)));
    m_hi = std::pow(10, std::ceil(std::log10(hi)));
    if (m_hi <= m_lo) m_hi = m_lo * 10;
    update();
}

void LogPlot::setMarker(int step) {
    m_marker = step;
    update();
}

// The legend has a line of its own under the axis: drawn over the plot it hid the curves' start.
QRectF LogPlot::plotRect() const { return QRectF(52, 10, width() - 62, height() - 80); }

double LogPlot::xOf(int step) const {
    const QRectF r = plotRect();
    const int steps = std::max<int>(1, static_cast<int>(std::max(m_l.size(), m_d.empty() ? 0 : m_d.size() - 1)));
    return r.left() + r.width() * step / steps;
}

double LogPlot::yOf(double v) const {
    const QRectF r = plotRect();
    const double t = (std::log10(std::max(v, m_lo)) - std::log10(m_lo)) / (std::log10(m_hi) - std::log10(m_lo));
    return r.bottom() - r.height() * std::clamp(t, 0.0, 1.0);
}

void LogPlot::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = plotRect();
    p.fillRect(rect(), palette().color(QPalette::Base));
    p.setPen(QColor(200, 200, 200));
    for (double v = m_lo; v <= m_hi * 1.0001; v *= 10) {
        p.drawLine(QPointF(r.left(), yOf(v)), QPointF(r.right(), yOf(v)));
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(0, yOf(v) - 8, 48, 16), Qt::AlignRight | Qt::AlignVCenter,
                   QStringLiteral("1e%1").arg(std::lround(std::log10(v))));
        p.setPen(QColor(200, 200, 200));
    }
    p.setPen(palette().color(QPalette::Text));
    p.drawRect(r);
    const int steps = std::max<int>(1, static_cast<int>(std::max(m_l.size(), m_d.empty() ? 0 : m_d.size() - 1)));
    p.drawText(QRectF(r.left(), r.bottom() + 2, r.width(), 16), Qt::AlignLeft, QStringLiteral("0"));
    p.drawText(QRectF(r.left(), r.bottom() + 2, r.width(), 16), Qt::AlignRight, QString::number(steps));
    p.drawText(QRectF(r.left(), r.bottom() + 16, r.width(), 16), Qt::AlignHCenter, tr("step i"));
    auto curve = [&](const std::vector<float>& v, int first_step, QColor c) {
        QPainterPath path;
        bool started = false;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!(v[i] > 0)) continue;  // log scale: the final d = 0 is not drawn
            const QPointF q(xOf(static_cast<int>(i) + first_step), yOf(v[i]));
            if (started)
                path.lineTo(q);
            else
                path.moveTo(q), started = true;
        }
        p.setPen(QPen(c, 2));
        p.drawPath(path);
    };
    curve(m_l, 1, QColor(30, 90, 200));
    curve(m_d, 0, QColor(220, 110, 20));
    p.setPen(QPen(QColor(200, 30, 30), 1, Qt::DashLine));
    p.drawLine(QPointF(xOf(m_marker), r.top()), QPointF(xOf(m_marker), r.bottom()));
    const QString l = tr("■ lᵢ = ‖xⁱ − xⁱ⁻¹‖, the step length");
    const QString d = tr("■ dᵢ = ‖xⁱ − x^%1‖, the distance to step i₀ = %1").arg(m_reference);
    const double y = r.bottom() + 32;
    p.setPen(QColor(30, 90, 200));
    p.drawText(QRectF(r.left(), y, width() - r.left(), 16), Qt::AlignLeft, l);
    p.setPen(QColor(220, 110, 20));
    p.drawText(QRectF(r.left(), y + 16, width() - r.left(), 16), Qt::AlignLeft, d);
}

}  // namespace dae::ui
