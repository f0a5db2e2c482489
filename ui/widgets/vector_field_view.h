// The 2-D toy view (Goodfellow et al., Fig. 14.5, live): a DAE trained on 2-D points; arrows of
// r(x) − x on a grid over the plane, the data, trajectories from clicked points, and the basins
// coloured by which fixed point each grid cell's iteration reaches.
#pragma once

#include "dae/autoencoder.h"
#include "dae/dataset.h"

#include <QWidget>

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

class VectorFieldView : public QWidget {
    Q_OBJECT
public:
    explicit VectorFieldView(QWidget* parent = nullptr);
    void setModel(const Autoencoder& model, const Dataset& data);
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
};

}  // namespace dae::ui
