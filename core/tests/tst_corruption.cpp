// Statistics of the corruption processes, and their reproducibility.
#include "check.h"
#include "dae/corruption.h"

#include <cmath>

using namespace dae;

static void maskingZeroesExactlyFloorNuD(double nu) {
    const Index d = 784, b = 200;
    const Matrix clean = Matrix::Constant(d, b, 0.5f);  // no zeros before corruption
    Matrix out;
    Corrupter corrupter(3);
    corrupter.apply({CorruptionType::Masking, nu}, clean, out);
    const auto expected = static_cast<Index>(std::floor(nu * d + 1e-9));
    Eigen::VectorXd hits = Eigen::VectorXd::Zero(d);
    for (Index j = 0; j < b; ++j) {
        REQUIRE((out.col(j).array() == 0.0f).count() == expected);      // exactly, every example
        REQUIRE((out.col(j).array() == 0.5f).count() == d - expected);  // the rest untouched
        hits += (out.col(j).array() == 0.0f).cast<double>().matrix();
    }
    if (nu < 1) {
        // Positions are uniform: each pixel is masked ν·b times on average (binomial spread).
        const double mean = nu * b, sd = std::sqrt(b * nu * (1 - nu));
        REQUIRE_MESSAGE((hits.array() - mean).abs().maxCoeff() < 6 * sd, "some pixel is masked far too often");
        // … and independent from example to example: the counts spread as a binomial's, with
        // variance b·p(1 − p)·d/(d − 1) for p = ⌊νd⌋/d (the d/(d − 1): exactly ⌊νd⌋ a column). A
        // pattern that moves on from column to column spreads the masks too evenly, a repeated
        // one too unevenly. The estimate's relative error is about √(2/d) ≈ 5 %.
        const double p = double(expected) / d, spread = b * p * (1 - p) * d / (d - 1);
        const double variance = (hits.array() - hits.mean()).square().sum() / (d - 1);
        REQUIRE_MESSAGE(std::abs(variance / spread - 1) < 0.25, (variance / spread));
    }
}

TEST_CASE("TestCorruption::maskingZeroesExactlyFloorNuD") {
    SUBCASE("0.1") { maskingZeroesExactlyFloorNuD(0.1); }
    SUBCASE("0.25") { maskingZeroesExactlyFloorNuD(0.25); }
    SUBCASE("0.5") { maskingZeroesExactlyFloorNuD(0.5); }
    SUBCASE("1.0") { maskingZeroesExactlyFloorNuD(1.0); }
}
TEST_CASE("TestCorruption::gaussianHasMeanZeroAndVarianceSigmaSquared") {
    const double sigma = 0.5;
    const Index d = 784, b = 500;  // 392,000 draws
    Rng rng(1);
    Matrix clean(d, b);
    for (Index k = 0; k < clean.size(); ++k)
        clean.data()[k] = rng.uniform();
    Matrix out;
    Corrupter corrupter(9);
    corrupter.apply({CorruptionType::Gaussian, sigma}, clean, out);
    const Eigen::ArrayXd noise = (out - clean).cast<double>().reshaped().array();
    const double n = static_cast<double>(noise.size());
    const double mean = noise.mean();
    const double var = (noise - mean).square().sum() / (n - 1);
    const double kurt = (noise - mean).pow(4).mean() / (var * var);
    REQUIRE_MESSAGE(std::abs(mean) < 4 * sigma / std::sqrt(n), mean);
    REQUIRE_MESSAGE(std::abs(var / (sigma * sigma) - 1) < 0.01, var);
    REQUIRE_MESSAGE(std::abs(kurt - 3) < 0.05, kurt);  // Gaussian, not uniform
    // Not clipped: corrupted values leave [0, 1].
    REQUIRE((out.minCoeff() < -1.0f && out.maxCoeff() > 2.0f));
    // ~68.3 % within one σ.
    const double within = (noise.abs() < sigma).cast<double>().mean();
    REQUIRE_MESSAGE(std::abs(within - 0.6827) < 0.005, within);
}
TEST_CASE("TestCorruption::saltAndPepperIsBalanced") {
    const double nu = 0.3;
    const Index d = 784, b = 400;
    const Matrix clean = Matrix::Constant(d, b, 0.5f);
    Matrix out;
    Corrupter corrupter(4);
    corrupter.apply({CorruptionType::SaltPepper, nu}, clean, out);
    const auto expected = static_cast<Index>(std::floor(nu * d));
    Index zeros = 0, ones = 0;
    for (Index j = 0; j < b; ++j) {
        const Index z = (out.col(j).array() == 0.0f).count(), o = (out.col(j).array() == 1.0f).count();
        REQUIRE(z + o == expected);
        zeros += z;
        ones += o;
    }
    const double n = static_cast<double>(zeros + ones);
    REQUIRE_MESSAGE(std::abs(zeros / n - 0.5) < 4 * 0.5 / std::sqrt(n), (zeros / n));
}
TEST_CASE("TestCorruption::noneAndZeroLevelLeaveTheInput") {
    Rng rng(2);
    Matrix clean(10, 3);
    for (Index k = 0; k < clean.size(); ++k)
        clean.data()[k] = rng.uniform();
    Matrix out;
    Corrupter corrupter(1);
    corrupter.apply({CorruptionType::None, 0.9}, clean, out);
    REQUIRE(out == clean);
    corrupter.apply({CorruptionType::Gaussian, 0.0}, clean, out);
    REQUIRE(out == clean);
    corrupter.apply({CorruptionType::Masking, 0.0}, clean, out);
    REQUIRE(out == clean);
}
static void reproduciblePerSeed(int type) {
    const Matrix clean = Matrix::Constant(50, 8, 0.5f);
    Matrix a, b, c;
    Corrupter ca(7), cb(7), cc(8);
    for (int rep = 0; rep < 3; ++rep) {  // the whole sequence, not only the first call
        ca.apply({CorruptionType(type), 0.3}, clean, a);
        cb.apply({CorruptionType(type), 0.3}, clean, b);
        cc.apply({CorruptionType(type), 0.3}, clean, c);
        REQUIRE(a == b);
        REQUIRE(a != c);
    }
}

TEST_CASE("TestCorruption::reproduciblePerSeed") {
    SUBCASE("masking") { reproduciblePerSeed(int(CorruptionType::Masking)); }
    SUBCASE("gaussian") { reproduciblePerSeed(int(CorruptionType::Gaussian)); }
    SUBCASE("salt-pepper") { reproduciblePerSeed(int(CorruptionType::SaltPepper)); }
}
