// A small log-scale line plot of a trajectory's step lengths lᵢ and distances to the end dᵢ
// against the step (Bahdanau & Jaeger 2014, Fig. 7), with a marker at the current step.
#pragma once

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
    // Widget x of a step (tests).
    double xOf(int step) const;

protected:
    void paintEvent(QPaintEvent*) override;

private:
    QRectF plotRect() const;
    double yOf(double v) const;
    std::vector<float> m_l, m_d;
    int m_marker = 0;
    int m_reference = 500;
    double m_lo = 1e-8, m_hi = 10;
};

}  // namespace dae::ui
