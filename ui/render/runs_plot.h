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
// The curves' x axis: epochs, or the training samples seen (an epoch is the run's training set, as its
// model's header or its spec's split says; a run whose size is unknown is left out and says so).
enum class RunAxis { Epochs, Samples };

inline constexpr std::size_t kMaxOverlaidRuns = 20;  // a legend of more is unreadable

// The curves of `runs` (the first kMaxOverlaidRuns) over epochs; names: the settings in which they
// differ ("level=0.3, walkback=2"), or their ids when they differ in none.
LinePlot runs_curves_plot(const std::vector<CatalogRun>& runs, RunCurve curve, RunAxis axis = RunAxis::Epochs);
// What names each run in a comparison: the settings in which `runs` differ ("level=0.3, walkback=2"),
// or its id when they differ in none.
QStringList run_names(const std::vector<CatalogRun>& runs);
QImage render_runs_curves(const LinePlot& plot);  // render_log_lines, tall enough for the legend
QSize runs_curves_size(const LinePlot& plot);     // its size
// The same picture as an SVG vector drawing; false with a message naming the file when not written.
bool save_runs_curves_svg(const LinePlot& plot, const QString& path, QString* error);

// The outcome atlases of the runs that recorded one (catalog_atlas), as small multiples, 3 to 5 to
// a row (atlas_columns): for each run, the share of each outcome of its probe after every epoch, stacked in the
// Dynamics tab's colours, on one scale (0 … 100 %, the epochs of the longest). Named as the curves.
struct RunAtlas {
    QString name;
    std::vector<AtlasRow> rows;
};
// The atlases of the first kMaxOverlaidRuns runs; `problems` gets a line for each atlas file that
// could not be read. Runs without an atlas are left out.
std::vector<RunAtlas> runs_atlases(const std::vector<CatalogRun>& runs, QStringList* problems);
QImage render_runs_atlas(const std::vector<RunAtlas>& atlases);  // null when there are none
inline constexpr int kAtlasPanelWidth = 300, kAtlasPanelHeight = 190;
int atlas_columns(std::size_t panels);  // panels to a row: half of them, 3 at least, 5 at most

}  // namespace dae::ui
