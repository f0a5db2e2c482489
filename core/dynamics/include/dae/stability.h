// Stability of a fixed point x* of r: the Jacobian
//     J(x) = ∂r/∂x = diag(g'(a₂)) · W₂ · diag(f'(a₁)) · W₁,   a₁ = W₁x + b₁, a₂ = W₂h + b₂,
// and its spectral radius ρ(J), estimated by power iteration with J·v products (never forming J).
// x* is (locally) stable when ρ < 1: small perturbations shrink under iteration.
#pragma once

#include "dae/autoencoder.h"

namespace dae {

// The d × d Jacobian of r at x (dense; for tests and small models).
Matrix jacobian(const Autoencoder& model, const Vector& x);
// J(x)·v without forming J: two GEMVs and two diagonal scalings.
Vector jacobian_times(const Autoencoder& model, const Vector& x, const Vector& v);

struct SpectralEstimate {
    double radius = 0;  // ρ(J) estimate
    Vector direction;   // the last normalised iterate: the leading eigenvector when it is real
    int iterations = 0;
    bool converged = false;
    bool stable() const { return radius < 1; }
};

// ρ(J) as the geometric mean growth ‖J vₖ‖ over the last `window` iterations (exact for a real
// dominant eigenvalue, and also right for a complex dominant pair, where the plain ratio
// oscillates). Stops when the estimate changes by less than `tolerance` (relative).
SpectralEstimate spectral_radius(const Autoencoder& model, const Vector& x, int max_iterations = 2000,
                                 double tolerance = 1e-7, std::uint64_t seed = 1, int window = 20);

}  // namespace dae
