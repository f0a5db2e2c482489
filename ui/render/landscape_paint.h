// The landscape map drawn with QPainter — one drawing for the window's view (LandscapeView), its
// PNG and SVG exports and `daelab-cli landscape --png`: every digit a dot in its label's colour at
// time t of its path, the attractors as rings sized by their basins (area ∝ basin) in their
// outcome's colour (a cross for an explosion, a square for a stain), and one digit's whole path
// when it is highlighted. The frame is fixed for a map (every kept step fits), so the dots move in
// a picture that stays still while they flow.
#pragma once

#include "dae/landscape.h"

#include <QColor>
#include <QImage>
#include <QRectF>

class QPainter;

namespace dae::ui {

QColor label_colour(int label);  // ten well-separated hues for the digits 0 … 9, grey otherwise

struct LandscapeLook {
    double time = 0;       // t ∈ [0, frames − 1]: where the digits are drawn
    Index highlight = -1;  // a digit whose whole path is drawn (−1: none)
    double point_radius = 2;
};

// Where a point of the plane lands in the drawing, for painting and for finding the digit under
// the mouse.
class LandscapeFrame {
public:
    LandscapeFrame(const Landscape& map, QRectF area);
    QPointF place(float x, float y) const;
    QRectF plot() const { return m_plot; }

private:
    QRectF m_plot;
    double m_x0 = 0, m_y0 = 0, m_sx = 1, m_sy = 1;
};

// The basin marker's radius in pixels: area proportional to the basin, the largest 18 px.
double basin_radius(const Landscape& map, const LandscapeBasin& basin);

void paint_landscape(QPainter& p, const Landscape& map, QRectF area, const LandscapeLook& look);
QImage render_landscape(const Landscape& map, QSize size, const LandscapeLook& look);

}  // namespace dae::ui
