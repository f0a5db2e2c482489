// Shows a QImage scaled by an integer zoom with nearest-neighbour pixels (digits stay crisp),
// centred, with a caption above. The base of the sample grid, filter grid and reconstructions.
#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

namespace dae::ui {

class ImageView : public QWidget {
    Q_OBJECT
public:
    explicit ImageView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    const QImage& image() const { return m_image; }
    void setCaption(const QString& caption);
    // 0 = fit the widget (largest integer zoom that fits, at least 1).
    void setZoom(int zoom);
    // The smallest zoom "fit" may choose; the widget's minimum size follows it.
    void setMinimumZoom(int zoom);
    // In fit mode, the image is scaled to fill the widget exactly — down when it is larger (instead
    // of holding the widget at its size; the minimum size is then small), and up by any factor,
    // smoothly — rather than by whole zoom steps.
    void setShrinkToFit(bool shrink);
    int effectiveZoom() const;  // the integer zoom (1 when shrunk)
    double scale() const;       // screen pixels per image pixel (below 1 when shrunk)
    // The image pixel under a widget position, or (-1, -1).
    QPoint imagePixelAt(const QPoint& widget_pos) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    QRect imageRect() const;
    int captionHeight() const;

private:
    QImage m_image;
    QString m_caption;
    int m_zoom = 0;
    int m_min_zoom = 1;
    bool m_shrink = false;
};

}  // namespace dae::ui
