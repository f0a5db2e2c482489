#include "widgets/vector_field_view.h"

#include "dae/dynamics.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace dae::ui {

namespace {
constexpr int kArrowGrid = 21;
constexpr int kBasinCells = 60;
const QColor kBasinColours[] = {QColor(255, 225, 200), QColor(200, 225, 255), QColor(210, 245, 210),
                                QColor(245, 215, 245), QColor(255, 250, 200), QColor(215, 245, 245),
                                QColor(235, 225, 210), QColor(225, 225, 245)};
}  // namespace

std::vector<FieldArrow> field_arrows(const Autoencoder& model, int grid) {
    Matrix base(2, Index{grid} * grid);
    for (int i = 0; i < grid; ++i)
        for (int j = 0; j < grid; ++j) {
            base(0, Index{i} * grid + j) = (j + 0.5f) / grid;
            base(1, Index{i} * grid + j) = (i + 0.5f) / grid;
        }
    const Matrix r = model.reconstruct(base);
    std::vector<FieldArrow> out;
    for (Index k = 0; k < base.cols(); ++k)
        out.push_back({base.col(k), r.col(k) - base.col(k)});
    return out;
}

Basins compute_basins(const Autoencoder& model, int cells, double merge) {
    Matrix start(2, Index{cells} * cells);
    for (int i = 0; i < cells; ++i)
        for (int j = 0; j < cells; ++j) {
            start(0, Index{i} * cells + j) = (j + 0.5f) / cells;
            start(1, Index{i} * cells + j) = (i + 0.5f) / cells;
        }
    IterationConfig c;
    c.stop_fraction = 1.0;
    c.max_steps = 2000;
    c.epsilon = 1e-5;
    const IterationResult r = iterate(model, start, c);
    Basins b;
    b.cells = cells;
    b.basin.assign(static_cast<std::size_t>(start.cols()), -1);
    for (Index k = 0; k < start.cols(); ++k) {
        if (r.ending[static_cast<std::size_t>(k)] != Ending::Converged) continue;
        const Vector x = r.fixed_points.col(k);
        int found = -1;
        for (std::size_t a = 0; a < b.attractors.size() && found < 0; ++a)
            if ((b.attractors[a] - x).norm() < merge) found = static_cast<int>(a);
        if (found < 0) {
            found = static_cast<int>(b.attractors.size());
            b.attractors.push_back(x);
        }
        b.basin[static_cast<std::size_t>(k)] = found;
    }
    return b;
}

FieldAgreement field_agreement(const Autoencoder& model, const Matrix& points,
                               const std::function<Vector(const Vector&)>& true_arrow) {
    FieldAgreement a;
    if (points.cols() == 0) return a;
    const Matrix r = model.reconstruct(points);
    double angles = 0, errors = 0;
    Index n = 0;
    for (Index k = 0; k < points.cols(); ++k) {
        const Eigen::Vector2d learned = (r.col(k) - points.col(k)).cast<double>();
        const Eigen::Vector2d truth = true_arrow(points.col(k)).cast<double>();
        if (truth.norm() < 1e-12 || learned.norm() < 1e-12) continue;
        angles += std::acos(std::clamp(learned.dot(truth) / (learned.norm() * truth.norm()), -1.0, 1.0));
        errors += (learned - truth).norm() / truth.norm();
        ++n;
    }
    if (n > 0) {
        a.mean_angle = angles / static_cast<double>(n) * 180 / 3.14159265358979;
        a.relative_error = errors / static_cast<double>(n);
    }
    return a;
}

VectorFieldView::VectorFieldView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(300, 300);
    setToolTip(tr("Click to iterate from a point"));
}

void VectorFieldView::setModel(const Autoencoder& model, const Dataset& data) {
    m_model = model;
    m_data = data;
    m_has_model = model.visible() == 2;
    m_trajectories.clear();
    if (m_has_model) {
        m_arrows = field_arrows(model, kArrowGrid);
        m_basins = compute_basins(model, kBasinCells);
    }
    update();
}

void VectorFieldView::setFrame(const Autoencoder& model, const Dataset& data, std::vector<FieldArrow> arrows,
                               Basins basins) {
    m_model = model;
    m_data = data;
    m_has_model = model.visible() == 2;
    m_arrows = std::move(arrows);
    m_basins = std::move(basins);
    update();
}

double VectorFieldView::arrowScale() const {
    std::vector<double> lengths;
    for (const auto* set : {&m_arrows, &m_true})
        for (const FieldArrow& a : *set)
            lengths.push_back(static_cast<double>(a.delta.norm()));
    if (lengths.empty()) return 1;
    const auto at = lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() * 9 / 10);
    std::nth_element(lengths.begin(), at, lengths.end());
    const double spacing = 1.0 / kArrowGrid;
    return *at > spacing ? spacing / *at : 1.0;  // only shortened: short arrows keep their true length
}

void VectorFieldView::setData(const Dataset& data) {
    m_data = data;
    update();
}

void VectorFieldView::setTrueArrows(std::vector<FieldArrow> arrows) {
    m_true = std::move(arrows);
    update();
}

void VectorFieldView::addTrajectory(const Vector& start) {
    if (!m_has_model) return;
    IterationConfig c;
    c.keep_all_frames = true;
    c.stop_fraction = 1.0;
    c.max_steps = 2000;
    c.epsilon = 1e-5;
    const IterationResult r = iterate(m_model, Matrix(start), c);
    std::vector<Vector> path;
    for (const Matrix& f : r.frames)
        path.push_back(f.col(0));
    m_trajectories.push_back(std::move(path));
    update();
}

void VectorFieldView::clearTrajectories() {
    m_trajectories.clear();
    update();
}

QRectF VectorFieldView::plotRect() const {
    const double s = std::min(width(), height()) - 20.0;
    return {(width() - s) / 2, (height() - s) / 2, s, s};
}

QPointF VectorFieldView::toWidget(double x, double y) const {
    const QRectF r = plotRect();
    return {r.left() + x * r.width(), r.bottom() - y * r.height()};
}

Vector VectorFieldView::toPlane(QPointF w) const {
    const QRectF r = plotRect();
    Vector v(2);
    v << static_cast<Scalar>((w.x() - r.left()) / r.width()), static_cast<Scalar>((r.bottom() - w.y()) / r.height());
    return v;
}

void VectorFieldView::mousePressEvent(QMouseEvent* e) {
    if (!plotRect().contains(e->position())) return;
    const Vector x = toPlane(e->position());
    switch (m_click) {
    case ClickMode::Iterate: addTrajectory(x); break;
    case ClickMode::AddPoint: emit pointAdded(x); break;
    case ClickMode::RemovePoints: emit pointsRemoved(x, removeRadius()); break;
    }
}

void VectorFieldView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const QRectF r = plotRect();
    if (!m_has_model) {
        p.setPen(QColor(90, 90, 90, 160));
        p.setBrush(QColor(90, 90, 90, 110));
        for (Index k = 0; k < m_data.size(); ++k)
            p.drawEllipse(toWidget(m_data.samples(0, k), m_data.samples(1, k)), 1.6, 1.6);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(r, Qt::AlignCenter, tr("Press Run to train a DAE on these points and watch its field r(x) − x"));
        return;
    }
    // Basins: one colour per attractor.
    const double cell = r.width() / m_basins.cells;
    for (int i = 0; i < m_basins.cells; ++i)
        for (int j = 0; j < m_basins.cells; ++j) {
            const int b = m_basins.basin[static_cast<std::size_t>(i * m_basins.cells + j)];
            const QColor c = b < 0 ? QColor(255, 255, 255) : kBasinColours[b % 8];
            p.fillRect(QRectF(r.left() + j * cell, r.bottom() - (i + 1) * cell, cell + 0.5, cell + 0.5), c);
        }
    p.setPen(QColor(120, 120, 120));
    p.drawRect(r);
    // Data.
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(90, 90, 90, 110));
    for (Index k = 0; k < m_data.size(); ++k)
        p.drawEllipse(toWidget(m_data.samples(0, k), m_data.samples(1, k)), 1.6, 1.6);
    // Arrows r(x) − x, the true score's (where known) in orange beside them, both scaled by one factor
    // so that the longest fit between the grid's points (far from the data they are long).
    const double scale = arrowScale();
    auto arrow = [&](const FieldArrow& a) {
        const QPointF from = toWidget(a.base(0), a.base(1)),
                      to = toWidget(a.base(0) + scale * a.delta(0), a.base(1) + scale * a.delta(1));
        p.drawLine(from, to);
        const QPointF d = to - from;
        const double len = std::hypot(d.x(), d.y());
        if (len > 3) {
            const QPointF u = d / len, n(-u.y(), u.x());
            p.drawLine(to, to - 4 * u + 2.5 * n);
            p.drawLine(to, to - 4 * u - 2.5 * n);
        }
    };
    p.setPen(QPen(QColor(230, 120, 20, 200), 1.2));
    for (const FieldArrow& a : m_true)
        arrow(a);
    p.setPen(QPen(QColor(30, 60, 140), 1.2));
    for (const FieldArrow& a : m_arrows)
        arrow(a);
    // Attractors and trajectories.
    p.setBrush(QColor(200, 30, 30));
    p.setPen(Qt::NoPen);
    for (const Vector& a : m_basins.attractors)
        p.drawEllipse(toWidget(a(0), a(1)), 4, 4);
    p.setPen(QPen(QColor(200, 30, 30), 2));
    p.setBrush(Qt::NoBrush);
    for (const auto& path : m_trajectories)
        for (std::size_t i = 1; i < path.size(); ++i)
            p.drawLine(toWidget(path[i - 1](0), path[i - 1](1)), toWidget(path[i](0), path[i](1)));
}

}  // namespace dae::ui
