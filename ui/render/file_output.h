// Every file the GUI and the CLI write from Qt data — PNGs, SVGs, CSVs — goes through the core's
// write_file_atomic: the previous file survives any failure (a full disk, a vanished folder, a
// crash mid-write), no partial file is left, and the error names the file and the reason.
#pragma once

#include <QImage>
#include <QSize>
#include <QString>

#include <functional>

class QPainter;

namespace dae::ui {

// PNG, scaled up by an integer `zoom` (nearest neighbour: pixels stay crisp).
bool save_image(const QImage& image, const QString& path, QString* error, int zoom = 1);
bool write_text_file(const QString& path, const QString& text, QString* error);
// A vector drawing: `paint` draws a picture of `size` pixels (at 96 dpi) onto the SVG's painter.
bool save_svg(const std::function<void(QPainter&)>& paint, QSize size, const QString& title, const QString& path,
              QString* error);

}  // namespace dae::ui
