// The live filter grid: each hidden unit's incoming weights (a row of W₁) as a tile of the data
// set's image size, per-tile or globally scaled, zoomable; hovering names the unit and its norm.
#pragma once

#include "dae/eigen_types.h"
#include "render/tile_image.h"
#include "widgets/image_view.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QScrollArea;

namespace dae::ui {

// The tiles image of W₁'s rows (what the grid shows), and its layout.
TileLayout filter_layout(Index units, int width, int height);
QImage filter_image(const Matrix& w1, int width, int height, TileScaling scaling);

class FilterView : public ImageView {
    Q_OBJECT
public:
    explicit FilterView(QWidget* parent = nullptr);
    void setFilters(const Matrix& w1, int width, int height, TileScaling scaling);
    // The unit whose tile is under a widget position, or −1.
    int unitAt(const QPoint& pos) const;
    Vector norms() const { return m_norms; }
    // The widget position of the centre of a unit's tile (tests, tooltips).
    QPoint tileCentre(int unit) const;
    // A line drawn over the tiles, e.g. what to do before they mean anything; empty: none.
    void setHint(const QString& hint);
    QString hint() const { return m_hint; }

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    TileLayout m_layout;
    Index m_units = 0;
    Vector m_norms;
    QString m_hint;
};

class FilterGrid : public QWidget {
    Q_OBJECT
public:
    explicit FilterGrid(QWidget* parent = nullptr);
    void setWeights(const Matrix& w1, int width, int height);
    TileScaling scaling() const;
    FilterView* view() const { return m_view; }
    QImage image() const { return m_view->image(); }
    void setHint(const QString& hint) { m_view->setHint(hint); }

private:
    void redraw();
    FilterView* m_view;
    QScrollArea* m_scroll;
    QComboBox* m_scaling;
    QComboBox* m_zoom;
    QLabel* m_caption;
    Matrix m_w1;
    int m_width = 28, m_height = 28;
};

}  // namespace dae::ui
