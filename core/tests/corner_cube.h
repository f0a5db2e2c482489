// A DAE whose attractors are known: r(x) = σ(12·(x − ½)) pushes every pixel to 0 or 1, so each
// input settles on the corner of the cube it starts nearest to; and seven 4-pixel inputs near two
// corners, (1, 1, 0, 0) for the first four and (0, 0, 1, 1) for the last three.
#pragma once

#include "dae/autoencoder.h"
#include "dae/dataset.h"

namespace dae {

inline Autoencoder binarizer(Index d) {
    ModelConfig c;
    c.visible = c.hidden = d;
    c.encoder = Activation::Linear;
    Autoencoder m(c);
    m.w1 = Matrix::Identity(d, d);
    m.b1 = Vector::Constant(d, -0.5f);
    m.w2 = 12.0f * Matrix::Identity(d, d);
    m.b2.setZero();
    return m;
}

inline Dataset two_corners() {
    Dataset d;
    d.width = d.height = 2;
    d.num_classes = 2;
    d.samples.resize(4, 7);
    d.samples << 0.9f, 0.8f, 0.7f, 0.95f, 0.1f, 0.2f, 0.3f,  //
        0.9f, 0.8f, 0.7f, 0.95f, 0.1f, 0.2f, 0.3f,           //
        0.1f, 0.2f, 0.3f, 0.05f, 0.9f, 0.8f, 0.7f,           //
        0.1f, 0.2f, 0.3f, 0.05f, 0.9f, 0.8f, 0.7f;
    d.labels = {0, 0, 1, 0, 1, 1, 1};
    return d;
}

}  // namespace dae
