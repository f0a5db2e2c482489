// The shape problems of Larochelle et al. 2007, two of the eight of Vincent et al. 2008's Table 1,
// generated as their authors describe them (28 × 28 images, pixels 0 or 1):
//   rect    a rectangle's outline (one pixel wide) on black; label 1 when it is taller than wide,
//           0 when wider. Height and width uniform in 1 … 28, drawn again while they differ by less
//           than 3 pixels; the top-left corner uniform among the places where the rectangle fits.
//   convex  a white region; label 1 when it is convex, 0 when not. A convex candidate is the
//           intersection of half-planes whose boundary passes through a uniform point of the image
//           at a uniform angle, their number geometric with parameter 0.195 (1, 2, …; mean 5.1),
//           rejected below 19 pixels. A non-convex candidate is the union of 2 … 4 (uniform) such
//           regions with a number of half-planes geometric with parameter 0.07 and at least 10
//           pixels each. A convex candidate is kept only when it passes the pixel convexity test
//           (pixels_convex), a non-convex one only when it fails it. Labels alternate 1, 0, 1, …
// Same seed ⇒ same set. (The original files cannot be downloaded here; these are regenerated.)
#pragma once

#include "dae/dataset.h"

#include <cstdint>

namespace dae {

Dataset make_rectangles(Index count, std::uint64_t seed);
Dataset make_convex(Index count, std::uint64_t seed);

// The pixel convexity test (digital convexity): every pixel whose centre lies in the convex hull
// of the lit pixels' centres is lit. The digitisation of a convex region (the pixels whose centres
// it contains) passes; a region with a dent or a gap that holds a pixel centre fails.
bool pixels_convex(const Scalar* image, int width, int height);

}  // namespace dae
