#include "render/plot_image.h"

#include "render/plot_frame.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace dae::ui {

QColor series_colour(int i) {
    static const QColor palette[] = {QColor("#1565c0"), QColor("#c62828"), QColor("#2e7d32"), QColor("#ef6c00"),
                                     QColor("#6a1b9a"), QColor("#00838f"), QColor("#5d4037"), QColor("#ad1457")};
    // Past the eight, the same hues lighter (8 … 15), then darker (16 … 23), so that 20 overlaid runs
    // still have 20 colours.
    const auto n = static_cast<std::size_t>(std::max(i, 0));
    const QColor c = palette[n % 8];
    switch (n / 8 % 3) {
    case 1: return c.lighter(150);
    case 2: return c.darker(160);
    default: return c;
    }
}

void paint_scatter(QPainter& p, const ScatterPlot& plot, int width, int height) {
    p.setRenderHint(QPainter::Antialiasing);
    QFont small = p.font();
    small.setPointSizeF(8);
    // The legend: the series that have points, in rows as wide as the plot (a row more makes the
    // area 14 px shorter).
    struct Entry {
        const ScatterSeries* series;
        int x, row;
    };
    std::vector<Entry> legend;
    int lx = 64, rows = 1;
    for (const auto& s : plot.series) {
        if (std::none_of(s.points.begin(), s.points.end(),
                         [](const QPointF& q) { return std::isfinite(q.x()) && std::isfinite(q.y()); }))
            continue;
        const int w = 20 + QFontMetrics(small).horizontalAdvance(s.name);
        if (lx > 64 && lx + w > width - 4) lx = 64, ++rows;
        legend.push_back({&s, lx, rows - 1});
        lx += w;
    }
    const QRectF area(58, 30, width - 58 - 16, height - 30 - 48 - 14 * (rows - 1));
    double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
    for (const auto& s : plot.series)
        for (const QPointF& q : s.points) {
            if (!std::isfinite(q.x()) || !std::isfinite(q.y())) continue;
            x0 = std::min(x0, q.x()), x1 = std::max(x1, q.x()), y0 = std::min(y0, q.y()), y1 = std::max(y1, q.y());
        }
    if (x0 > x1) x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    if (std::isfinite(plot.x_lo) && std::isfinite(plot.x_hi) && plot.x_lo < plot.x_hi) x0 = plot.x_lo, x1 = plot.x_hi;
    // A margin of 8 % of the range, or of the value itself when all points share it.
    const double px = std::max((x1 - x0) * 0.08, 0.02 * std::max(std::abs(x0), 1e-3));
    const double py = std::max((y1 - y0) * 0.08, 0.02 * std::max(std::abs(y0), 1e-3));
    x0 -= px, x1 += px, y0 -= py, y1 += py;
    auto X = [&](double v) { return area.left() + (v - x0) / (x1 - x0) * area.width(); };
    auto Y = [&](double v) { return area.bottom() - (v - y0) / (y1 - y0) * area.height(); };
    p.setFont(small);
    std::vector<Tick> xt, yt;
    for (double t : ticks(x0, x1))
        xt.push_back({X(t), tick_text(t)});
    for (double t : ticks(y0, y1))
        yt.push_back({Y(t), tick_text(t)});
    draw_frame(p, area, xt, yt);
    for (const auto& s : plot.series) {
        const double dot = s.joined ? 2 : 4;
        if (s.joined) {
            QPainterPath path;
            bool open = false;
            for (const QPointF& q : s.points) {
                if (!std::isfinite(q.x()) || !std::isfinite(q.y())) {
                    open = false;
                    continue;
                }
                open ? path.lineTo(X(q.x()), Y(q.y())) : path.moveTo(X(q.x()), Y(q.y()));
                open = true;
            }
            p.setPen(QPen(s.colour, 1.6));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
        }
        p.setPen(QPen(s.colour.darker(130), 1));
        p.setBrush(s.colour);
        for (const QPointF& q : s.points)
            if (std::isfinite(q.x()) && std::isfinite(q.y())) p.drawEllipse(QPointF(X(q.x()), Y(q.y())), dot, dot);
    }
    // Legend, axis labels, title.
    for (const Entry& e : legend) {
        const int y = height - 12 - 14 * (rows - 1 - e.row);
        p.setPen(QPen(e.series->colour.darker(130), 1));
        p.setBrush(e.series->colour);
        p.drawEllipse(QPointF(e.x + 4, y), 4, 4);
        p.setPen(Qt::black);
        p.drawText(e.x + 12, y + 5, e.series->name);
    }
    draw_titles(p, area, width, plot.title, plot.x_label, plot.y_label);
}

QImage render_scatter(const ScatterPlot& plot, int width, int height) {
    QImage img(width, height, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    paint_scatter(p, plot, width, height);
    return img;
}

QImage render_heat_map(const HeatMap& m, int cw, int ch) {
    const int rows = static_cast<int>(m.y_ticks.size()), cols = static_cast<int>(m.x_ticks.size());
    const int left = 56, top = 44, bottom = 40;  // the title, then the y label above the cells
    QFont title_font;
    title_font.setPointSizeF(8.5);
    const int title_width = QFontMetrics(title_font).horizontalAdvance(m.title) + 16;
    QImage img(std::max(left + cols * cw + 12, title_width), top + rows * ch + bottom, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    QFont f = p.font();
    f.setPointSizeF(8.5);
    p.setFont(f);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const double v = r < static_cast<int>(m.values.size()) &&
                                     c < static_cast<int>(m.values[static_cast<std::size_t>(r)].size())
                                 ? m.values[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)]
                                 : std::nan("");
            const QRect cell(left + c * cw, top + (rows - 1 - r) * ch, cw, ch);
            if (!std::isfinite(v)) {
                p.fillRect(cell, QColor(240, 240, 240));
                continue;
            }
            const double t = std::clamp((v - m.lo) / (m.hi - m.lo + 1e-12), 0.0, 1.0);
            const QColor colour = QColor::fromHsvF(0.62 - 0.62 * t, 0.55, 0.95);  // blue (low) … red (high)
            p.fillRect(cell, colour);
            p.setPen(Qt::black);
            p.drawText(cell, Qt::AlignCenter,
                       m.unit == QLatin1String("%") ? QString::number(100 * v, 'f', 1) + "%"
                                                    : QString::number(v, 'g', 3));
        }
    p.setPen(QColor(120, 120, 120));
    p.drawRect(left, top, cols * cw, rows * ch);
    p.setPen(Qt::black);
    for (int c = 0; c < cols; ++c)
        p.drawText(QRect(left + c * cw, top + rows * ch + 2, cw, 14), Qt::AlignHCenter, m.x_ticks[c]);
    for (int r = 0; r < rows; ++r)
        p.drawText(QRect(0, top + (rows - 1 - r) * ch, left - 6, ch), Qt::AlignRight | Qt::AlignVCenter, m.y_ticks[r]);
    p.drawText(QRect(left, top + rows * ch + 18, cols * cw, 16), Qt::AlignHCenter, m.x_label);
    p.drawText(QRect(0, 4, img.width(), 18), Qt::AlignHCenter, m.title);
    p.drawText(QRect(2, top - 16, left, 14), Qt::AlignLeft, m.y_label);
    return img;
}

QImage tile_images(const std::vector<QImage>& images, int per_row, int gap) {
    if (images.empty()) return {};
    per_row = std::max(1, per_row);
    int cell_w = 0, cell_h = 0;
    for (const QImage& i : images)
        cell_w = std::max(cell_w, i.width()), cell_h = std::max(cell_h, i.height());
    const int n = static_cast<int>(images.size());
    const int cols = std::min(per_row, n), rows = (n + per_row - 1) / per_row;
    QImage out(cols * cell_w + (cols + 1) * gap, rows * cell_h + (rows + 1) * gap, QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter p(&out);
    for (int k = 0; k < n; ++k)
        p.drawImage(gap + (k % per_row) * (cell_w + gap), gap + (k / per_row) * (cell_h + gap),
                    images[static_cast<std::size_t>(k)]);
    return out;
}

std::vector<QImage> render_phase_maps(const PhaseDiagram& d, const QString& definition) {
    std::vector<QImage> maps;
    for (Outcome o :
         {Outcome::Converged, Outcome::OtherClass, Outcome::Stain, Outcome::Explosion, Outcome::NotConverged}) {
        HeatMap m;
        // Still moving at the stop step is not an outcome but the share the stopping rule leaves
        // (about a quarter by construction of "more than 75 %").
        m.title = o == Outcome::NotConverged
                      ? QStringLiteral("still moving at the stop step")
                      : QStringLiteral("%1 (%2 definition)").arg(QString::fromLatin1(outcome_name(o)), definition);
        m.x_label = QString::fromStdString(d.x_key);
        m.y_label = QString::fromStdString(d.y_key);
        for (double v : d.xs)
            m.x_ticks << QString::number(v);
        for (double v : d.ys)
            m.y_ticks << QString::number(v);
        m.values = d.share[static_cast<std::size_t>(o)];
        m.hi = 0;
        for (const auto& row : m.values)
            for (double v : row)
                if (std::isfinite(v)) m.hi = std::max(m.hi, v);
        if (m.hi <= 0) m.hi = 1;
        maps.push_back(render_heat_map(m));
    }
    return maps;
}

QImage render_phase_diagram(const PhaseDiagram& d, const QString& definition, int per_row) {
    return tile_images(render_phase_maps(d, definition), per_row);
}

namespace {
// Where render_log_lines puts things in an image of that size: the plot area, whole decades
// around the data padded by a quarter decade (so that no line runs along the frame), the steps.
struct LogLinesFrame {
    QRectF area;
    double e0 = 0, e1 = 1, x0 = 0, x1 = 1;
    double x(double step) const { return area.left() + (step - x0) / (x1 - x0) * area.width(); }
    double y(double v) const {
        const double e = std::log10(std::max(v, std::pow(10.0, e0)));
        return area.bottom() - (e - e0) / (e1 - e0) * area.height();
    }
};

double line_scale(const LinePlot& plot, std::size_t i) {
    return i < plot.x_scales.size() && plot.x_scales[i] > 0 ? plot.x_scales[i] : 1.0;
}

LogLinesFrame log_lines_frame(const LinePlot& plot, int width, int height) {
    double lo = 1e300, hi = 0;
    std::size_t longest = 1;
    for (const auto& line : plot.lines) {
        longest = std::max(longest, line.size());
        for (double v : line)
            if (std::isfinite(v) && v > 0) lo = std::min(lo, v), hi = std::max(hi, v);
    }
    if (!(hi > 0)) lo = 1e-8, hi = 1;
    LogLinesFrame f;
    const double top = plot.title.isEmpty() ? 10 : 30, legend = 16.0 * static_cast<double>(plot.names.size());
    f.area = QRectF(58, top, width - 58 - 16, height - top - 40 - legend);
    f.e0 = std::floor(std::log10(std::max(lo, plot.floor))) - 0.25;
    f.e1 = std::max(f.e0 + 1.5, std::ceil(std::log10(hi)) + 0.25);
    f.x0 = 1e300;
    f.x1 = -1e300;
    for (std::size_t i = 0; i < plot.lines.size() || i == 0; ++i) {
        const double scale = line_scale(plot, i);
        const std::size_t n = i < plot.lines.size() ? std::max<std::size_t>(plot.lines[i].size(), 1) : longest;
        f.x0 = std::min(f.x0, plot.first_step * scale);
        f.x1 = std::max(f.x1, (plot.first_step + static_cast<double>(n - 1) + (n == 1)) * scale);
    }
    return f;
}

QColor line_colour(const LinePlot& plot, std::size_t i) {
    return i < plot.colours.size() ? plot.colours[i] : QColor(Qt::black);
}
}  // namespace

double log_lines_x(const LinePlot& plot, int width, int height, double step) {
    return log_lines_frame(plot, width, height).x(step);
}

void paint_log_lines(QPainter& p, const LinePlot& plot, int width, int height) {
    p.setRenderHint(QPainter::Antialiasing);
    const LogLinesFrame f = log_lines_frame(plot, width, height);
    QFont small = p.font();
    small.setPointSizeF(8);
    p.setFont(small);
    std::vector<Tick> xt, yt;
    for (double t : ticks(f.x0, f.x1))
        xt.push_back({f.x(t), tick_text(t)});
    const int every = std::max(1, static_cast<int>(std::ceil((f.e1 - f.e0) / 8)));
    for (int e = static_cast<int>(std::ceil(f.e0)); e <= static_cast<int>(std::floor(f.e1)); e += every)
        yt.push_back({f.y(std::pow(10.0, e)), QStringLiteral("1e%1").arg(e)});
    draw_frame(p, f.area, xt, yt);
    p.setClipRect(f.area);
    for (std::size_t i = 0; i < plot.lines.size(); ++i) {
        const auto& line = plot.lines[i];
        QPainterPath path;
        bool open = false;
        for (std::size_t s = 0; s < line.size(); ++s) {
            if (!std::isfinite(line[s]) || line[s] <= 0) {
                open = false;
                continue;
            }
            const QPointF q(f.x((plot.first_step + static_cast<double>(s)) * line_scale(plot, i)), f.y(line[s]));
            open ? path.lineTo(q) : path.moveTo(q);
            open = true;
        }
        p.setPen(QPen(line_colour(plot, i), plot.line_width));
        p.drawPath(path);
    }
    if (std::isfinite(plot.marker)) {
        p.setPen(QPen(QColor(200, 30, 30), 1, Qt::DashLine));
        p.drawLine(QPointF(f.x(plot.marker), f.area.top()), QPointF(f.x(plot.marker), f.area.bottom()));
    }
    p.setClipping(false);
    draw_titles(p, f.area, width, plot.title, plot.x_label, plot.y_label);
    for (qsizetype i = 0; i < plot.names.size(); ++i) {  // the legend: a line of its own each, under the axis
        p.setPen(line_colour(plot, static_cast<std::size_t>(i)));
        p.drawText(QRectF(f.area.left(), f.area.bottom() + 34 + 16.0 * static_cast<double>(i), f.area.width(), 16),
                   Qt::AlignLeft, QStringLiteral("■ ") + plot.names[i]);
    }
}

QImage render_log_lines(const LinePlot& plot, int width, int height) {
    QImage img(width, height, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    paint_log_lines(p, plot, width, height);
    return img;
}

}  // namespace dae::ui
