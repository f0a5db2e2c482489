// Harder MNIST variants in the manner of Larochelle et al. 2007, the benchmark of Vincent et al.
// 2008 §5, generated from any image data set (labels are kept):
//   rot      each image rotated by an angle uniform in [0, 2π) about its centre (bilinear);
//   bg-rand  a background of uniform random pixels: x' = max(x, u), u ~ U[0, 1) per pixel;
//   bg-img   a background made from the data itself: a random 10 × 10 patch of another image of
//            the set, magnified to the image size (bilinear) — strokes as texture — x' = max(x, patch).
#pragma once

#include "dae/dataset.h"

#include <optional>
#include <string>

namespace dae {

enum class Variant { Basic, Rot, BgRand, BgImg };
const char* variant_name(Variant v);
std::optional<Variant> variant_from_name(const std::string& name);

// One image (width × height values, row-major) rotated by `radians` counter-clockwise about its
// centre; pixels that come from outside the image are 0.
void rotate_image(const Scalar* in, int width, int height, double radians, Scalar* out);

// Hand edits of one image (width × height values, row-major), for corrupting a real digit by hand
// (the Iterate workspace's input; the domain-specific corruptions Bahdanau & Jaeger propose in §7).
// Each returns a new image of the same size; what comes from outside the image is 0.
Vector shifted_image(const Vector& image, int width, int height, int dx, int dy);  // by whole pixels
Vector rotated_image(const Vector& image, int width, int height, double degrees);  // counter-clockwise, bilinear
Vector scaled_image(const Vector& image, int width, int height, double factor);    // about the centre, bilinear
// The box of pixels x0 … x1, y0 … y1 (inclusive, in any order, clipped to the image) set to 0.
Vector occluded_image(const Vector& image, int width, int height, int x0, int y0, int x1, int y1);

// The data set transformed; same labels, name suffixed with "-<variant>". Same seed ⇒ same set.
Dataset make_variant(const Dataset& data, Variant variant, std::uint64_t seed);

}  // namespace dae
