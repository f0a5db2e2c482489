// Stability at fixed points: the Jacobian against finite differences, J·v against J, and the
// power iteration's spectral radius against a dense eigen-solver on small models.
#include "check.h"
#include "dae/stability.h"

#include <Eigen/Eigenvalues>

using namespace dae;

namespace {

Autoencoder small_model(std::uint64_t seed, bool tied, Activation enc, Activation dec, float scale) {
    ModelConfig c;
    c.visible = 12;
    c.hidden = 9;
    c.tied = tied;
    c.encoder = enc;
    c.decoder = dec;
    Autoencoder m(c);
    m.initialize(InitScheme::GlorotUniform, seed);
    m.w1 *= scale;
    if (!tied) m.w2 *= scale;
    Rng rng(seed + 100);
    for (Index i = 0; i < m.b1.size(); ++i)
        m.b1(i) = rng.uniform(-0.5f, 0.5f);
    for (Index i = 0; i < m.b2.size(); ++i)
        m.b2(i) = rng.uniform(-0.5f, 0.5f);
    return m;
}

Vector point(std::uint64_t seed) {
    Rng rng(seed);
    Vector x(12);
    for (Index i = 0; i < 12; ++i)
        x(i) = rng.uniform();
    return x;
}

}  // namespace

static void jacobianMatchesFiniteDifferences(Activation encoder, Activation decoder, bool tied) {
    const Autoencoder m = small_model(3, tied, encoder, decoder, 1.5f);
    const Vector x = point(4);
    const MatrixD J = jacobian(m, x).cast<double>();
    // Central differences in double of r computed in double.
    const MatrixD W1 = m.w1.cast<double>(), W2 = m.W2().cast<double>();
    const VectorD b1 = m.b1.cast<double>(), b2 = m.b2.cast<double>();
    auto act = [](Activation a, double z) {
        switch (a) {
        case Activation::Sigmoid: return 1 / (1 + std::exp(-z));
        case Activation::Tanh: return std::tanh(z);
        case Activation::Relu: return z > 0 ? z : 0.0;
        case Activation::Linear: return z;
        }
        return 0.0;
    };
    auto r = [&](const VectorD& v) {
        VectorD h = W1 * v + b1;
        for (Index i = 0; i < h.size(); ++i)
            h(i) = act(Activation(encoder), h(i));
        VectorD o = W2 * h + b2;
        for (Index i = 0; i < o.size(); ++i)
            o(i) = act(Activation(decoder), o(i));
        return o;
    };
    const double eps = 1e-6;
    MatrixD fd(12, 12);
    for (Index j = 0; j < 12; ++j) {
        VectorD up = x.cast<double>(), down = up;
        up(j) += eps;
        down(j) -= eps;
        fd.col(j) = (r(up) - r(down)) / (2 * eps);
    }
    REQUIRE_MESSAGE((J - fd).norm() <= 1e-5 * (1 + fd.norm()), ((J - fd).norm()));
    const Vector v = point(9);
    REQUIRE((jacobian_times(m, x, v) - jacobian(m, x) * v).norm() < 1e-5f);
}

TEST_CASE("TestStability::jacobianMatchesFiniteDifferences") {
    for (Activation e : {Activation::Sigmoid, Activation::Tanh, Activation::Relu})
        for (Activation d : {Activation::Sigmoid, Activation::Linear})
            for (bool tied : {false, true}) {
                CAPTURE(activation_name(e));
                CAPTURE(activation_name(d));
                CAPTURE(tied);
                jacobianMatchesFiniteDifferences(e, d, tied);
            }
}

TEST_CASE("TestStability::powerIterationMatchesADenseEigenSolver") {
    int checked = 0;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        const Autoencoder m =
            small_model(seed, seed % 2 == 0, Activation::Sigmoid, Activation::Linear, 2.0f + 0.3f * seed);
        const Vector x = point(seed + 50);
        const Eigen::EigenSolver<MatrixD> es(jacobian(m, x).cast<double>());
        const Eigen::VectorXd mags = es.eigenvalues().cwiseAbs();
        Index top;
        const double rho = mags.maxCoeff(&top);
        // Skip near-ties of distinct magnitudes (power iteration then converges arbitrarily slowly).
        Eigen::VectorXd rest = mags;
        for (Index i = 0; i < rest.size(); ++i)
            if (std::abs(es.eigenvalues()(i) - std::conj(es.eigenvalues()(top))) < 1e-9) rest(i) = 0;
        rest(top) = 0;
        if (rest.maxCoeff() > 0.97 * rho) continue;
        const SpectralEstimate e = spectral_radius(m, x, 5000);
        const bool complex_pair = std::abs(es.eigenvalues()(top).imag()) > 1e-9;
        REQUIRE_MESSAGE((std::abs(e.radius - rho) <= (complex_pair ? 0.03 : 1e-3) * rho),
                        "seed " << seed << ": " << e.radius << " vs " << rho << (complex_pair ? " (complex)" : ""));
        REQUIRE(e.stable() == (rho < 1));
        ++checked;
    }
    REQUIRE(checked >= 6);  // the comparison ran on enough models
}

TEST_CASE("TestStability::contractionsAndExpansionsAreClassified") {
    // r(x) = a·x (+ c): J = a·I, so ρ = |a|.
    for (float a : {0.5f, -0.8f, 1.5f}) {
        ModelConfig c;
        c.visible = c.hidden = 6;
        c.encoder = c.decoder = Activation::Linear;
        Autoencoder m(c);
        m.w1 = Matrix::Identity(6, 6);
        m.w2 = a * Matrix::Identity(6, 6);
        const SpectralEstimate e = spectral_radius(m, Vector::Zero(6));
        REQUIRE(std::abs(e.radius - std::abs(a)) < 1e-5);
        REQUIRE(e.stable() == (std::abs(a) < 1));
        REQUIRE(e.converged);
    }
}
