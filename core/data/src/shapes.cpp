#include "dae/shapes.h"

#include "dae/error.h"
#include "dae/rng.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

namespace dae {

namespace {

constexpr int kSide = 28;  // the benchmark's images are 28 × 28

Dataset empty_set(const char* name, Index count, const char* class0, const char* class1) {
    if (count < 0) throw Error(std::string(name) + ": a negative number of images");
    Dataset d;
    d.name = name;
    d.width = kSide;
    d.height = kSide;
    d.samples = Matrix::Zero(kSide * kSide, count);
    d.labels.resize(static_cast<std::size_t>(count));
    d.num_classes = 2;
    d.class_names = {class0, class1};
    return d;
}

// 1, 2, … trials until the first success of probability p.
int geometric(Rng& rng, double p) {
    int n = 1;
    while (rng.uniform_double() >= p)
        ++n;
    return n;
}

using Pixels = std::vector<unsigned char>;  // kSide × kSide, row-major, 1 = lit

// The intersection of `planes` random half-planes (pixel centres on the kept side of lines through
// a uniform point of the image at a uniform angle); empty once fewer than `min_pixels` are left
// (half-planes only take pixels away, so the rest are not drawn).
Pixels convex_region(Rng& rng, int planes, int min_pixels) {
    Pixels in(kSide * kSide, 1);
    for (int k = 0; k < planes; ++k) {
        const double cx = kSide * rng.uniform_double(), cy = kSide * rng.uniform_double();
        const double angle = 2 * std::numbers::pi * rng.uniform_double();
        const double nx = std::cos(angle), ny = std::sin(angle);
        int left = 0;
        for (int y = 0; y < kSide; ++y)
            for (int x = 0; x < kSide; ++x) {
                unsigned char& p = in[std::size_t(y * kSide + x)];
                if ((x + 0.5 - cx) * nx + (y + 0.5 - cy) * ny < 0) p = 0;
                left += p;
            }
        if (left < min_pixels) return {};
    }
    return in;
}

// A convex region of at least `min_pixels` pixels with a geometric number of half-planes.
Pixels sample_convex(Rng& rng, double p, int min_pixels) {
    for (;;) {
        Pixels r = convex_region(rng, geometric(rng, p), min_pixels);
        if (!r.empty()) return r;
    }
}

void store(const Pixels& p, Scalar* out) {
    for (std::size_t i = 0; i < p.size(); ++i)
        out[i] = p[i] ? Scalar(1) : Scalar(0);
}

}  // namespace

Dataset make_rectangles(Index count, std::uint64_t seed) {
    Dataset d = empty_set("rect", count, "wide", "tall");
    Rng rng(seed);
    for (Index i = 0; i < count; ++i) {
        int h = 0, w = 0;
        do {
            h = 1 + static_cast<int>(rng.below(kSide));
            w = 1 + static_cast<int>(rng.below(kSide));
        } while (std::abs(h - w) < 3);
        const int top = static_cast<int>(rng.below(std::uint64_t(kSide - h + 1)));
        const int left = static_cast<int>(rng.below(std::uint64_t(kSide - w + 1)));
        Scalar* img = d.samples.col(i).data();
        for (int y = top; y < top + h; ++y)
            for (int x = left; x < left + w; ++x)
                if (y == top || y == top + h - 1 || x == left || x == left + w - 1) img[y * kSide + x] = 1;
        d.labels[std::size_t(i)] = h > w ? 1 : 0;
    }
    return d;
}

Dataset make_convex(Index count, std::uint64_t seed) {
    Dataset d = empty_set("convex", count, "non-convex", "convex");
    Rng rng(seed);
    Pixels image(kSide * kSide);
    std::vector<Scalar> as_image(kSide * kSide);
    const auto convex_test = [&](const Pixels& p) {
        store(p, as_image.data());
        return pixels_convex(as_image.data(), kSide, kSide);
    };
    for (Index i = 0; i < count; ++i) {
        const bool convex = i % 2 == 0;
        for (;;) {
            if (convex) {
                image = sample_convex(rng, 0.195, 19);
            } else {
                const int parts = 2 + static_cast<int>(rng.below(3));
                image.assign(image.size(), 0);
                for (int k = 0; k < parts; ++k) {
                    const Pixels part = sample_convex(rng, 0.07, 10);
                    for (std::size_t j = 0; j < image.size(); ++j)
                        image[j] |= part[j];
                }
            }
            if (convex_test(image) == convex) break;
        }
        store(image, d.samples.col(i).data());
        d.labels[std::size_t(i)] = convex ? 1 : 0;
    }
    return d;
}

bool pixels_convex(const Scalar* image, int width, int height) {
    using Point = std::pair<long, long>;
    std::vector<Point> on;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (image[y * width + x] > Scalar(0.5)) on.emplace_back(x, y);
    if (on.size() < 2) return true;  // nothing or one pixel
    // The convex hull of the lit centres (Andrew's monotone chain, counter-clockwise, collinear
    // points dropped); integer coordinates, so every test below is exact.
    const auto cross = [](const Point& o, const Point& a, const Point& b) {
        return (a.first - o.first) * (b.second - o.second) - (a.second - o.second) * (b.first - o.first);
    };
    std::sort(on.begin(), on.end());
    std::vector<Point> hull(2 * on.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < on.size(); ++i) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], on[i]) <= 0)
            --k;
        hull[k++] = on[i];
    }
    for (std::size_t i = on.size() - 1, lower = k + 1; i-- > 0;) {
        while (k >= lower && cross(hull[k - 2], hull[k - 1], on[i]) <= 0)
            --k;
        hull[k++] = on[i];
    }
    hull.resize(k - 1);
    const auto inside = [&](const Point& p) {
        if (hull.size() == 2) {  // all lit centres on one line: the segment between its ends
            const Point &a = hull[0], &b = hull[1];
            return cross(a, b, p) == 0 && std::min(a.first, b.first) <= p.first &&
                   p.first <= std::max(a.first, b.first) && std::min(a.second, b.second) <= p.second &&
                   p.second <= std::max(a.second, b.second);
        }
        for (std::size_t i = 0; i < hull.size(); ++i)
            if (cross(hull[i], hull[(i + 1) % hull.size()], p) < 0) return false;
        return true;
    };
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (!(image[y * width + x] > Scalar(0.5)) && inside({x, y})) return false;
    return true;
}

}  // namespace dae
