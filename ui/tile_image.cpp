#include "tile_image.h"

#include <algorithm>
#include <cmath>

namespace dae::ui {

int gray_level(Scalar value, Scalar lo, Scalar hi) {
    if (!(hi > lo)) return 128;
    const Scalar t = std::clamp((value - lo) / (hi - lo), Scalar{0}, Scalar{1});
    return static_cast<int>(std::lround(t * 255.0f));
}

QImage tiles_image(const Eigen::Ref<const Matrix>& data, const TileLayout& layout, TileScaling scaling) {
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
                const int g = gray_level(data(Index{y} * w + x, t), lo, hi);
                line[x] = qRgb(g, g, g);
            }
        }
    }
    return image;
}

}  // namespace dae::ui
