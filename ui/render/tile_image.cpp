#include "render/tile_image.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace dae::ui {

int gray_level(Scalar value, Scalar lo, Scalar hi) {
    if (!(hi > lo)) return 128;
    const Scalar t = std::clamp((value - lo) / (hi - lo), Scalar{0}, Scalar{1});
    return static_cast<int>(std::lround(t * 255.0f));
}

QRgb contrast_colour(Scalar v) {
    // Below 0.05: 0 is black, 0.0005 is already visibly blue (log scale up to 0.05).
    if (v < 0.05f) {
        if (v <= 0) return qRgb(0, 0, 0);
        const float t = std::clamp((std::log10(v) + 4.0f) / (std::log10(0.05f) + 4.0f), 0.0f, 1.0f);  // 1e-4 … 0.05
        return qRgb(0, static_cast<int>(60 * t), static_cast<int>(90 + 165 * t));
    }
    // Above 0.95: 1 is white, 0.9995 already visibly orange.
    if (v > 0.95f) {
        if (v >= 1) return qRgb(255, 255, 255);
        const float t = std::clamp((std::log10(1 - v) + 4.0f) / (std::log10(0.05f) + 4.0f), 0.0f, 1.0f);
        return qRgb(255, static_cast<int>(250 - 110 * t), static_cast<int>(200 - 200 * t));
    }
    const int g = static_cast<int>(std::lround(60 + (v - 0.05f) / 0.9f * 140));
    return qRgb(g, g, g);
}

QImage tiles_image(const Eigen::Ref<const Matrix>& data, const TileLayout& layout, TileScaling scaling,
                   Palette palette) {
    const int n = static_cast<int>(data.cols());
    const int w = layout.tile_width, h = layout.tile_height, gap = layout.gap;
    const int columns = std::max(1, std::min(layout.columns, std::max(n, 1)));
    const int rows = std::max(1, (n + columns - 1) / columns);
    QImage image(columns * (w + gap) + gap, rows * (h + gap) + gap, QImage::Format_RGB32);
    image.fill(layout.background);
    if (n == 0 || data.rows() != Index{w} * h) return image;
    Scalar global_lo = 0, global_hi = 1;
    if (scaling == TileScaling::Global) {
        global_lo = data.minCoeff();
        global_hi = data.maxCoeff();
    }
    for (int t = 0; t < n; ++t) {
        Scalar lo = global_lo, hi = global_hi;
        if (scaling == TileScaling::PerTile) {
            lo = data.col(t).minCoeff();
            hi = data.col(t).maxCoeff();
        }
        const int x0 = gap + (t % columns) * (w + gap);
        const int y0 = gap + (t / columns) * (h + gap);
        for (int y = 0; y < h; ++y) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(y0 + y)) + x0;
            for (int x = 0; x < w; ++x) {
                const Scalar v = data(Index{y} * w + x, t);
                if (palette == Palette::Contrast) {
                    line[x] = contrast_colour(v);
                } else {
                    const int g = gray_level(v, lo, hi);
                    line[x] = qRgb(g, g, g);
                }
            }
        }
    }
    return image;
}

QImage tile_rows_image(const std::vector<Matrix>& rows, int tile_width, int tile_height, int per_row,
                       TileScaling scaling) {
    if (rows.empty() || per_row < 1) return {};
    Matrix tiles = Matrix::Zero(static_cast<Index>(tile_width) * tile_height, per_row * std::ssize(rows));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].rows() != tiles.rows()) return {};
        const Index shown = std::min<Index>(per_row, rows[i].cols());
        tiles.middleCols(static_cast<Index>(i) * per_row, shown) = rows[i].leftCols(shown);
    }
    TileLayout layout;
    layout.tile_width = tile_width;
    layout.tile_height = tile_height;
    layout.columns = per_row;
    return tiles_image(tiles, layout, scaling);
}

}  // namespace dae::ui

namespace dae::ui {

QImage with_row_labels(const QImage& image, const QStringList& labels, int label_width) {
    if (image.isNull() || labels.isEmpty()) return image;
    const int row_h = image.height() / static_cast<int>(labels.size());
    QImage out(image.width() + label_width, image.height(), QImage::Format_RGB32);
    out.fill(TileLayout{}.background);
    QPainter p(&out);
    p.drawImage(label_width, 0, image);
    p.setPen(Qt::white);
    QFont f = p.font();
    f.setPixelSize(9);
    p.setFont(f);
    for (int i = 0; i < labels.size(); ++i)
        p.drawText(QRect(0, i * row_h, label_width - 3, row_h), Qt::AlignRight | Qt::AlignVCenter, labels[i]);
    return out;
}

}  // namespace dae::ui
