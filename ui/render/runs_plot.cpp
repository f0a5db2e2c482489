#include "render/runs_plot.h"

#include "render/file_output.h"
#include "render/outcome_style.h"
#include "render/plot_frame.h"

#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

namespace dae::ui {

namespace {

// The runs a comparison draws: the first kMaxOverlaidRuns.
std::vector<CatalogRun> first_drawn(const std::vector<CatalogRun>& all) {
    return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), kMaxOverlaidRuns))};
}

}  // namespace

QString run_curve_name(RunCurve c) {
    switch (c) {
    case RunCurve::Train: return QStringLiteral("training loss");
    case RunCurve::Validation: return QStringLiteral("validation loss");
    case RunCurve::CleanMse: return QStringLiteral("clean validation MSE");
    }
    return {};
}

QStringList run_names(const std::vector<CatalogRun>& runs) {
    const std::vector<std::string> differing = runs.size() > 1 ? varying_settings(runs) : std::vector<std::string>{};
    QStringList names;
    for (const CatalogRun& run : runs) {
        QStringList parts;
        for (const std::string& key : differing)
            parts << QString::fromStdString(key + "=" + comparable_value(run.result.setting(key)));
        names << (parts.isEmpty() ? QString::fromStdString(run.result.id) : parts.join(QStringLiteral(", ")));
    }
    return names;
}

LinePlot runs_curves_plot(const std::vector<CatalogRun>& all, RunCurve curve, RunAxis axis) {
    const std::vector<CatalogRun> runs = first_drawn(all);
    LinePlot plot;
    plot.title = run_curve_name(curve);
    if (all.size() > runs.size())
        plot.title += QStringLiteral(" (the first %1 of %2 runs)").arg(runs.size()).arg(all.size());
    plot.x_label = axis == RunAxis::Epochs ? QStringLiteral("epoch") : QStringLiteral("training samples seen");
    plot.y_label = run_curve_name(curve);
    plot.first_step = 1;
    plot.floor = 1e-6;
    plot.names = run_names(runs);
    for (std::size_t k = 0; k < runs.size(); ++k) {
        std::vector<double> line;
        const Index samples = axis == RunAxis::Samples ? catalog_training_samples(runs[k]) : 1;
        if (samples > 0)
            for (const EpochReport& e : catalog_curves(runs[k])) {
                const double v = curve == RunCurve::Train        ? e.train_loss
                                 : curve == RunCurve::Validation ? e.validation_loss
                                                                 : e.validation_clean_mse;
                line.push_back(v >= 0 ? v : std::nan(""));  // −1: the run had no validation set
            }
        else
            plot.names[static_cast<qsizetype>(k)] += QStringLiteral(" (not drawn: its training set's size is unknown)");
        plot.lines.push_back(std::move(line));
        plot.colours.push_back(series_colour(static_cast<int>(k)));
        plot.x_scales.push_back(static_cast<double>(samples));
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

std::vector<RunAtlas> runs_atlases(const std::vector<CatalogRun>& all, QStringList* problems) {
    const std::vector<CatalogRun> runs = first_drawn(all);
    const QStringList names = run_names(runs);
    std::vector<RunAtlas> out;
    for (std::size_t k = 0; k < runs.size(); ++k) {
        try {
            auto rows = catalog_atlas(runs[k]);
            if (!rows.empty()) out.push_back({names[static_cast<qsizetype>(k)], std::move(rows)});
        } catch (const std::exception& e) {
            if (problems) *problems << QString::fromStdString(e.what());
        }
    }
    return out;
}

namespace {

// One run's atlas in `panel`: its name above, the outcomes' shares stacked over the epochs [e0, e1].
void paint_atlas_panel(QPainter& p, const QRectF& panel, const RunAtlas& atlas, double e0, double e1) {
    const QRectF area = panel.adjusted(44, 22, -10, -30);
    p.setPen(Qt::black);
    p.drawText(QRectF(panel.left() + 4, panel.top() + 2, panel.width() - 8, 18), Qt::AlignHCenter,
               p.fontMetrics().elidedText(atlas.name, Qt::ElideRight, static_cast<int>(panel.width() - 8)));
    auto x = [&](double epoch) { return area.left() + (epoch - e0) / (e1 - e0) * area.width(); };
    auto y = [&](double share) { return area.bottom() - share * area.height(); };
    std::vector<Tick> xt, yt;
    for (double t : ticks(e0, e1, 4))
        if (t == std::floor(t)) xt.push_back({x(t), QString::number(t)});
    for (double s : {0.0, 0.5, 1.0})
        yt.push_back({y(s), QStringLiteral("%1 %").arg(100 * s)});
    // Per row, the cumulated shares below each outcome's band (bounds[o] … bounds[o + 1]).
    std::vector<std::array<double, kOutcomeCount + 1>> bounds;
    for (const AtlasRow& r : atlas.rows) {
        std::array<double, kOutcomeCount + 1> b{};
        const double total = std::max<double>(1, static_cast<double>(r.summary.total()));
        for (int o = 0; o < kOutcomeCount; ++o)
            b[std::size_t(o) + 1] = b[std::size_t(o)] + static_cast<double>(r.summary.count(Outcome(o))) / total;
        bounds.push_back(b);
    }
    draw_frame(p, area, xt, yt);  // the bands cover its grid lines; the frame is drawn again over them
    p.setPen(Qt::NoPen);
    for (int o = 0; o < kOutcomeCount; ++o) {
        QPolygonF band;
        const bool single = atlas.rows.size() == 1;  // one epoch: a band across the whole panel
        for (std::size_t i = 0; i < atlas.rows.size(); ++i) {
            if (single) band << QPointF(area.left(), y(bounds[i][std::size_t(o) + 1]));
            band << QPointF(single ? area.right() : x(atlas.rows[i].epoch), y(bounds[i][std::size_t(o) + 1]));
        }
        for (std::size_t i = atlas.rows.size(); i-- > 0;) {
            band << QPointF(single ? area.right() : x(atlas.rows[i].epoch), y(bounds[i][std::size_t(o)]));
            if (single) band << QPointF(area.left(), y(bounds[i][std::size_t(o)]));
        }
        p.setBrush(QColor(outcome_colour(Outcome(o))));
        p.drawPolygon(band);
    }
    p.setPen(Qt::black);
    p.setBrush(Qt::NoBrush);
    p.drawRect(area);
}

}  // namespace

int atlas_columns(std::size_t panels) {
    return std::clamp(static_cast<int>((panels + 1) / 2), 3, 5);  // wide rather than tall: views are wide
}

QImage render_runs_atlas(const std::vector<RunAtlas>& atlases) {
    if (atlases.empty()) return {};
    const int n = static_cast<int>(atlases.size());
    const int columns = atlas_columns(atlases.size());
    const int rows = (n + columns - 1) / columns;
    constexpr int kLegend = 28;
    QImage img(columns * kAtlasPanelWidth, kLegend + rows * kAtlasPanelHeight, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    QFont small = p.font();
    small.setPointSizeF(8);
    p.setFont(small);
    double e0 = 1e300, e1 = -1e300;
    for (const RunAtlas& a : atlases)
        for (const AtlasRow& r : a.rows)
            e0 = std::min<double>(e0, r.epoch), e1 = std::max<double>(e1, r.epoch);
    if (!(e1 > e0)) e0 -= 0.5, e1 += 0.5;
    double lx = 8;  // the legend: each outcome's colour and name, in the order of the bands from below
    for (int o = 0; o < kOutcomeCount; ++o) {
        const QString name = QString::fromLatin1(outcome_name(Outcome(o)));
        p.fillRect(QRectF(lx, 9, 10, 10), QColor(outcome_colour(Outcome(o))));
        p.setPen(Qt::black);
        p.drawText(QRectF(lx + 14, 6, 200, 16), Qt::AlignLeft | Qt::AlignVCenter, name);
        lx += 14 + p.fontMetrics().horizontalAdvance(name) + 16;
    }
    p.drawText(QRectF(lx, 6, img.width() - lx - 8, 16), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("(share of each run's probe, by epoch)"));
    for (std::size_t i = 0; i < atlases.size(); ++i) {
        const int c = static_cast<int>(i) % columns, r = static_cast<int>(i) / columns;
        paint_atlas_panel(
            p, QRectF(c * kAtlasPanelWidth, kLegend + r * kAtlasPanelHeight, kAtlasPanelWidth, kAtlasPanelHeight),
            atlases[i], e0, e1);
    }
    return img;
}

}  // namespace dae::ui
