#include "render/plot_frame.h"

#include <QPainter>

#include <cmath>

namespace dae::ui {

std::vector<double> ticks(double lo, double hi, int wanted) {
    if (!(hi > lo)) hi = lo + 1;
    const double raw = (hi - lo) / wanted;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= raw) {
            step = m * mag;
            break;
        }
    std::vector<double> out;
    for (double t = std::ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step)
        out.push_back(t);
    return out;
}

QString tick_text(double t) {
    if (std::fabs(t) >= 1e6) return QString::number(t / 1e6, 'g', 4) + QLatin1Char('M');
    if (std::fabs(t) >= 1e4) return QString::number(t / 1e3, 'g', 4) + QLatin1Char('k');
    return QString::number(t, 'g', 4);
}

void draw_frame(QPainter& p, const QRectF& area, const std::vector<Tick>& xs, const std::vector<Tick>& ys) {
    for (const Tick& t : xs) {
        p.setPen(QColor(225, 225, 225));
        p.drawLine(QPointF(t.at, area.top()), QPointF(t.at, area.bottom()));
        p.setPen(Qt::black);
        p.drawText(QRectF(t.at - 30, area.bottom() + 2, 60, 14), Qt::AlignHCenter, t.text);
    }
    for (const Tick& t : ys) {
        p.setPen(QColor(225, 225, 225));
        p.drawLine(QPointF(area.left(), t.at), QPointF(area.right(), t.at));
        p.setPen(Qt::black);
        p.drawText(QRectF(0, t.at - 7, area.left() - 4, 14), Qt::AlignRight | Qt::AlignVCenter, t.text);
    }
    p.setPen(Qt::black);
    p.setBrush(Qt::NoBrush);
    p.drawRect(area);
}

void draw_titles(QPainter& p, const QRectF& area, int width, const QString& title, const QString& x_label,
                 const QString& y_label) {
    QFont normal = p.font();
    normal.setPointSizeF(9);
    p.setFont(normal);
    p.setPen(Qt::black);
    p.drawText(QRectF(area.left(), area.bottom() + 16, area.width(), 16), Qt::AlignHCenter, x_label);
    p.drawText(QRectF(0, 6, width, 18), Qt::AlignHCenter, title);
    p.save();
    p.translate(12, area.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-area.height() / 2, -10, area.height(), 16), Qt::AlignHCenter, y_label);
    p.restore();
}

}  // namespace dae::ui
