#include "dae/variants.h"

#include "dae/error.h"
#include "dae/rng.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace dae {

const char* variant_name(Variant v) {
    switch (v) {
    case Variant::Basic: return "basic";
    case Variant::Rot: return "rot";
    case Variant::BgRand: return "bg-rand";
    case Variant::BgImg: return "bg-img";
    }
    return "?";
}

std::optional<Variant> variant_from_name(const std::string& name) {
    for (Variant v : {Variant::Basic, Variant::Rot, Variant::BgRand, Variant::BgImg})
        if (name == variant_name(v)) return v;
    return std::nullopt;
}

namespace {
// Bilinear sample of a row-major image at (x, y) in pixel coordinates; 0 outside.
Scalar sample_bilinear(const Scalar* in, int width, int height, double x, double y) {
    const double fx = std::floor(x), fy = std::floor(y);
    const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
    const double ax = x - fx, ay = y - fy;
    auto at = [&](int cx, int cy) -> double {
        return cx < 0 || cy < 0 || cx >= width || cy >= height ? 0.0 : in[cy * width + cx];
    };
    const double top = (1 - ax) * at(x0, y0) + ax * at(x0 + 1, y0);
    const double bottom = (1 - ax) * at(x0, y0 + 1) + ax * at(x0 + 1, y0 + 1);
    return static_cast<Scalar>((1 - ay) * top + ay * bottom);
}
}  // namespace

void rotate_image(const Scalar* in, int width, int height, double radians, Scalar* out) {
    const double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
    const double c = std::cos(radians), s = std::sin(radians);
    // Output pixel p takes the input at R(−θ)(p − centre) + centre. With y pointing down, a
    // counter-clockwise turn on screen is the matrix [c s; −s c] applied to (x, y).
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const double dx = x - cx, dy = y - cy;
            const double sx = c * dx - s * dy + cx, sy = s * dx + c * dy + cy;
            out[y * width + x] = sample_bilinear(in, width, height, sx, sy);
        }
}

namespace {
void check_image(const Vector& image, int width, int height) {
    if (width < 1 || height < 1 || image.size() != static_cast<Index>(width) * height)
        throw Error("an image of " + std::to_string(image.size()) + " values is not " + std::to_string(width) + " × " +
                    std::to_string(height));
}
}  // namespace

Vector shifted_image(const Vector& image, int width, int height, int dx, int dy) {
    check_image(image, width, height);
    Vector out = Vector::Zero(image.size());
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const int sx = x - dx, sy = y - dy;
            if (sx >= 0 && sy >= 0 && sx < width && sy < height) out(y * width + x) = image(sy * width + sx);
        }
    return out;
}

Vector rotated_image(const Vector& image, int width, int height, double degrees) {
    check_image(image, width, height);
    Vector out(image.size());
    rotate_image(image.data(), width, height, degrees * std::numbers::pi / 180, out.data());
    return out;
}

Vector scaled_image(const Vector& image, int width, int height, double factor) {
    check_image(image, width, height);
    if (!(factor > 0)) throw Error("an image can be scaled by a positive factor only, not " + std::to_string(factor));
    const double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
    Vector out(image.size());
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            out(y * width + x) =
                sample_bilinear(image.data(), width, height, (x - cx) / factor + cx, (y - cy) / factor + cy);
    return out;
}

Vector occluded_image(const Vector& image, int width, int height, int x0, int y0, int x1, int y1) {
    check_image(image, width, height);
    Vector out = image;
    for (int y = std::max(std::min(y0, y1), 0); y <= std::min(std::max(y0, y1), height - 1); ++y)
        for (int x = std::max(std::min(x0, x1), 0); x <= std::min(std::max(x0, x1), width - 1); ++x)
            out(y * width + x) = 0;
    return out;
}

Dataset make_variant(const Dataset& data, Variant variant, std::uint64_t seed) {
    if (data.width < 2 || data.height < 2 || static_cast<Index>(data.width) * data.height != data.dim())
        throw Error(data.name + ": variants need images (got " + std::to_string(data.width) + " × " +
                    std::to_string(data.height) + " for " + std::to_string(data.dim()) + " values)");
    Dataset out = data;
    if (variant == Variant::Basic) return out;
    out.name = data.name + "-" + variant_name(variant);
    Rng rng(seed);
    const int w = data.width, h = data.height;
    constexpr int kPatch = 10;
    Matrix patch_in(kPatch * kPatch, 1);
    for (Index j = 0; j < data.size(); ++j) {
        auto col = out.samples.col(j);
        switch (variant) {
        case Variant::Rot:
            rotate_image(data.samples.col(j).data(), w, h, rng.uniform_double() * 2 * std::numbers::pi, col.data());
            break;
        case Variant::BgRand:
            for (Index i = 0; i < col.size(); ++i)
                col(i) = std::max(col(i), rng.uniform());
            break;
        case Variant::BgImg: {
            const Index other = static_cast<Index>(rng.below(static_cast<std::uint64_t>(data.size())));
            const int px = static_cast<int>(rng.below(static_cast<std::uint64_t>(w - kPatch + 1)));
            const int py = static_cast<int>(rng.below(static_cast<std::uint64_t>(h - kPatch + 1)));
            const Scalar* src = data.samples.col(other).data();
            for (int y = 0; y < kPatch; ++y)
                for (int x = 0; x < kPatch; ++x)
                    patch_in(y * kPatch + x) = src[(py + y) * w + px + x];
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x) {
                    const double sx = x * (kPatch - 1.0) / (w - 1), sy = y * (kPatch - 1.0) / (h - 1);
                    const Scalar bg = sample_bilinear(patch_in.data(), kPatch, kPatch, sx, sy);
                    col(y * w + x) = std::max(col(y * w + x), bg);
                }
            break;
        }
        case Variant::Basic: break;
        }
    }
    return out;
}

}  // namespace dae
