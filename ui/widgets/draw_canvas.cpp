#include "widgets/draw_canvas.h"

#include "dae/variants.h"

#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace dae::ui {

DrawCanvas::DrawCanvas(int width, int height, QWidget* parent)
    : QWidget(parent), m_width(width), m_height(height), m_pixels(Vector::Zero(Index{width} * height)) {
    setMinimumSize(m_width * 5, m_height * 5);
    setCursor(Qt::CrossCursor);
    setToolTip(tr("Draw a digit with the mouse"));
}

void DrawCanvas::clear() {
    m_pixels.setZero();
    update();
    emit changed();
}

void DrawCanvas::setPixels(const Vector& pixels) {
    if (pixels.size() == m_pixels.size()) m_pixels = pixels.cwiseMax(0.0f).cwiseMin(1.0f);
    update();
    emit changed();
}

void DrawCanvas::dab(double cx, double cy) {
    // Intensity 1 inside the radius, falling linearly to 0 over one pixel outside it.
    const int x0 = std::max(0, static_cast<int>(std::floor(cx - m_radius - 1))),
              x1 = std::min(m_width - 1, static_cast<int>(std::ceil(cx + m_radius + 1)));
    const int y0 = std::max(0, static_cast<int>(std::floor(cy - m_radius - 1))),
              y1 = std::min(m_height - 1, static_cast<int>(std::ceil(cy + m_radius + 1)));
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const double d = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
            const double v = std::clamp(m_radius + 1 - d, 0.0, 1.0);
            Scalar& p = m_pixels(Index{y} * m_width + x);
            p = m_tool == Tool::Erase ? std::min(p, static_cast<Scalar>(1 - v)) : std::max(p, static_cast<Scalar>(v));
        }
}

void DrawCanvas::stroke(QPointF from, QPointF to) {
    const double len = std::hypot(to.x() - from.x(), to.y() - from.y());
    const int n = std::max(1, static_cast<int>(std::ceil(len / 0.25)));
    for (int i = 0; i <= n; ++i)
        dab(from.x() + (to.x() - from.x()) * i / n, from.y() + (to.y() - from.y()) * i / n);
    update();
    emit changed();
}

QRectF DrawCanvas::canvasRect() const {
    const double s = std::min(width() / double(m_width), height() / double(m_height));
    return {(width() - s * m_width) / 2, (height() - s * m_height) / 2, s * m_width, s * m_height};
}

QPointF DrawCanvas::toImage(QPointF p) const {
    const QRectF r = canvasRect();
    return {(p.x() - r.x()) / r.width() * m_width, (p.y() - r.y()) / r.height() * m_height};
}

void DrawCanvas::cover(QPointF from, QPointF to) {
    auto pixel = [](double v) { return static_cast<int>(std::floor(v)); };
    m_pixels =
        occluded_image(m_pixels, m_width, m_height, pixel(from.x()), pixel(from.y()), pixel(to.x()), pixel(to.y()));
    update();
    emit changed();
}

void DrawCanvas::mousePressEvent(QMouseEvent* e) {
    m_last = toImage(e->position());
    if (m_tool == Tool::Box) {
        m_dragging = true;
        m_box_end = m_last;
        update();
        return;
    }
    stroke(m_last, m_last);
}

void DrawCanvas::mouseMoveEvent(QMouseEvent* e) {
    if (!(e->buttons() & Qt::LeftButton)) return;
    const QPointF p = toImage(e->position());
    if (m_tool == Tool::Box) {
        m_box_end = p;
        update();
        return;
    }
    stroke(m_last, p);
    m_last = p;
}

void DrawCanvas::mouseReleaseEvent(QMouseEvent* e) {
    if (m_tool != Tool::Box || !m_dragging) return;
    m_dragging = false;
    cover(m_last, toImage(e->position()));
}

void DrawCanvas::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), QColor(40, 40, 48));
    const QRectF r = canvasRect();
    const double s = r.width() / m_width;
    for (int y = 0; y < m_height; ++y)
        for (int x = 0; x < m_width; ++x) {
            const int g = static_cast<int>(std::lround(255 * m_pixels(Index{y} * m_width + x)));
            p.fillRect(QRectF(r.x() + x * s, r.y() + y * s, s + 0.5, s + 0.5), QColor(g, g, g));
        }
    p.setPen(QColor(90, 90, 110));
    p.drawRect(r);
    if (m_dragging) {  // the box about to be covered
        const double sx = r.width() / m_width, sy = r.height() / m_height;
        p.setPen(QPen(QColor(255, 160, 0), 2, Qt::DashLine));
        p.drawRect(QRectF(r.x() + m_last.x() * sx, r.y() + m_last.y() * sy, (m_box_end.x() - m_last.x()) * sx,
                          (m_box_end.y() - m_last.y()) * sy)
                       .normalized());
    }
}

}  // namespace dae::ui
