// The frame every plot of the render room draws around its data: round tick positions, grid lines
// with their labels, the title and the axis labels. (Internal to the render room.)
#pragma once

#include <QRectF>
#include <QString>

#include <vector>

class QPainter;

namespace dae::ui {

// Nice round tick positions covering [lo, hi].
std::vector<double> ticks(double lo, double hi, int wanted = 5);

// A tick's label: 4 significant digits, large numbers in thousands or millions ("15k", "2.5M").
QString tick_text(double t);

// A tick at a pixel position along its axis, with its label.
struct Tick {
    double at;
    QString text;
};

// Grid lines and tick labels around `area`, then its frame (in the painter's current font).
void draw_frame(QPainter& p, const QRectF& area, const std::vector<Tick>& xs, const std::vector<Tick>& ys);

// The title above, the x label below `area`, the y label turned along its left side.
void draw_titles(QPainter& p, const QRectF& area, int width, const QString& title, const QString& x_label,
                 const QString& y_label);

}  // namespace dae::ui
