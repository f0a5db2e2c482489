#include "dae/dataset.h"

#include "dae/error.h"
#include "dae/rng.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dae {

Dataset Dataset::subset(const std::vector<Index>& indices) const {
    Dataset out;
    out.name = name;
    out.width = width;
    out.height = height;
    out.num_classes = num_classes;
    out.class_names = class_names;
    out.samples.resize(dim(), static_cast<Index>(indices.size()));
    out.labels.resize(indices.size());
    for (std::size_t j = 0; j < indices.size(); ++j) {
        const Index i = indices[j];
        if (i < 0 || i >= size()) throw Error(name + ": sample index " + std::to_string(i) + " out of range");
        out.samples.col(static_cast<Index>(j)) = samples.col(i);
        out.labels[j] = labels[static_cast<std::size_t>(i)];
    }
    return out;
}

std::string Dataset::class_name(int label) const {
    if (label >= 0 && static_cast<std::size_t>(label) < class_names.size()) return class_names[label];
    return std::to_string(label);
}

Dataset dataset_from_idx(const IdxArray& images, const std::string& images_name, const IdxArray& labels,
                         const std::string& labels_name, std::string dataset_name) {
    if (images.dims.size() != 3)
        throw Error(images_name + ": expected rank-3 images (count x rows x columns), got rank " +
                    std::to_string(images.dims.size()));
    if (labels.dims.size() != 1)
        throw Error(labels_name + ": expected rank-1 labels, got rank " + std::to_string(labels.dims.size()));
    if (images.dims[0] != labels.dims[0])
        throw Error(images_name + " has " + std::to_string(images.dims[0]) + " images but " + labels_name +
                    " has " + std::to_string(labels.dims[0]) + " labels");
    if (images.dims[1] > 65535 || images.dims[2] > 65535)
        throw Error(images_name + ": images of " + std::to_string(images.dims[1]) + " x " + std::to_string(images.dims[2]) +
                    " pixels are larger than daelab handles (65535 a side)");
    Dataset out;
    out.name = std::move(dataset_name);
    out.height = static_cast<int>(images.dims[1]);
    out.width = static_cast<int>(images.dims[2]);
    const Index n = images.dims[0];
    const Index d = Index{out.width} * out.height;
    out.samples.resize(d, n);
    const float scale = 1.0f / 255.0f;
    const std::uint8_t* src = images.data.data();
    Scalar* dst = out.samples.data();
    for (Index k = 0; k < n * d; ++k) dst[k] = static_cast<Scalar>(src[k]) * scale;
    out.labels.assign(labels.data.begin(), labels.data.end());
    out.num_classes = out.labels.empty() ? 0 : *std::max_element(out.labels.begin(), out.labels.end()) + 1;
    return out;
}

Dataset load_idx_dataset(const std::string& images_path, const std::string& labels_path,
                         std::string dataset_name) {
    const IdxArray images = read_idx(images_path);
    const IdxArray labels = read_idx(labels_path);
    if (dataset_name.empty()) dataset_name = images_path;
    return dataset_from_idx(images, images_path, labels, labels_path, std::move(dataset_name));
}

IdxArray images_to_idx(const Dataset& data) {
    if (Index{data.width} * data.height != data.dim() || data.width <= 0)
        throw Error(data.name + ": not an image data set");
    IdxArray out;
    out.dims = {static_cast<std::uint32_t>(data.size()), static_cast<std::uint32_t>(data.height),
                static_cast<std::uint32_t>(data.width)};
    out.data.resize(static_cast<std::size_t>(data.size() * data.dim()));
    const Scalar* src = data.samples.data();
    for (std::size_t k = 0; k < out.data.size(); ++k)
        out.data[k] = static_cast<std::uint8_t>(std::lround(std::clamp(src[k], 0.0f, 1.0f) * 255.0f));
    return out;
}

IdxArray labels_to_idx(const Dataset& data) {
    IdxArray out;
    out.dims = {static_cast<std::uint32_t>(data.labels.size())};
    out.data.reserve(data.labels.size());
    for (int l : data.labels) out.data.push_back(static_cast<std::uint8_t>(l));
    return out;
}

Split make_split(Index n, Index n_train, Index n_validation, Index n_test, std::uint64_t seed) {
    if (n_train < 0 || n_validation < 0 || n_test < 0 || n_train > n || n_validation > n || n_test > n ||
        n_train + n_validation + n_test > n)
        throw Error("split: " + std::to_string(n_train) + " + " + std::to_string(n_validation) + " + " +
                    std::to_string(n_test) + " samples asked of a set of " + std::to_string(n));
    std::vector<Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Index{0});
    Rng rng(seed);
    rng.shuffle(std::span<Index>(order));
    Split s;
    auto take = [&](std::vector<Index>& into, Index from, Index count) {
        into.assign(order.begin() + from, order.begin() + from + count);
    };
    take(s.train, 0, n_train);
    take(s.validation, n_train, n_validation);
    take(s.test, n_train + n_validation, n_test);
    return s;
}

Split make_split(Index n, double validation_fraction, double test_fraction, std::uint64_t seed) {
    if (!(validation_fraction >= 0 && test_fraction >= 0 && validation_fraction + test_fraction < 1))
        throw Error("split: validation and test fractions must be ≥ 0 and add up to less than 1");
    const auto n_val = static_cast<Index>(std::llround(static_cast<double>(n) * validation_fraction));
    const auto n_test = static_cast<Index>(std::llround(static_cast<double>(n) * test_fraction));
    return make_split(n, n - n_val - n_test, n_val, n_test, seed);
}

PixelStats pixel_stats(const Matrix& samples) {
    PixelStats s;
    const Index total = samples.size();
    if (total == 0) return s;
    const auto a = samples.array();
    s.black_fraction = static_cast<double>((a < static_cast<Scalar>(PixelStats::black_below)).count()) / total;
    s.white_fraction = static_cast<double>((a > static_cast<Scalar>(PixelStats::white_above)).count()) / total;
    s.mean = samples.cast<double>().mean();
    s.min = samples.minCoeff();
    s.max = samples.maxCoeff();
    return s;
}

std::vector<Index> label_counts(const Dataset& data) {
    std::vector<Index> counts(static_cast<std::size_t>(std::max(data.num_classes, 0)), 0);
    for (int l : data.labels)
        if (l >= 0 && l < data.num_classes) ++counts[static_cast<std::size_t>(l)];
    return counts;
}

}  // namespace dae
