#include "dae/synthetic.h"

#include "dae/error.h"
#include "dae/rng.h"

#include <cmath>
#include <numbers>

namespace dae {

namespace {
constexpr int kMixtureComponents = 6;
constexpr double kMixtureRadius = 0.6;  // in the raw [-1, 1]² units
constexpr double kPlaneScale = 0.4;     // raw units → the plane's [0.1, 0.9]²
}  // namespace

const char* toy_2d_name(Toy2D kind) {
    switch (kind) {
    case Toy2D::Mixture: return "mixture";
    case Toy2D::Spiral: return "spiral";
    case Toy2D::Circle: return "circle";
    case Toy2D::Moons: return "moons";
    }
    return "?";
}

std::optional<Toy2D> toy_2d_from_name(const std::string& name) {
    for (Toy2D k : kToy2DKinds)
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
        case Toy2D::Mixture: {  // six Gaussians on a ring of radius 0.6; the jitter below is their spread
            label = static_cast<int>(i % kMixtureComponents);
            const double theta = 2 * pi * label / kMixtureComponents;
            x = kMixtureRadius * std::cos(theta);
            y = kMixtureRadius * std::sin(theta);
            break;
        }
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
    d.num_classes = kind == Toy2D::Circle ? 1 : kind == Toy2D::Mixture ? kMixtureComponents : 2;
    return d;
}

std::optional<GaussianMixture2D> toy_2d_density(Toy2D kind, double noise) {
    if (kind != Toy2D::Mixture) return std::nullopt;
    GaussianMixture2D p;
    p.sd = kPlaneScale * noise;
    for (int k = 0; k < kMixtureComponents; ++k) {
        const double theta = 2 * std::numbers::pi * k / kMixtureComponents;
        Vector m(2);
        m << static_cast<Scalar>(0.5 + kPlaneScale * kMixtureRadius * std::cos(theta)),
            static_cast<Scalar>(0.5 + kPlaneScale * kMixtureRadius * std::sin(theta));
        p.means.push_back(m);
    }
    return p;
}

namespace {
// The components' weights at x for noise s (their responsibilities, unnormalised) and the variance.
std::vector<double> responsibilities(const GaussianMixture2D& p, const Vector& x, double s, double* var) {
    *var = p.sd * p.sd + s * s;
    std::vector<double> w;
    for (const Vector& m : p.means)
        w.push_back(std::exp(-static_cast<double>((x - m).squaredNorm()) / (2 * *var)));
    return w;
}
}  // namespace

double GaussianMixture2D::density(const Vector& x, double s) const {
    double var = 0;
    double sum = 0;
    for (double w : responsibilities(*this, x, s, &var))
        sum += w;
    return sum / (static_cast<double>(means.size()) * 2 * std::numbers::pi * var);
}

Vector GaussianMixture2D::score(const Vector& x, double s) const {
    double var = 0;
    const std::vector<double> w = responsibilities(*this, x, s, &var);
    double total = 0;
    Eigen::Vector2d g = Eigen::Vector2d::Zero();
    for (std::size_t k = 0; k < means.size(); ++k) {
        total += w[k];
        g += w[k] * (means[k] - x).cast<double>() / var;
    }
    // Far from every mean the weights underflow; the nearest mean's pull is then the score.
    if (!(total > 1e-300)) {
        std::size_t nearest = 0;
        for (std::size_t k = 1; k < means.size(); ++k)
            if ((means[k] - x).squaredNorm() < (means[nearest] - x).squaredNorm()) nearest = k;
        return ((means[nearest] - x).cast<double>() / var).cast<Scalar>();
    }
    return (g / total).cast<Scalar>();
}

Vector true_score_arrow(const GaussianMixture2D& p, const Vector& x, double sigma) {
    return (sigma * sigma * p.score(x, sigma).cast<double>()).cast<Scalar>();
}

}  // namespace dae
