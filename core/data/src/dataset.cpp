#include "dae/dataset.h"

#include "dae/error.h"
#include "dae/rng.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dae {

Dataset Dataset::head(Index n) const {
    std::vector<Index> first(static_cast<std::size_t>(std::clamp<Index>(n, 0, size())));
    std::iota(first.begin(), first.end(), Index{0});
    return subset(first);
}

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
        throw Error(images_name + " has " + std::to_string(images.dims[0]) + " images but " + labels_name + " has " +
                    std::to_string(labels.dims[0]) + " labels");
    if (images.dims[1] > 65535 || images.dims[2] > 65535)
        throw Error(images_name + ": images of " + std::to_string(images.dims[1]) + " x " +
                    std::to_string(images.dims[2]) + " pixels are larger than daelab handles (65535 a side)");
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
    for (Index k = 0; k < n * d; ++k)
        dst[k] = static_cast<Scalar>(src[k]) * scale;
    out.labels.assign(labels.data.begin(), labels.data.end());
    out.num_classes = out.labels.empty() ? 0 : *std::max_element(out.labels.begin(), out.labels.end()) + 1;
    return out;
}

Dataset load_idx_dataset(const std::string& images_path, const std::string& labels_path, std::string dataset_name) {
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
    for (int l : data.labels)
        out.data.push_back(static_cast<std::uint8_t>(l));
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

Vector normalize_like_mnist(const Vector& image, int width, int height, double ink) {
    if (image.size() != Index{width} * height) throw Error("normalize_like_mnist: the image is not width × height");
    int x0 = width, y0 = height, x1 = -1, y1 = -1;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (image(Index{y} * width + x) > ink) {
                x0 = std::min(x0, x);
                x1 = std::max(x1, x);
                y0 = std::min(y0, y);
                y1 = std::max(y1, y);
            }
    if (x1 < 0) return image;
    const double box = 20.0 * std::min(width, height) / 28.0;  // MNIST: 20 of 28 pixels
    const int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    const double scale = box / std::max(bw, bh);
    const int ow = std::max(1, static_cast<int>(std::lround(bw * scale))),
              oh = std::max(1, static_cast<int>(std::lround(bh * scale)));
    // Bilinear samples of the source, 4 × 4 per output pixel (anti-aliasing when shrinking).
    auto at = [&](double x, double y) {
        x = std::clamp(x, 0.0, width - 1.0);
        y = std::clamp(y, 0.0, height - 1.0);
        const int xa = static_cast<int>(x), ya = static_cast<int>(y);
        const int xb = std::min(xa + 1, width - 1), yb = std::min(ya + 1, height - 1);
        const double fx = x - xa, fy = y - ya;
        auto p = [&](int xx, int yy) { return static_cast<double>(image(Index{yy} * width + xx)); };
        return (1 - fy) * ((1 - fx) * p(xa, ya) + fx * p(xb, ya)) + fy * ((1 - fx) * p(xa, yb) + fx * p(xb, yb));
    };
    std::vector<double> small(static_cast<std::size_t>(ow) * oh, 0.0);
    double mass = 0, mx = 0, my = 0;
    constexpr int kSub = 4;
    for (int y = 0; y < oh; ++y)
        for (int x = 0; x < ow; ++x) {
            double v = 0;
            for (int sy = 0; sy < kSub; ++sy)
                for (int sx = 0; sx < kSub; ++sx)
                    v += at(x0 - 0.5 + (x + (sx + 0.5) / kSub) / scale, y0 - 0.5 + (y + (sy + 0.5) / kSub) / scale);
            v /= kSub * kSub;
            small[static_cast<std::size_t>(y) * ow + x] = v;
            mass += v;
            mx += v * (x + 0.5);
            my += v * (y + 0.5);
        }
    Vector out = Vector::Zero(image.size());
    if (mass <= 0) return image;
    // Shift so that the centre of mass lands on the frame's centre (whole pixels, as MNIST).
    const int dx = static_cast<int>(std::lround(width / 2.0 - mx / mass));
    const int dy = static_cast<int>(std::lround(height / 2.0 - my / mass));
    for (int y = 0; y < oh; ++y)
        for (int x = 0; x < ow; ++x) {
            const int tx = x + dx, ty = y + dy;
            if (tx >= 0 && tx < width && ty >= 0 && ty < height)
                out(Index{ty} * width + tx) =
                    static_cast<Scalar>(std::clamp(small[static_cast<std::size_t>(y) * ow + x], 0.0, 1.0));
        }
    return out;
}

}  // namespace dae
