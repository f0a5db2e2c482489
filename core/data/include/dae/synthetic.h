// Seeded 2-D toy data sets for the vector-field view (Goodfellow et al., Fig. 14.4/14.5).
// Points are scaled into [0.1, 0.9]² so that a sigmoid output layer can reach them; the
// Dataset is 2 × 1 "pixels" per sample, labelled by arm / ring / moon.
#pragma once

#include "dae/dataset.h"

#include <optional>
#include <string>

namespace dae {

enum class Toy2D { Spiral, Circle, Moons };

// `noise` is the standard deviation of isotropic Gaussian jitter in the unscaled units.
Dataset make_toy_2d(Toy2D kind, Index n, double noise, std::uint64_t seed);
std::optional<Toy2D> toy_2d_from_name(const std::string& name);
const char* toy_2d_name(Toy2D kind);

}  // namespace dae
