// Seeded 2-D toy data sets for the vector-field view (Goodfellow et al., Fig. 14.4/14.5).
// Points are scaled into [0.1, 0.9]² so that a sigmoid output layer can reach them; the
// Dataset is 2 × 1 "pixels" per sample, labelled by arm / ring / moon.
#pragma once

#include "dae/dataset.h"

#include <optional>
#include <string>

namespace dae {

// Mixture: six isotropic Gaussians of equal weight on a ring (the one density here whose score is
// known in closed form); the others are points near a 1-D manifold.
enum class Toy2D { Mixture, Spiral, Circle, Moons };
inline constexpr Toy2D kToy2DKinds[] = {Toy2D::Mixture, Toy2D::Spiral, Toy2D::Circle, Toy2D::Moons};

// `noise` is the standard deviation of isotropic Gaussian jitter in the unscaled units (for the
// mixture: each component's standard deviation).
Dataset make_toy_2d(Toy2D kind, Index n, double noise, std::uint64_t seed);
std::optional<Toy2D> toy_2d_from_name(const std::string& name);
const char* toy_2d_name(Toy2D kind);

// A mixture of isotropic Gaussians of equal weight in the plane's [0, 1]² coordinates.
struct GaussianMixture2D {
    std::vector<Vector> means;  // each of size 2
    double sd = 0;              // every component's standard deviation
    // p_s: the density convolved with isotropic Gaussian noise of standard deviation s (s = 0: p).
    double density(const Vector& x, double s = 0) const;
    // ∇ log p_s(x).
    Vector score(const Vector& x, double s = 0) const;
};
// The density that make_toy_2d samples, when it has one in closed form (the mixture).
std::optional<GaussianMixture2D> toy_2d_density(Toy2D kind, double noise);

// What a denoising autoencoder trained with Gaussian noise σ (and squared error) learns at best:
// r*(x) = E[x | x̃ = x] = x + σ² ∇ log p_σ(x) (Tweedie's formula; Alain & Bengio 2014 for σ → 0,
// Goodfellow et al. §14.5.1, Fig. 14.4 and 14.5). The arrow r*(x) − x of the true score.
Vector true_score_arrow(const GaussianMixture2D& p, const Vector& x, double sigma);

}  // namespace dae
