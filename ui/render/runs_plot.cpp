#include "render/runs_plot.h"

#include "render/file_output.h"

#include <cmath>

namespace dae::ui {

QString run_curve_name(RunCurve c) {
    switch (c) {
    case RunCurve::Train: return QStringLiteral("training loss");
    case RunCurve::Validation: return QStringLiteral("validation loss");
    case RunCurve::CleanMse: return QStringLiteral("clean validation MSE");
    }
    return {};
}

LinePlot runs_curves_plot(const std::vector<CatalogRun>& all, RunCurve curve) {
    const std::vector<CatalogRun> runs(
        all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), kMaxOverlaidRuns)));
    const std::vector<std::string> differing = runs.size() > 1 ? varying_settings(runs) : std::vector<std::string>{};
    LinePlot plot;
    plot.title = run_curve_name(curve);
    if (all.size() > runs.size())
        plot.title += QStringLiteral(" (the first %1 of %2 runs)").arg(runs.size()).arg(all.size());
    plot.x_label = QStringLiteral("epoch");
    plot.y_label = run_curve_name(curve);
    plot.first_step = 1;
    plot.floor = 1e-6;
    for (std::size_t k = 0; k < runs.size(); ++k) {
        std::vector<double> line;
        for (const EpochReport& e : catalog_curves(runs[k])) {
            const double v = curve == RunCurve::Train        ? e.train_loss
                             : curve == RunCurve::Validation ? e.validation_loss
                                                             : e.validation_clean_mse;
            line.push_back(v >= 0 ? v : std::nan(""));  // −1: the run had no validation set
        }
        plot.lines.push_back(std::move(line));
        plot.colours.push_back(series_colour(static_cast<int>(k)));
        QStringList parts;
        for (const std::string& key : differing)
            parts << QString::fromStdString(key + "=" + comparable_value(runs[k].result.setting(key)));
        plot.names << (parts.isEmpty() ? QString::fromStdString(runs[k].result.id) : parts.join(QStringLiteral(", ")));
    }
    return plot;
}

QSize runs_curves_size(const LinePlot& plot) { return {720, 360 + 16 * static_cast<int>(plot.names.size())}; }

QImage render_runs_curves(const LinePlot& plot) {
    const QSize size = runs_curves_size(plot);
    return render_log_lines(plot, size.width(), size.height());
}

bool save_runs_curves_svg(const LinePlot& plot, const QString& path, QString* error) {
    const QSize size = runs_curves_size(plot);
    return save_svg([&](QPainter& p) { paint_log_lines(p, plot, size.width(), size.height()); }, size, plot.title, path,
                    error);
}

}  // namespace dae::ui
