// The 2-D toy view (Goodfellow et al., Fig. 14.5, live): a DAE trained on 2-D points; arrows of
// r(x) − x on a grid over the plane, the data, trajectories from clicked points, and the basins
// coloured by which fixed point each grid cell's iteration reaches.
#pragma once

#include "dae/autoencoder.h"
#include "dae/dataset.h"

#include <QWidget>

#include <functional>

namespace dae::ui {

struct FieldArrow {
    Vector base;   // x (2)
    Vector delta;  // r(x) − x
};

// Arrows on a grid × grid lattice over [0, 1]², as the view draws them.
std::vector<FieldArrow> field_arrows(const Autoencoder& model, int grid);
// Basin index per cell of a cells × cells lattice (row-major, y up) and the attractors found:
// every cell is iterated to its fixed point; fixed points closer than `merge` are one attractor.
struct Basins {
    int cells = 0;
    std::vector<int> basin;  // −1: did not settle
    std::vector<Vector> attractors;
};
Basins compute_basins(const Autoencoder& model, int cells, double merge = 0.02);

// How well the learned field agrees with the true one, σ²∇log p_σ, over the data points: the mean
// angle between the arrows (degrees) and the mean of ‖learned − true‖ / ‖true‖.
struct FieldAgreement {
    double mean_angle = 0;
    double relative_error = 0;
};
FieldAgreement field_agreement(const Autoencoder& model, const Matrix& points,
                               const std::function<Vector(const Vector&)>& true_arrow);

class VectorFieldView : public QWidget {
    Q_OBJECT
public:
    // What a click on the plane does.
    enum class ClickMode { Iterate, AddPoint, RemovePoints };

    explicit VectorFieldView(QWidget* parent = nullptr);
    void setModel(const Autoencoder& model, const Dataset& data);
    // A frame computed elsewhere (the playground's worker): the model, its arrows and basins.
    void setFrame(const Autoencoder& model, const Dataset& data, std::vector<FieldArrow> arrows, Basins basins);
    void setData(const Dataset& data);  // the points drawn (edited by clicks)
    // The true arrows σ²∇log p_σ at the same grid (empty: none), drawn beside the learned ones.
    void setTrueArrows(std::vector<FieldArrow> arrows);
    const std::vector<FieldArrow>& trueArrows() const { return m_true; }
    void setClickMode(ClickMode mode) { m_click = mode; }
    static double removeRadius() { return 0.04; }
    // The factor the arrows are drawn at (1: their true length; below 1 when they would cross).
    double arrowScale() const;
    bool hasModel() const { return m_has_model; }
    const std::vector<FieldArrow>& arrows() const { return m_arrows; }
    const Basins& basins() const { return m_basins; }
    const std::vector<std::vector<Vector>>& trajectories() const { return m_trajectories; }
    // Iterates from a point of the plane ([0, 1]², y up) and draws the path.
    void addTrajectory(const Vector& start);
    void clearTrajectories();
    QPointF toWidget(double x, double y) const;
    Vector toPlane(QPointF widget) const;
    QSize sizeHint() const override { return {600, 600}; }

signals:
    void pointAdded(const dae::Vector& point);
    void pointsRemoved(const dae::Vector& centre, double radius);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;

private:
    QRectF plotRect() const;
    Autoencoder m_model;
    Dataset m_data;
    bool m_has_model = false;
    std::vector<FieldArrow> m_arrows;
    Basins m_basins;
    std::vector<std::vector<Vector>> m_trajectories;
    std::vector<FieldArrow> m_true;
    ClickMode m_click = ClickMode::Iterate;
};

}  // namespace dae::ui
