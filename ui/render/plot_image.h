// Plots drawn straight into a QImage with QPainter, for PNGs the CLI writes and the GUI shows:
// scatter plots (the paper's Fig. 5: one point per run; joined, the census's basin sizes by epoch), lines on a log
// scale (its Fig. 7: step lengths against the step) and heat maps (the phase diagram of outcome shares over σ × k).
// Text needs a QGuiApplication (the CLI makes an offscreen one).
#pragma once

#include "dae/grid_figures.h"

#include <QColor>
#include <QImage>
#include <QPointF>
#include <QString>
#include <QStringList>

class QPainter;

#include <cmath>
#include <vector>

namespace dae::ui {

struct ScatterSeries {
    QString name;
    QColor colour;
    std::vector<QPointF> points;
    bool joined = false;  // a line through the points in their order, with small dots (a linear line chart)
};

struct ScatterPlot {
    QString title, x_label, y_label;
    std::vector<ScatterSeries> series;
    double x_lo = std::nan(""), x_hi = std::nan("");  // the x range to show (NaN: the points')
};
QImage render_scatter(const ScatterPlot& plot, int width = 420, int height = 320);
void paint_scatter(QPainter& p, const ScatterPlot& plot, int width, int height);  // onto any device (SVG)
QColor series_colour(int i);  // the plots' palette: 8 well-separated hues, then lighter and darker (24 in all)

// Lines over a log-scale y axis: lines[i][s] is the value at step first_step + s (NaN or 0: a gap;
// values below `floor` are drawn at it). The paper's Fig. 7 (daelab-cli plot fig7) and the
// trajectory player's lᵢ and dᵢ are both drawn by render_log_lines.
struct LinePlot {
    QString title, x_label, y_label;
    std::vector<std::vector<double>> lines;
    std::vector<QColor> colours;  // per line (black when missing)
    QStringList names;            // a legend under the x axis, a line per name in its line's colour (empty: none)
    int first_step = 0;
    // Per line, x = (first_step + s) × its scale (the runs' curves over samples: an epoch's worth);
    // a line without one has scale 1.
    std::vector<double> x_scales;
    double floor = 1e-8;
    double line_width = 1.2;
    double marker = std::nan("");  // a dashed vertical line at this step (NaN: none)
};
QImage render_log_lines(const LinePlot& plot, int width = 420, int height = 300);
void paint_log_lines(QPainter& p, const LinePlot& plot, int width, int height);  // onto any device (SVG)
double log_lines_x(const LinePlot& plot, int width, int height, double step);    // a step's x in that image

struct HeatMap {
    QString title;
    QString x_label, y_label;
    QStringList x_ticks, y_ticks;             // columns, rows (rows drawn bottom to top)
    std::vector<std::vector<double>> values;  // [row][column], NaN: no data
    double lo = 0, hi = 1;                    // the colour scale
    QString unit = QStringLiteral("%");       // values are shown ×100 with this unit when "%"
};
QImage render_heat_map(const HeatMap& map, int cell_width = 64, int cell_height = 44);

// The phase diagram as heat maps side by side, one per outcome (converged, other class, stain,
// explosion, not converged), `per_row` maps a row: the daelab-cli plot phase PNG (all five in one
// row) and the GUI's Phase diagram tab (as many as its width holds).
inline constexpr int kPhaseMaps = 5;
std::vector<QImage> render_phase_maps(const PhaseDiagram& d, const QString& definition);  // kPhaseMaps maps
QImage render_phase_diagram(const PhaseDiagram& d, const QString& definition, int per_row = kPhaseMaps);

// Images side by side (or in rows of `per_row`), `gap` pixels apart and around, on white.
inline constexpr int kTileGap = 8;
QImage tile_images(const std::vector<QImage>& images, int per_row, int gap = kTileGap);

}  // namespace dae::ui
