// The autoencoder r(x) = g(W₂ f(W₁x + b₁) + b₂)  (Bahdanau & Jaeger 2014, eq. 1-2).
// Tied weights: W₂ = W₁ᵀ (Vincent et al. 2008). Samples are columns (eigen_types.h).
#pragma once

#include "dae/eigen_types.h"
#include "dae/rng.h"

#include <optional>
#include <string>

namespace dae {

enum class Activation { Sigmoid, Tanh, Relu, Linear };
const char* activation_name(Activation a);
std::optional<Activation> activation_from_name(const std::string& name);

// In place: Z ← act(Z + b·1ᵀ)  (bias and activation fused in one pass over Z).
void add_bias_activate(Eigen::Ref<Matrix> z, const Eigen::Ref<const Vector>& bias, Activation act);
// In place: D ← D ⊙ act'(·), with the derivative written in terms of the activation's OUTPUT y:
//   sigmoid y(1−y), tanh 1−y², ReLU [y > 0], linear 1.
void multiply_derivative(Eigen::Ref<Matrix> d, const Eigen::Ref<const Matrix>& y, Activation act);

enum class InitScheme {
    GlorotUniform,         // U(±√(6/(fan_in+fan_out))), Glorot & Bengio 2010
    GlorotUniformSigmoid,  // 4× that range, as the Theano DAE tutorial does for sigmoid units
};
const char* init_scheme_name(InitScheme s);
std::optional<InitScheme> init_scheme_from_name(const std::string& name);

struct ModelConfig {
    Index visible = 784;                       // d
    Index hidden = 500;                        // n (8 … 2000 in the GUI; any ≥ 1 here)
    bool tied = false;                         // W₂ = W₁ᵀ
    Activation encoder = Activation::Sigmoid;  // f
    Activation decoder = Activation::Sigmoid;  // g
    bool operator==(const ModelConfig&) const = default;
};

class Autoencoder {
public:
    Autoencoder() = default;
    explicit Autoencoder(const ModelConfig& config);

    // Weights from the scheme, biases zero. Same seed ⇒ same weights.
    void initialize(InitScheme scheme, std::uint64_t seed);

    const ModelConfig& config() const { return m_config; }
    Index visible() const { return m_config.visible; }
    Index hidden() const { return m_config.hidden; }

    // H = f(W₁X + b₁)       X: d × b, H: n × b (resized as needed, no allocation when sized)
    void encode(const Eigen::Ref<const Matrix>& x, Matrix& h) const;
    // O = g(W₂H + b₂)       H: n × b, O: d × b
    void decode(const Matrix& h, Matrix& o) const;
    // O = r(X), with H as scratch.
    void reconstruct(const Eigen::Ref<const Matrix>& x, Matrix& h, Matrix& o) const;
    Matrix reconstruct(const Eigen::Ref<const Matrix>& x) const;

    // Parameters. For a tied model W2() is a copy of W₁ᵀ; w2 is unused and empty.
    Matrix w1;  // n × d
    Vector b1;  // n
    Matrix w2;  // d × n   (untied only)
    Vector b2;  // d
    auto W2() const { return m_config.tied ? Matrix(w1.transpose()) : w2; }

    bool all_finite() const;
    bool operator==(const Autoencoder& other) const;  // bit-exact

private:
    ModelConfig m_config;
};

}  // namespace dae
