#include "widgets/image_view.h"

#include <QPainter>

namespace dae::ui {

namespace {
constexpr int kCaptionHeight = 20;
}

ImageView::ImageView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageView::setImage(const QImage& image) {
    const bool resized = image.size() != m_image.size();
    m_image = image;
    if (resized) updateGeometry();
    update();
}

void ImageView::setCaption(const QString& caption) {
    m_caption = caption;
    update();
}

void ImageView::setZoom(int zoom) {
    m_zoom = std::max(0, zoom);
    updateGeometry();
    update();
}

void ImageView::setMinimumZoom(int zoom) {
    m_min_zoom = std::max(1, zoom);
    updateGeometry();
    update();
}

int ImageView::effectiveZoom() const {
    if (m_zoom > 0 || m_image.isNull()) return std::max(1, m_zoom);
    const int top = m_caption.isEmpty() ? 0 : kCaptionHeight;
    const int zx = width() / std::max(1, m_image.width());
    const int zy = (height() - top) / std::max(1, m_image.height());
    return std::max(m_min_zoom, std::min(zx, zy));
}

QRect ImageView::imageRect() const {
    const int z = effectiveZoom();
    const int top = m_caption.isEmpty() ? 0 : kCaptionHeight;
    const QSize s = m_image.size() * z;
    return {(width() - s.width()) / 2, top + std::max(0, (height() - top - s.height()) / 2), s.width(), s.height()};
}

QPoint ImageView::imagePixelAt(const QPoint& widget_pos) const {
    const QRect r = imageRect();
    if (m_image.isNull() || !r.contains(widget_pos)) return {-1, -1};
    const int z = effectiveZoom();
    return {(widget_pos.x() - r.x()) / z, (widget_pos.y() - r.y()) / z};
}

QSize ImageView::sizeHint() const {
    const int top = m_caption.isEmpty() ? 0 : kCaptionHeight;
    const int z = std::max(m_min_zoom, m_zoom > 0 ? m_zoom : 2);
    return m_image.isNull() ? QSize(200, 200) : m_image.size() * z + QSize(0, top);
}

QSize ImageView::minimumSizeHint() const {
    const int top = m_caption.isEmpty() ? 0 : kCaptionHeight;
    return m_image.isNull() ? QSize(50, 50) : m_image.size() * m_min_zoom + QSize(0, top);
}

void ImageView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (!m_caption.isEmpty()) {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(0, 0, width(), kCaptionHeight), Qt::AlignCenter, m_caption);
    }
    if (m_image.isNull()) return;
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    p.drawImage(imageRect(), m_image);
}

}  // namespace dae::ui
