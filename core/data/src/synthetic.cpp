#include "dae/synthetic.h"

#include "dae/error.h"
#include "dae/rng.h"

#include <cmath>
#include <numbers>

namespace dae {

const char* toy_2d_name(Toy2D kind) {
    switch (kind) {
    case Toy2D::Spiral: return "spiral";
    case Toy2D::Circle: return "circle";
    case Toy2D::Moons: return "moons";
    }
    return "?";
}

std::optional<Toy2D> toy_2d_from_name(const std::string& name) {
    for (Toy2D k : {Toy2D::Spiral, Toy2D::Circle, Toy2D::Moons})
        if (name == toy_2d_name(k)) return k;
    return std::nullopt;
}

Dataset make_toy_2d(Toy2D kind, Index n, double noise, std::uint64_t seed) {
    if (n <= 0) throw Error("toy data: the number of points must be positive");
    if (!(noise >= 0)) throw Error("toy data: the noise must be ≥ 0");
    constexpr double pi = std::numbers::pi;
    Rng rng(seed);
    Dataset d;
    d.name = toy_2d_name(kind);
    d.width = 2;
    d.height = 1;
    d.samples.resize(2, n);
    d.labels.resize(static_cast<std::size_t>(n));
    // Raw points live in [-1, 1]² (before noise); they are mapped to [0.1, 0.9]² at the end.
    for (Index i = 0; i < n; ++i) {
        double x = 0, y = 0;
        int label = 0;
        switch (kind) {
        case Toy2D::Spiral: {  // two interleaved arms, r = t, θ = 3πt (+π for the second arm)
            label = static_cast<int>(i % 2);
            const double t = 0.15 + 0.85 * rng.uniform_double();
            const double theta = 3 * pi * t + label * pi;
            x = t * std::cos(theta);
            y = t * std::sin(theta);
            break;
        }
        case Toy2D::Circle: {  // a ring of radius 0.7
            const double theta = 2 * pi * rng.uniform_double();
            x = 0.7 * std::cos(theta);
            y = 0.7 * std::sin(theta);
            break;
        }
        case Toy2D::Moons: {  // scikit-learn's two moons, scaled into [-1, 1]
            label = static_cast<int>(i % 2);
            const double theta = pi * rng.uniform_double();
            if (label == 0) {
                x = std::cos(theta);
                y = std::sin(theta);
            } else {
                x = 1 - std::cos(theta);
                y = 0.5 - std::sin(theta);
            }
            x = (x - 0.5) / 1.5;
            y = (y - 0.25) / 1.5;
            break;
        }
        }
        x += noise * rng.normal();
        y += noise * rng.normal();
        d.samples(0, i) = static_cast<Scalar>(0.5 + 0.4 * x);
        d.samples(1, i) = static_cast<Scalar>(0.5 + 0.4 * y);
        d.labels[static_cast<std::size_t>(i)] = label;
    }
    d.num_classes = kind == Toy2D::Circle ? 1 : 2;
    return d;
}

}  // namespace dae
