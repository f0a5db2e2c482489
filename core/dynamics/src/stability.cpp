#include "dae/stability.h"

#include "dae/error.h"
#include "dae/rng.h"

#include <cmath>
#include <deque>

namespace dae {

namespace {

struct Linearisation {
    Vector fp;  // f'(a₁), n
    Vector gp;  // g'(a₂), d
};

Linearisation linearise(const Autoencoder& model, const Vector& x) {
    if (x.size() != model.visible())
        throw Error("stability: the point has " + std::to_string(x.size()) + " values, the model " +
                    std::to_string(model.visible()));
    Matrix h, o;
    model.reconstruct(Matrix(x), h, o);
    Linearisation l;
    Matrix fp = Matrix::Ones(h.rows(), 1), gp = Matrix::Ones(o.rows(), 1);
    multiply_derivative(fp, h, model.config().encoder);  // derivatives from the outputs, as training does
    multiply_derivative(gp, o, model.config().decoder);
    l.fp = fp.col(0);
    l.gp = gp.col(0);
    return l;
}

Vector apply(const Autoencoder& model, const Linearisation& l, const Vector& v) {
    const Vector u = l.fp.cwiseProduct(model.w1 * v);
    const Vector w = model.config().tied ? Vector(model.w1.transpose() * u) : Vector(model.w2 * u);
    return l.gp.cwiseProduct(w);
}

}  // namespace

Matrix jacobian(const Autoencoder& model, const Vector& x) {
    const Linearisation l = linearise(model, x);
    const Matrix w2 = model.W2();
    return l.gp.asDiagonal() * (w2 * (l.fp.asDiagonal() * model.w1));
}

Vector jacobian_times(const Autoencoder& model, const Vector& x, const Vector& v) {
    return apply(model, linearise(model, x), v);
}

SpectralEstimate spectral_radius(const Autoencoder& model, const Vector& x, int max_iterations, double tolerance,
                                 std::uint64_t seed, int window) {
    const Linearisation l = linearise(model, x);
    Rng rng(seed);
    Vector v(model.visible());
    for (Index i = 0; i < v.size(); ++i)
        v(i) = static_cast<Scalar>(rng.normal());
    v.normalize();
    SpectralEstimate e;
    std::deque<double> logs;  // log ‖J vₖ‖ of the last `window` steps
    double sum = 0, previous = -1;
    for (int k = 1; k <= max_iterations; ++k) {
        Vector w = apply(model, l, v);
        const double norm = w.cast<double>().norm();
        e.iterations = k;
        if (!(norm > 1e-300) || !std::isfinite(norm)) {  // J v = 0: nilpotent direction, ρ = 0 along it
            e.radius = 0;
            e.direction = v;
            e.converged = true;
            return e;
        }
        const double lg = std::log(norm);
        logs.push_back(lg);
        sum += lg;
        if (static_cast<int>(logs.size()) > window) {
            sum -= logs.front();
            logs.pop_front();
        }
        v = w / static_cast<Scalar>(norm);
        const double estimate = std::exp(sum / static_cast<double>(logs.size()));
        if (static_cast<int>(logs.size()) == window && previous > 0 &&
            std::abs(estimate - previous) <= tolerance * estimate) {
            e.radius = estimate;
            e.direction = v;
            e.converged = true;
            return e;
        }
        previous = estimate;
        e.radius = estimate;
    }
    e.direction = v;
    return e;
}

}  // namespace dae
