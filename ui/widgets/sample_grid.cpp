#include "widgets/sample_grid.h"

#include "dae/rng.h"
#include "render/tile_image.h"

#include <numeric>

namespace dae::ui {

std::vector<Index> pick_samples_per_class(const Dataset& data, int per_class, std::uint64_t seed) {
    std::vector<Index> order(static_cast<std::size_t>(data.size()));
    std::iota(order.begin(), order.end(), Index{0});
    Rng rng(seed);
    rng.shuffle(std::span<Index>(order));
    const int classes = std::clamp(data.num_classes, 1, 10);
    std::vector<std::vector<Index>> rows(static_cast<std::size_t>(classes));
    for (Index i : order) {
        const int label = data.labels.empty() ? 0 : data.labels[static_cast<std::size_t>(i)];
        if (label >= 0 && label < classes && rows[static_cast<std::size_t>(label)].size() < std::size_t(per_class))
            rows[static_cast<std::size_t>(label)].push_back(i);
    }
    std::vector<Index> out;
    for (const auto& row : rows)
        out.insert(out.end(), row.begin(), row.end());
    return out;
}

SampleGrid::SampleGrid(QWidget* parent) : ImageView(parent) {}

void SampleGrid::setDataset(const Dataset& data, int per_class, std::uint64_t seed) {
    m_indices = pick_samples_per_class(data, per_class, seed);
    Matrix shown(data.dim(), static_cast<Index>(m_indices.size()));
    for (std::size_t j = 0; j < m_indices.size(); ++j)
        shown.col(static_cast<Index>(j)) = data.samples.col(m_indices[j]);
    TileLayout layout;
    layout.tile_width = data.width;
    layout.tile_height = data.height;
    layout.columns = per_class;
    setImage(tiles_image(shown, layout, TileScaling::Fixed01));
    setCaption(tr("%1: %2 samples of %3×%4, one row per class")
                   .arg(QString::fromStdString(data.name))
                   .arg(data.size())
                   .arg(data.width)
                   .arg(data.height));
}

}  // namespace dae::ui
