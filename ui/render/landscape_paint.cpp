#include "render/landscape_paint.h"

#include "render/outcome_style.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPolygonF>

#include <algorithm>
#include <cmath>

namespace dae::ui {

namespace {
constexpr int kLegendBand = 22;  // the labels' colours above the plot
constexpr int kAxisBand = 20;    // the axes' names below it
constexpr double kLargestBasin = 18;
}  // namespace

QColor label_colour(int label) {
    static const QColor palette[] = {QColor("#1f77b4"), QColor("#ff7f0e"), QColor("#2ca02c"), QColor("#d62728"),
                                     QColor("#9467bd"), QColor("#8c564b"), QColor("#e377c2"), QColor("#7f7f7f"),
                                     QColor("#bcbd22"), QColor("#17becf")};
    return label >= 0 && label < 10 ? palette[label] : QColor("#b0b0b0");
}

LandscapeFrame::LandscapeFrame(const Landscape& map, QRectF area) {
    m_plot = area.adjusted(8, kLegendBand, -8, -kAxisBand);
    double lo[2] = {0, 0}, hi[2] = {0, 0};
    if (map.size() > 0 && map.frames() > 0)
        for (int k = 0; k < 2; ++k) {
            lo[k] = map.starts()(k, 0);
            hi[k] = lo[k];
            for (const Matrix& f : map.paths) {
                lo[k] = std::min<double>(lo[k], f.row(k).minCoeff());
                hi[k] = std::max<double>(hi[k], f.row(k).maxCoeff());
            }
        }
    for (int k = 0; k < 2; ++k) {
        const double pad = std::max(hi[k] - lo[k], 1e-6) * 0.04;
        lo[k] -= pad;
        hi[k] += pad;
    }
    m_x0 = lo[0];
    m_y0 = hi[1];
    m_sx = m_plot.width() / (hi[0] - lo[0]);
    m_sy = m_plot.height() / (hi[1] - lo[1]);
}

QPointF LandscapeFrame::place(float x, float y) const {
    return {m_plot.left() + (x - m_x0) * m_sx, m_plot.top() + (m_y0 - y) * m_sy};
}

double basin_radius(const Landscape& map, const LandscapeBasin& basin) {
    const double largest = map.basins.empty() ? 1 : static_cast<double>(map.basins.front().basin.size());
    return std::max(3.0, kLargestBasin * std::sqrt(static_cast<double>(basin.basin.size()) / largest));
}

namespace {

void paint_legend(QPainter& p, QRectF area, const Landscape& map) {
    std::vector<int> present(11, 0);
    for (int l : map.labels)
        ++present[static_cast<std::size_t>(l >= 0 && l < 10 ? l : 10)];
    const QFontMetrics fm(p.font());
    double x = area.left() + 8;
    const double y = area.top() + 4;
    for (int l = 0; l < 11; ++l) {
        if (present[static_cast<std::size_t>(l)] == 0) continue;
        const QString name = l < 10 ? QString::number(l) : QStringLiteral("unlabelled");
        p.setPen(Qt::NoPen);
        p.setBrush(label_colour(l < 10 ? l : -1));
        p.drawEllipse(QPointF(x + 5, y + 7), 4.5, 4.5);
        p.setPen(Qt::black);
        p.drawText(QPointF(x + 12, y + 11), name);
        x += 18 + fm.horizontalAdvance(name);
    }
    // What a ring is, right-aligned.
    const QString ring = QStringLiteral("ring: an attractor, its area its basin; × explosion, □ stain");
    p.setPen(QColor("#555"));
    p.drawText(QPointF(area.right() - 8 - fm.horizontalAdvance(ring), y + 11), ring);
}

void paint_axes(QPainter& p, QRectF area, const LandscapeFrame& frame, const Landscape& map, double time) {
    p.setPen(QColor("#999"));
    p.setBrush(Qt::NoBrush);
    p.drawRect(frame.plot());
    p.setPen(QColor("#444"));
    const QString axes = QStringLiteral("principal component 1 of the pixels (%1 %) → · ↑ component 2 (%2 %)")
                             .arg(100 * map.plane.explained[0], 0, 'f', 1)
                             .arg(100 * map.plane.explained[1], 0, 'f', 1);
    const QRectF band(area.left() + 8, area.bottom() - kAxisBand + 2, area.width() - 16, kAxisBand - 2);
    p.drawText(band, Qt::AlignLeft | Qt::AlignVCenter, axes);
    p.drawText(band, Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("%1 digits · step %2 of %3").arg(map.size()).arg(map.step_at(time)).arg(map.steps_run));
}

void paint_basins(QPainter& p, const Landscape& map, const LandscapeFrame& frame, double opacity) {
    p.setOpacity(opacity);
    p.setBrush(Qt::NoBrush);
    for (const LandscapeBasin& b : map.basins) {
        const QPointF c = frame.place(b.x, b.y);
        const double r = basin_radius(map, b);
        // A basin of one digit (a spurious attractor) is drawn thin: the shared ones stand out.
        p.setPen(QPen(QColor(outcome_colour(b.outcome)), b.basin.size() > 1 ? 2.0 : 0.8));
        if (b.outcome == Outcome::Explosion) {
            p.drawLine(c + QPointF(-r, -r), c + QPointF(r, r));
            p.drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
        } else if (b.outcome == Outcome::Stain) {
            p.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r));
        } else {
            p.drawEllipse(c, r, r);
        }
    }
    p.setOpacity(1);
}

void paint_path(QPainter& p, const Landscape& map, const LandscapeFrame& frame, Index j) {
    QPolygonF path;
    for (const Matrix& f : map.paths)
        path << frame.place(f(0, j), f(1, j));
    p.setPen(QPen(Qt::black, 1.5));
    p.setBrush(Qt::NoBrush);
    p.drawPolyline(path);
    p.setBrush(Qt::white);
    p.drawEllipse(path.front(), 3.5, 3.5);
    p.setBrush(Qt::black);
    p.drawEllipse(path.back(), 3.5, 3.5);
}

}  // namespace

void paint_landscape(QPainter& p, const Landscape& map, QRectF area, const LandscapeLook& look) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(area, Qt::white);
    QFont small = p.font();
    small.setPointSizeF(8);
    p.setFont(small);
    paint_legend(p, area, map);
    if (map.frames() == 0 || map.size() == 0) {
        p.restore();
        return;
    }
    const LandscapeFrame frame(map, area);
    paint_axes(p, area, frame, map, look.time);
    p.setClipRect(frame.plot());
    const double last = map.frames() - 1;
    const bool at_end = look.time >= last - 1e-9;
    paint_basins(p, map, frame, at_end ? 0.35 : 0.2);  // under the dots: where they are going
    // The dots, one polygon per label (a few thousand points draw in a few milliseconds).
    std::vector<QPolygonF> by_label(11);
    for (Index j = 0; j < map.size(); ++j) {
        const int l = map.labels[static_cast<std::size_t>(j)];
        const auto [x, y] = map.at(j, look.time);
        by_label[static_cast<std::size_t>(l >= 0 && l < 10 ? l : 10)] << frame.place(x, y);
    }
    for (int l = 0; l < 11; ++l) {
        p.setPen(QPen(label_colour(l < 10 ? l : -1), 2 * look.point_radius, Qt::SolidLine, Qt::RoundCap));
        p.drawPoints(by_label[static_cast<std::size_t>(l)]);
    }
    if (at_end) paint_basins(p, map, frame, 1);  // arrived: the attractors on top
    if (look.highlight >= 0 && look.highlight < map.size()) paint_path(p, map, frame, look.highlight);
    p.restore();
}

QImage render_landscape(const Landscape& map, QSize size, const LandscapeLook& look) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    paint_landscape(p, map, QRectF(QPointF(0, 0), QSizeF(size)), look);
    return image;
}

}  // namespace dae::ui
