// Turns columns of a matrix (images, or a hidden unit's weights) into one grayscale QImage of
// tiles. Used by the sample grid, the filter grid and the reconstruction panel.
#pragma once

#include "dae/eigen_types.h"

#include <QImage>
#include <QStringList>

#include <vector>

namespace dae::ui {

enum class TileScaling {
    Fixed01,  // values are intensities in [0, 1]: 0 → black, 1 → white
    PerTile,  // each tile stretched to its own min…max (filters, as in Vincent 2008 Fig. 3)
    Global,   // all tiles share the min…max of the whole matrix
};

enum class Palette {
    Gray,      // black … white
    Contrast,  // Bahdanau & Jaeger's Fig. 3: very sensitive below 0.05 (black → blue) and above 0.95
               // (orange → white), plain gray in between; for [0, 1] intensities
};

struct TileLayout {
    int tile_width = 28;
    int tile_height = 28;
    int columns = 10;  // tiles per row
    int gap = 1;       // pixels between tiles (drawn in the background colour)
    QRgb background = qRgb(40, 40, 48);
};

// One tile per column of `data` (each column is tile_width × tile_height values, row-major image
// stored in a column, as the data sets do). Pixel (x, y) of tile t is data(y * w + x, t).
QImage tiles_image(const Eigen::Ref<const Matrix>& data, const TileLayout& layout, TileScaling scaling,
                   Palette palette = Palette::Gray);

// Rows of tiles, a row per matrix (a tile per column, the first `per_row` shown, the rest of a short
// row flat gray; a null image if a matrix's rows are not tile_width × tile_height pixels): the filters of several
// models with the same hidden units in the same places, maybe under a row of data images — the noise sweep's and the
// stacked comparison's filters.png, and the window's Sweep and Stacked views.
QImage tile_rows_image(const std::vector<Matrix>& rows, int tile_width, int tile_height, int per_row,
                       TileScaling scaling = TileScaling::PerTile);

// The colour of an intensity v in [0, 1] under the contrast palette.
QRgb contrast_colour(Scalar v);

// The gray level (0…255) a value gets under the scaling with range [lo, hi].
int gray_level(Scalar value, Scalar lo, Scalar hi);

}  // namespace dae::ui

namespace dae::ui {
// `image` (rows of tiles, equally tall) with a label written to the left of each row, white on
// the tiles' background. Needs a QGuiApplication (text rendering).
QImage with_row_labels(const QImage& image, const QStringList& labels, int label_width = 44);
}  // namespace dae::ui
