#include "widgets/log_plot.h"

#include <QPainter>

#include <limits>

namespace dae::ui {

LogPlot::LogPlot(QWidget* parent) : QWidget(parent) {
    setMinimumSize(340, 200);
    m_plot.x_label = tr("step i");
    m_plot.colours = {QColor(30, 90, 200), QColor(220, 110, 20)};
    m_plot.line_width = 2;
    setCurves({}, {}, 500);
}

void LogPlot::setCurves(const std::vector<float>& step_length, const std::vector<float>& distance, int reference_step) {
    // Both lines start at step 0: l has no step 0 (a gap); d's 0 at i₀ is a gap on a log scale.
    std::vector<double> l(1, std::numeric_limits<double>::quiet_NaN());
    l.insert(l.end(), step_length.begin(), step_length.end());
    m_plot.lines = {std::move(l), std::vector<double>(distance.begin(), distance.end())};
    m_plot.names = {tr("lᵢ = ‖xⁱ − xⁱ⁻¹‖, the step length"),
                    tr("dᵢ = ‖xⁱ − x^%1‖, the distance to step i₀ = %1").arg(reference_step)};
    update();
}

void LogPlot::setMarker(int step) {
    m_marker = step;
    m_plot.marker = step;
    update();
}

double LogPlot::xOf(int step) const { return log_lines_x(m_plot, width(), height(), step); }

void LogPlot::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.drawImage(0, 0, render_log_lines(m_plot, width(), height()));
}

}  // namespace dae::ui
