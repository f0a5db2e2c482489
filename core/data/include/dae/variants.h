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

// The data set transformed; same labels, name suffixed with "-<variant>". Same seed ⇒ same set.
Dataset make_variant(const Dataset& data, Variant variant, std::uint64_t seed);

}  // namespace dae
