// A grid of sample images from a data set: one row per class (up to 10), `per_class` columns,
// picked with a seed so the same seed shows the same digits.
#pragma once

#include "dae/dataset.h"
#include "widgets/image_view.h"

#include <vector>

namespace dae::ui {

// Which samples the grid shows, row by row (class 0 first). Deterministic per seed.
std::vector<Index> pick_samples_per_class(const Dataset& data, int per_class, std::uint64_t seed);

class SampleGrid : public ImageView {
    Q_OBJECT
public:
    explicit SampleGrid(QWidget* parent = nullptr);
    void setDataset(const Dataset& data, int per_class = 10, std::uint64_t seed = 1);
    const std::vector<Index>& shownIndices() const { return m_indices; }

private:
    std::vector<Index> m_indices;
};

}  // namespace dae::ui
