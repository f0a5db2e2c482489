#include "widgets/image_view.h"

#include <QPainter>

#include <cmath>

namespace dae::ui {

namespace {
constexpr int kCaptionHeight = 20;  // one line
}

// The caption wraps to as many lines as the width needs (a one-line caption cut on both sides
// hid what the gallery was).
int ImageView::captionHeight() const {
    if (m_caption.isEmpty()) return 0;
    const QRect r = fontMetrics().boundingRect(QRect(0, 0, std::max(40, width()), 1000),
                                               Qt::AlignHCenter | Qt::TextWordWrap, m_caption);
    return std::max(kCaptionHeight, r.height() + 4);
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

void ImageView::setShrinkToFit(bool shrink) {
    m_shrink = shrink;
    updateGeometry();
    update();
}

int ImageView::effectiveZoom() const {
    if (m_zoom > 0 || m_image.isNull()) return std::max(1, m_zoom);
    const int top = captionHeight();
    const int zx = width() / std::max(1, m_image.width());
    const int zy = (height() - top) / std::max(1, m_image.height());
    return std::max(m_min_zoom, std::min(zx, zy));
}

double ImageView::scale() const {
    if (m_zoom > 0 || m_image.isNull() || !m_shrink) return effectiveZoom();
    const int top = captionHeight();
    const double fit = std::min(width() / static_cast<double>(std::max(1, m_image.width())),
                                (height() - top) / static_cast<double>(std::max(1, m_image.height())));
    return std::max(0.05, fit);
}

QRect ImageView::imageRect() const {
    const double z = scale();
    const int top = captionHeight();
    const QSize s(static_cast<int>(m_image.width() * z), static_cast<int>(m_image.height() * z));
    return {(width() - s.width()) / 2, top + std::max(0, (height() - top - s.height()) / 2), s.width(), s.height()};
}

QPoint ImageView::imagePixelAt(const QPoint& widget_pos) const {
    const QRect r = imageRect();
    if (m_image.isNull() || !r.contains(widget_pos)) return {-1, -1};
    const double z = scale();
    return {static_cast<int>((widget_pos.x() - r.x()) / z), static_cast<int>((widget_pos.y() - r.y()) / z)};
}

QSize ImageView::sizeHint() const {
    const int top = captionHeight();
    const int z = std::max(m_min_zoom, m_zoom > 0 ? m_zoom : 2);
    return m_image.isNull() ? QSize(200, 200) : m_image.size() * z + QSize(0, top);
}

QSize ImageView::minimumSizeHint() const {
    const int top = captionHeight();
    if (m_image.isNull() || (m_shrink && m_zoom == 0)) return QSize(50, 50 + top);
    return m_image.size() * std::max(m_min_zoom, m_zoom) + QSize(0, top);
}

void ImageView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (!m_caption.isEmpty()) {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(0, 0, width(), captionHeight()), Qt::AlignCenter | Qt::TextWordWrap, m_caption);
    }
    if (m_image.isNull()) return;
    const double z = scale();
    p.setRenderHint(QPainter::SmoothPixmapTransform, z != std::floor(z));  // whole zooms stay crisp
    p.drawImage(imageRect(), m_image);
}

}  // namespace dae::ui
