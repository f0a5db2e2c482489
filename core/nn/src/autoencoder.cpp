#include "dae/autoencoder.h"

#include "dae/error.h"
#include "dae/threads.h"

#include <cmath>

namespace dae {

namespace {
// Before any product: the same rounding on every CPU (threads.h).
[[maybe_unused]] const bool g_blocking_pinned = (pin_product_blocking(), true);
}  // namespace

const char* activation_name(Activation a) {
    switch (a) {
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Tanh: return "tanh";
    case Activation::Relu: return "relu";
    case Activation::Linear: return "linear";
    }
    return "?";
}

std::optional<Activation> activation_from_name(const std::string& name) {
    for (Activation a : {Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Linear})
        if (name == activation_name(a)) return a;
    return std::nullopt;
}

const char* init_scheme_name(InitScheme s) { return s == InitScheme::GlorotUniform ? "glorot" : "glorot-sigmoid"; }

std::optional<InitScheme> init_scheme_from_name(const std::string& name) {
    if (name == "glorot") return InitScheme::GlorotUniform;
    if (name == "glorot-sigmoid") return InitScheme::GlorotUniformSigmoid;
    return std::nullopt;
}

void add_bias_activate(Eigen::Ref<Matrix> z, const Eigen::Ref<const Vector>& bias, Activation act) {
    auto a = z.array();
    const auto biased = a.colwise() + bias.array();
    switch (act) {
    case Activation::Sigmoid: a = biased.logistic(); break;
    case Activation::Tanh: a = biased.tanh(); break;
    case Activation::Relu: a = biased.max(Scalar{0}); break;
    case Activation::Linear: a = biased; break;
    }
}

void multiply_derivative(Eigen::Ref<Matrix> d, const Eigen::Ref<const Matrix>& y, Activation act) {
    auto da = d.array();
    const auto ya = y.array();
    switch (act) {
    case Activation::Sigmoid: da *= ya * (Scalar{1} - ya); break;
    case Activation::Tanh: da *= Scalar{1} - ya.square(); break;
    case Activation::Relu: da = (ya > Scalar{0}).select(da, Scalar{0}); break;
    case Activation::Linear: break;
    }
}

Autoencoder::Autoencoder(const ModelConfig& config) : m_config(config) {
    if (config.visible < 1 || config.hidden < 1) throw Error("model: visible and hidden sizes must be ≥ 1");
    w1 = Matrix::Zero(config.hidden, config.visible);
    b1 = Vector::Zero(config.hidden);
    if (!config.tied) w2 = Matrix::Zero(config.visible, config.hidden);
    b2 = Vector::Zero(config.visible);
}

void Autoencoder::initialize(InitScheme scheme, std::uint64_t seed) {
    Rng rng(seed);
    double r = std::sqrt(6.0 / static_cast<double>(m_config.visible + m_config.hidden));
    if (scheme == InitScheme::GlorotUniformSigmoid) r *= 4.0;
    const auto range = static_cast<Scalar>(r);
    auto fill = [&](Matrix& m) {
        for (Index k = 0; k < m.size(); ++k)
            m.data()[k] = rng.uniform(-range, range);
    };
    fill(w1);
    if (!m_config.tied) fill(w2);
    b1.setZero();
    b2.setZero();
}

void Autoencoder::encode(const Eigen::Ref<const Matrix>& x, Matrix& h) const {
    h.resize(m_config.hidden, x.cols());
    h.noalias() = w1 * x;
    add_bias_activate(h, b1, m_config.encoder);
}

void Autoencoder::decode(const Matrix& h, Matrix& o) const {
    o.resize(m_config.visible, h.cols());
    if (m_config.tied)
        o.noalias() = w1.transpose() * h;
    else
        o.noalias() = w2 * h;
    add_bias_activate(o, b2, m_config.decoder);
}

void Autoencoder::reconstruct(const Eigen::Ref<const Matrix>& x, Matrix& h, Matrix& o) const {
    encode(x, h);
    decode(h, o);
}

Matrix Autoencoder::reconstruct(const Eigen::Ref<const Matrix>& x) const {
    Matrix h, o;
    reconstruct(x, h, o);
    return o;
}

bool Autoencoder::all_finite() const { return w1.allFinite() && b1.allFinite() && w2.allFinite() && b2.allFinite(); }

bool Autoencoder::operator==(const Autoencoder& other) const {
    return m_config == other.m_config && w1 == other.w1 && b1 == other.b1 && w2 == other.w2 && b2 == other.b2;
}

}  // namespace dae
