// The Runs view's comparison of the selected runs: curves overlaid, filters side by side, one digit
// iterated under each, the scatter of every run; and what it saves (CSV, SVG).
#include "dae/dynamics.h"
#include "dae/model_io.h"
#include "dae/numbers.h"
#include "experiments/runs_panel.h"
#include "experiments/runs_table.h"
#include "render/file_output.h"
#include "render/runs_plot.h"
#include "render/tile_image.h"
#include "widgets/image_view.h"

#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPainter>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>

#include <algorithm>
#include <cmath>
#include <map>

namespace dae::ui {

namespace {

constexpr std::size_t kMaxModelRows = 8;  // runs whose filters or trajectories are drawn
constexpr int kFiltersPerRun = 20;

}  // namespace

bool RunsPanel::showComparison(const QString& name) {
    for (int i = 0; i < m_compare->count(); ++i)
        if (m_compare->tabText(i).startsWith(name, Qt::CaseInsensitive)) {
            m_compare->setCurrentIndex(i);
            return true;
        }
    return false;
}

void RunsPanel::compare() {
    std::vector<std::size_t> runs = selectedRuns();
    drawCurves(runs);
    drawOutcomes(runs);
    drawFilters(runs);
    drawTrajectories(runs);
}

void RunsPanel::drawCurves(const std::vector<std::size_t>& selected) {
    const std::vector<CatalogRun> runs = catalogOf(selected);
    const LinePlot plot = runs_curves_plot(runs, static_cast<RunCurve>(m_curve->currentIndex()),
                                           m_axis->currentIndex() == 1 ? RunAxis::Samples : RunAxis::Epochs);
    const bool any = std::any_of(plot.lines.begin(), plot.lines.end(), [](const auto& l) { return !l.empty(); });
    m_curve_names = any ? plot.names : QStringList();
    m_curves_plot = plot;
    m_curves_image = any ? render_runs_curves(plot) : QImage();
    m_curves_view->setImage(m_curves_image);
    m_curves_view->setCaption(runs.empty() ? tr("Select runs in the table to overlay their learning curves.")
                              : any        ? QString()
                                           : tr("The selected runs have no learning curves here (a results.csv "
                                                       "without its runs' folders; open the grid's folder for them)."));
}

std::vector<CatalogRun> RunsPanel::catalogOf(const std::vector<std::size_t>& selected) const {
    std::vector<CatalogRun> runs;
    for (std::size_t i : selected)
        runs.push_back(m_table->runs()[i]);
    return runs;
}

void RunsPanel::setCurvesOverSamples(bool samples) { m_axis->setCurrentIndex(samples ? 1 : 0); }

std::vector<std::pair<std::string, std::string>>
RunsPanel::selectedModels(const std::vector<std::size_t>& selected) const {
    std::vector<std::pair<std::string, std::string>> models;
    for (std::size_t i : selected)
        if (!m_table->runs()[i].model.empty() && models.size() < kMaxModelRows)
            models.emplace_back(m_table->runs()[i].model, m_table->runs()[i].result.id);
    return models;
}

void RunsPanel::drawFilters(const std::vector<std::size_t>& selected) {
    const auto models = selectedModels(selected);
    const quint64 request = ++*m_filters_request;
    if (models.empty()) {
        m_filters_image = QImage();
        m_filters_view->setImage(m_filters_image);
        m_filters_view->setCaption(
            tr("Select runs with a model to see their first %1 filters, a row per run.").arg(kFiltersPerRun));
        return;
    }
    m_filters_view->setCaption(tr("Loading the models of %1 runs…").arg(models.size()));
    m_worker.run(
        [models, request,
         latest = m_filters_request](const JobContext& ctx) -> std::optional<std::pair<QImage, QString>> {
            std::vector<Matrix> rows;
            int side = 0;
            QString note;  // the last model that could not be read
            for (const auto& [path, id] : models) {
                if (ctx.cancelled() || *latest != request) return std::nullopt;  // another selection since
                try {
                    const SavedModel m = load_model(path);
                    const int s = static_cast<int>(std::lround(std::sqrt(static_cast<double>(m.model.visible()))));
                    if (s * s != m.model.visible() || (side && s != side)) continue;  // not square, or another size
                    side = s;
                    rows.push_back(m.model.w1.topRows(std::min<Index>(kFiltersPerRun, m.model.hidden())).transpose());
                } catch (const std::exception& e) {
                    note = QString::fromStdString(e.what());
                }
            }
            return std::pair{side ? tile_rows_image(rows, side, side, kFiltersPerRun) : QImage(), note};
        },
        [this, request](std::pair<QImage, QString> drawn) {
            if (request != *m_filters_request) return;  // another selection since
            m_filters_image = drawn.first;
            m_filters_view->setImage(m_filters_image);
            m_filters_view->setCaption(drawn.second.isEmpty()
                                           ? tr("The first %1 hidden units of each run, a row per run "
                                                "in the table's order, each filter on its own scale")
                                                 .arg(kFiltersPerRun)
                                           : drawn.second);
        },
        [this, request](const QString& why) {
            if (request == *m_filters_request) m_filters_view->setCaption(why);
        });
}

const std::vector<int>& RunsPanel::trajectorySteps() {
    static const std::vector<int> steps{0, 1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000};
    return steps;
}

void RunsPanel::setData(SharedPartition data) {
    m_data = std::move(data);
    m_digit->setRange(0, m_data ? static_cast<int>(std::max<Index>(1, m_data->test.size())) - 1 : 0);
    drawTrajectories(selectedRuns());
}

void RunsPanel::setTrajectoryDigit(int index) { m_digit->setValue(index); }

void RunsPanel::setTrajectoryStep(int index) { m_step->setValue(index < 0 ? m_step->maximum() : index); }

void RunsPanel::drawTrajectories(const std::vector<std::size_t>& selected) {
    const auto models = selectedModels(selected);
    const quint64 request = ++*m_trajectories_request;
    if (models.empty() || !m_data || m_data->test.size() == 0) {
        m_trajectory_rows.clear();
        m_trajectories_image = QImage();
        m_trajectories_view->setImage(m_trajectories_image);
        m_trajectories_view->setCaption(tr("Select runs with a model to iterate one test digit under each."));
        return;
    }
    const Dataset& test = m_data->test;
    const int digit = std::min(m_digit->value(), static_cast<int>(test.size()) - 1);
    m_trajectories_view->setCaption(tr("Iterating test digit %1 under %2 models…").arg(digit).arg(models.size()));
    m_worker.run(
        [models, request, latest = m_trajectories_request, data = m_data,
         digit](const JobContext& ctx) -> std::optional<std::pair<std::vector<Matrix>, QStringList>> {
            const Dataset& set = data->test;
            std::vector<Matrix> rows;
            QStringList endings;  // how the digit ended under each model, or why it was not iterated
            for (const auto& [path, id] : models) {
                if (ctx.cancelled() || *latest != request) return std::nullopt;  // another selection or digit since
                try {
                    const SavedModel m = load_model(path);
                    if (m.model.visible() != set.dim()) {
                        endings << QString::fromStdString(id) + tr(": its model is not for these images");
                        continue;
                    }
                    IterationConfig config;
                    config.frame_steps = trajectorySteps();
                    config.max_steps = trajectorySteps().back();
                    config.stop_fraction = 1;
                    const IterationResult r = iterate(m.model, set.samples.col(digit), config, ctx.observer());
                    Matrix row(set.dim(), static_cast<Index>(trajectorySteps().size()));
                    for (std::size_t f = 0; f < trajectorySteps().size(); ++f)  // a digit that settled shows its end
                        row.col(static_cast<Index>(f)) =
                            f < r.frames.size() ? r.frames[f].col(0) : r.fixed_points.col(0);
                    rows.push_back(std::move(row));
                    endings << QString::fromStdString(id + ": " + ending_name(r.ending[0]) + " at step " +
                                                      std::to_string(r.steps[0]));
                } catch (const std::exception& e) {
                    endings << QString::fromStdString(id + ": " + e.what());
                }
            }
            return std::pair{std::move(rows), endings};
        },
        [this, request, digit,
         size = QSize(test.width, test.height)](std::pair<std::vector<Matrix>, QStringList> done) {
            if (request != *m_trajectories_request) return;
            m_trajectory_rows = std::move(done.first);
            m_trajectory_size = size;
            m_trajectory_digit = digit;
            m_trajectories_view->setToolTip(done.second.join(QLatin1Char('\n')));
            showTrajectoryStep();
        },
        [this, request](const QString& why) {
            if (request == *m_trajectories_request) m_trajectories_view->setCaption(why);
        });
}

void RunsPanel::showTrajectoryStep() {
    const auto& steps = trajectorySteps();
    const int at = m_step->value();  // an index into steps; past the last: every step
    const bool all = at >= static_cast<int>(steps.size());
    m_step_label->setText(all ? tr("every step") : tr("step %1").arg(steps[static_cast<std::size_t>(at)]));
    if (m_trajectory_rows.empty()) return;
    const int w = m_trajectory_size.width(), h = m_trajectory_size.height();
    if (all) {
        m_trajectories_image =
            tile_rows_image(m_trajectory_rows, w, h, static_cast<int>(steps.size()), TileScaling::Fixed01);
        m_trajectories_view->setCaption(tr("Test digit %1 at steps 0, 1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000; "
                                           "a row per run (hover: how each ended)")
                                            .arg(m_trajectory_digit));
    } else {  // the runs side by side at one step, in the table's order
        Matrix frames(static_cast<Index>(w) * h, std::ssize(m_trajectory_rows));
        for (std::size_t r = 0; r < m_trajectory_rows.size(); ++r)
            frames.col(static_cast<Index>(r)) = m_trajectory_rows[r].col(at);
        m_trajectories_image =
            tile_rows_image({frames}, w, h, static_cast<int>(m_trajectory_rows.size()), TileScaling::Fixed01);
        m_trajectories_view->setCaption(tr("Test digit %1 after %2 steps of xⁱ = r(xⁱ⁻¹), the runs side by side "
                                           "in the table's order")
                                            .arg(m_trajectory_digit)
                                            .arg(steps[static_cast<std::size_t>(at)]));
    }
    m_trajectories_view->setImage(m_trajectories_image);
}

void RunsPanel::drawScatter() {
    const std::string x = m_scatter_x->currentText().toStdString(), y = m_scatter_y->currentText().toStdString();
    const std::string colour =
        m_scatter_colour->currentIndex() > 0 ? m_scatter_colour->currentText().toStdString() : "";
    ScatterPlot plot;
    plot.title = QString::fromStdString(y + " against " + x);
    plot.x_label = QString::fromStdString(x);
    plot.y_label = QString::fromStdString(y);
    std::map<std::string, std::size_t> series;
    for (const CatalogRun& r : m_table->runs()) {
        double vx = r.result.metric(x);
        if (!std::isfinite(vx)) vx = parse_number(r.result.setting(x)).value_or(std::nan(""));  // text: no point
        const double vy = r.result.metric(y);
        if (!std::isfinite(vx) || !std::isfinite(vy)) continue;
        const std::string key = colour.empty() ? y : colour + "=" + comparable_value(r.result.setting(colour));
        auto [it, added] = series.emplace(key, plot.series.size());
        if (added)
            plot.series.push_back({QString::fromStdString(key), series_colour(static_cast<int>(it->second)), {}});
        plot.series[it->second].points.emplace_back(vx, vy);
    }
    m_scatter_image = plot.series.empty() ? QImage() : render_scatter(plot, 640, 420);
    m_scatter_plot = plot;
    m_scatter_view->setImage(m_scatter_image);
    m_scatter_view->setCaption(plot.series.empty() ? tr("No run has both %1 and %2.").arg(plot.x_label, plot.y_label)
                                                   : tr("Every listed run, one point each"));
}

bool RunsPanel::saveSvg(const QString& comparison, const QString& path, QString* error) const {
    const bool loss = comparison == QLatin1String("loss");
    const QImage& shown = loss ? m_curves_image : m_scatter_image;
    if (shown.isNull()) {
        if (error) *error = path + tr(": nothing drawn yet (select runs first)");
        return false;
    }
    if (loss) return save_runs_curves_svg(m_curves_plot, path, error);
    return save_svg([&](QPainter& p) { paint_scatter(p, m_scatter_plot, shown.width(), shown.height()); }, shown.size(),
                    m_scatter_plot.title, path, error);
}

bool RunsPanel::exportCsv(const QString& path, QString* error) const {
    std::vector<int> rows;
    for (const QModelIndex& i : m_view->selectionModel()->selectedRows())
        rows.push_back(m_proxy->mapToSource(i).row());
    std::sort(rows.begin(), rows.end());
    return write_text_file(path, m_table->csv(rows), error);
}

}  // namespace dae::ui
