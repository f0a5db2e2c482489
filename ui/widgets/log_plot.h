// A trajectory's step lengths lᵢ and distances dᵢ to step i₀ on a log scale against the step
// (Bahdanau & Jaeger 2014, Fig. 7), with a marker at the current step. Drawn by the render
// room's render_log_lines, as the CLI's Fig. 7 is.
#pragma once

#include "render/plot_image.h"

#include <QWidget>

#include <vector>

namespace dae::ui {

class LogPlot : public QWidget {
    Q_OBJECT
public:
    explicit LogPlot(QWidget* parent = nullptr);
    // l[i] belongs to step i+1, d[i] to step i.
    // dᵢ is the distance to step `reference_step` (i₀, the paper's Fig. 7: 500).
    void setCurves(const std::vector<float>& step_length, const std::vector<float>& distance, int reference_step);
    void setMarker(int step);
    int marker() const { return m_marker; }
    QSize sizeHint() const override { return {420, 260}; }
    double xOf(int step) const;  // widget x of a step (tests)

protected:
    void paintEvent(QPaintEvent*) override;

private:
    LinePlot m_plot;
    int m_marker = 0;
};

}  // namespace dae::ui
