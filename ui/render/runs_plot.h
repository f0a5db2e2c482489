// Runs compared in pictures: their learning curves overlaid, one line per run, the legend naming
// what differs among them — the window's Runs view and `daelab-cli compare --png`.
#pragma once

#include "dae/run_catalog.h"
#include "render/plot_image.h"

#include <QSize>
#include <QString>

#include <vector>

namespace dae::ui {

enum class RunCurve { Train, Validation, CleanMse };
QString run_curve_name(RunCurve c);  // "training loss", …

inline constexpr std::size_t kMaxOverlaidRuns = 20;  // a legend of more is unreadable

// The curves of `runs` (the first kMaxOverlaidRuns) over epochs; names: the settings in which they
// differ ("level=0.3, walkback=2"), or their ids when they differ in none.
LinePlot runs_curves_plot(const std::vector<CatalogRun>& runs, RunCurve curve);
QImage render_runs_curves(const LinePlot& plot);  // render_log_lines, tall enough for the legend
QSize runs_curves_size(const LinePlot& plot);     // its size
// The same picture as an SVG vector drawing; false with a message naming the file when not written.
bool save_runs_curves_svg(const LinePlot& plot, const QString& path, QString* error);

}  // namespace dae::ui
