// A 28×28 (or any size) canvas to draw a digit with the mouse: a round brush of adjustable
// radius paints intensity 1 with a soft edge, like MNIST's anti-aliased strokes; the eraser takes
// ink away with the same brush, and the box tool covers a dragged rectangle of pixels with 0.
#pragma once

#include "dae/eigen_types.h"

#include <QWidget>

namespace dae::ui {

class DrawCanvas : public QWidget {
    Q_OBJECT
public:
    enum class Tool { Paint, Erase, Box };
    explicit DrawCanvas(int width = 28, int height = 28, QWidget* parent = nullptr);
    void setTool(Tool tool) { m_tool = tool; }
    Tool tool() const { return m_tool; }

    void clear();
    void setBrushRadius(double pixels) { m_radius = pixels; }
    double brushRadius() const { return m_radius; }
    // Paints (or, erasing, takes away) one dab centred at image coordinates (x, y) (pixel centres at +0.5).
    void dab(double x, double y);
    // Covers the pixels between two image points (corners, inclusive) with 0.
    void cover(QPointF from, QPointF to);
    // A straight stroke between two image points, dabbed every 0.25 pixel.
    void stroke(QPointF from, QPointF to);
    const Vector& pixels() const { return m_pixels; }  // row-major image, one sample column
    void setPixels(const Vector& pixels);
    QPointF toImage(QPointF widget_pos) const;
    QSize sizeHint() const override { return {m_width * 8, m_height * 8}; }

signals:
    void changed();

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;

private:
    QRectF canvasRect() const;
    int m_width, m_height;
    double m_radius = 1.4;
    Vector m_pixels;
    QPointF m_last;
    Tool m_tool = Tool::Paint;
    bool m_dragging = false;  // the box tool: from m_last to m_box_end
    QPointF m_box_end;
};

}  // namespace dae::ui
