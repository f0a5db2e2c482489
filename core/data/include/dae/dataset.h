#pragma once

#include "dae/eigen_types.h"
#include "dae/idx.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dae {

// A labelled set of images (or 2-D points), values in [0, 1].
struct Dataset {
    std::string name;
    int width = 0;  // image geometry; a 2-D toy set is 2 × 1
    int height = 0;
    Matrix samples;           // dim() × size(): one sample per column (see eigen_types.h)
    std::vector<int> labels;  // size(); class index 0 … num_classes-1
    int num_classes = 0;
    std::vector<std::string> class_names;  // may be empty (then the class is its number)

    Index size() const { return samples.cols(); }
    Index dim() const { return samples.rows(); }
    Dataset subset(const std::vector<Index>& indices) const;
    Dataset head(Index n) const;  // the first min(n, size()) samples
    std::string class_name(int label) const;
};

// Images + labels IDX arrays → Dataset (bytes / 255). Checks that the two agree in count and
// that the images are rank 3; `images_name`/`labels_name` appear in the errors.
Dataset dataset_from_idx(const IdxArray& images, const std::string& images_name, const IdxArray& labels,
                         const std::string& labels_name, std::string dataset_name);
// Reads an IDX pair from disk (plain or .gz).
Dataset load_idx_dataset(const std::string& images_path, const std::string& labels_path, std::string dataset_name = {});
// Dataset → IDX arrays (values rounded to bytes). Only for image data sets.
IdxArray images_to_idx(const Dataset& data);
IdxArray labels_to_idx(const Dataset& data);

// A deterministic, seeded partition of 0 … n-1 into train / validation / test.
struct Split {
    std::vector<Index> train, validation, test;
};
// The counts must add up to at most n; the rest of the samples are left out.
Split make_split(Index n, Index n_train, Index n_validation, Index n_test, std::uint64_t seed);
// The default: validation and test take `fraction` each (rounded), train takes the rest.
Split make_split(Index n, double validation_fraction, double test_fraction, std::uint64_t seed);

// Pixel statistics as in Bahdanau & Jaeger 2014, §6.
struct PixelStats {
    double black_fraction = 0;  // share of values < black_below
    double white_fraction = 0;  // share of values > white_above
    double mean = 0;
    double min = 0, max = 0;
    static constexpr double black_below = 0.01;
    static constexpr double white_above = 0.95;
};
PixelStats pixel_stats(const Matrix& samples);

// An image preprocessed the way MNIST's digits were (LeCun et al. 1998): the ink's bounding box
// scaled to fit a 20 × 20 box (aspect kept, anti-aliased), then placed in the width × height frame
// with its centre of mass at the frame's centre. Pixels ≤ `ink` do not count as ink. A blank
// image comes back unchanged. (For drawings iterated in the Dynamics tab.)
Vector normalize_like_mnist(const Vector& image, int width, int height, double ink = 0.05);
std::vector<Index> label_counts(const Dataset& data);

}  // namespace dae
