#include "render/file_output.h"

#include "dae/files.h"

#include <QBuffer>
#include <QPainter>
#include <QSvgGenerator>

namespace dae::ui {

namespace {

bool write_bytes(const QString& path, const QByteArray& bytes, QString* error) {
    try {
        write_file_atomic(path.toStdString(), {reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                               static_cast<std::size_t>(bytes.size())});
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

}  // namespace

bool save_image(const QImage& image, const QString& path, QString* error, int zoom) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const QImage scaled =
        zoom > 1 ? image.scaled(image.size() * zoom, Qt::IgnoreAspectRatio, Qt::FastTransformation) : image;
    if (image.isNull() || !scaled.save(&buffer, "PNG")) {
        if (error) *error = path + QStringLiteral(": nothing to save (the image is empty)");
        return false;
    }
    return write_bytes(path, bytes, error);
}

bool save_svg(const std::function<void(QPainter&)>& paint, QSize size, const QString& title, const QString& path,
              QString* error) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setResolution(96);
    svg.setTitle(title);
    {
        QPainter p(&svg);
        p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
        paint(p);
    }
    return write_bytes(path, bytes, error);
}

bool write_text_file(const QString& path, const QString& text, QString* error) {
    try {
        write_text_atomic(path.toStdString(), text.toStdString());
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

}  // namespace dae::ui
