// Seeded uniform [0, 1) matrices, the tests' synthetic data.
#pragma once

#include "dae/eigen_types.h"
#include "dae/rng.h"

inline dae::Matrix uniform_data(dae::Index rows, dae::Index cols, std::uint64_t seed) {
    dae::Rng rng(seed);
    dae::Matrix m(rows, cols);
    for (dae::Index k = 0; k < m.size(); ++k)
        m.data()[k] = rng.uniform();
    return m;
}
