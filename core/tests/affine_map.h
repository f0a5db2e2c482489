// r(x) = a·x + c, built as a linear–linear autoencoder (W₁ = I, W₂ = a·I, b₂ = c): a model whose
// iterates are known in closed form, xⁱ = c/(1 − a) + aⁱ(x⁰ − c/(1 − a)) for a ≠ 1; a = 1, c = 0 is
// the identity, a = 0 the constant c. Products with 0s and 1s round nothing.
#pragma once

#include "dae/autoencoder.h"

namespace dae::test {

inline Autoencoder affine_map(Index d, float a, const Vector& c) {
    ModelConfig cfg;
    cfg.visible = d;
    cfg.hidden = d;
    cfg.encoder = Activation::Linear;
    cfg.decoder = Activation::Linear;
    Autoencoder m(cfg);
    m.w1 = Matrix::Identity(d, d);
    m.w2 = a * Matrix::Identity(d, d);
    m.b2 = c;
    return m;
}

}  // namespace dae::test
