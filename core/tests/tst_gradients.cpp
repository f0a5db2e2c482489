// Exact gradients: the engine's analytic gradient (float) against central differences (ε = 1e-6)
// of an independent double-precision reference of the objective, written straight from its
// definition (the contractive term through an explicitly formed Jacobian), for every
// encoder × decoder × loss × tied/untied × k ∈ {1, 3} × regulariser.
#include "check.h"
#include "dae/corruption.h"
#include "dae/hidden_stats.h"
#include "dae/objective.h"

#include <cmath>

using namespace dae;

namespace {

double act(Activation a, double z) {
    switch (a) {
    case Activation::Sigmoid: return 1 / (1 + std::exp(-z));
    case Activation::Tanh: return std::tanh(z);
    case Activation::Relu: return z > 0 ? z : 0;
    case Activation::Linear: return z;
    }
    return 0;
}
double act_prime(Activation a, double z) {
    switch (a) {
    case Activation::Sigmoid: {
        const double s = act(a, z);
        return s * (1 - s);
    }
    case Activation::Tanh: {
        const double t = std::tanh(z);
        return 1 - t * t;
    }
    case Activation::Relu: return z > 0 ? 1 : 0;
    case Activation::Linear: return 1;
    }
    return 0;
}

struct Params {
    MatrixD w1, w2;
    VectorD b1, b2;
};

// The objective of objective.h, literally, in double.
double reference_loss(const Params& p, const ModelConfig& c, Loss loss, int k, const Regularization& reg,
                      const MatrixD& x, const MatrixD& xt) {
    const MatrixD W2 = c.tied ? MatrixD(p.w1.transpose()) : p.w2;
    double total = 0;
    for (Index s = 0; s < x.cols(); ++s) {
        VectorD in = xt.col(s);
        for (int i = 0; i < k; ++i) {
            const VectorD a1 = p.w1 * in + p.b1;
            VectorD h(a1.size());
            for (Index j = 0; j < h.size(); ++j)
                h(j) = act(c.encoder, a1(j));
            const VectorD a2 = W2 * h + p.b2;
            VectorD o(a2.size());
            for (Index j = 0; j < o.size(); ++j)
                o(j) = act(c.decoder, a2(j));
            for (Index j = 0; j < o.size(); ++j) {
                const double xv = x(j, s);
                total += loss == Loss::SquaredError ? (xv - o(j)) * (xv - o(j))
                                                    : -(xv * std::log(o(j)) + (1 - xv) * std::log(1 - o(j)));
            }
            total += reg.sparsity * h.cwiseAbs().sum();
            if (reg.contraction != 0) {
                MatrixD J = p.w1;  // ∂h/∂in = diag(f'(a1)) W1
                for (Index j = 0; j < J.rows(); ++j)
                    J.row(j) *= act_prime(c.encoder, a1(j));
                total += reg.contraction * J.squaredNorm();
            }
            in = o;
        }
    }
    total /= static_cast<double>(k) * static_cast<double>(x.cols());
    double w = p.w1.squaredNorm() + (c.tied ? 0 : p.w2.squaredNorm());
    return total + 0.5 * reg.weight_decay * w;
}

// The walkback variants of objective.h, in double: inputs zᵢ (i ≥ 1) are the previous output when
// the variant goes through the chain, else the given fixed samples (the chain's, treated as data).
double variant_loss(const Params& p, const ModelConfig& c, int k, WalkbackVariant v, const MatrixD& x,
                    const MatrixD& xt, const std::vector<MatrixD>& fixed) {
    const bool chain = v == WalkbackVariant::BahdanauJaeger || v == WalkbackVariant::BpttNoSamples;
    const MatrixD W2 = c.tied ? MatrixD(p.w1.transpose()) : p.w2;
    double total = 0;
    for (Index s = 0; s < x.cols(); ++s) {
        VectorD in = xt.col(s);
        for (int i = 0; i < k; ++i) {
            if (i > 0 && !chain) in = fixed[std::size_t(i)].col(s);
            const VectorD a1 = p.w1 * in + p.b1;
            VectorD h(a1.size());
            for (Index j = 0; j < h.size(); ++j)
                h(j) = act(c.encoder, a1(j));
            const VectorD a2 = W2 * h + p.b2;
            VectorD o(a2.size());
            for (Index j = 0; j < o.size(); ++j)
                o(j) = act(c.decoder, a2(j));
            const double w = v == WalkbackVariant::BpttNoSamples ? (i == k - 1 ? 1.0 : 0.0) : 1.0 / k;
            total += w * (x.col(s) - o).squaredNorm();
            in = o;
        }
    }
    return total / static_cast<double>(x.cols());
}

}  // namespace

static void matchesFiniteDifferences(int encoder, int decoder, int loss, bool tied, int k, int regulariser) {
    ModelConfig c;
    c.visible = 7;
    c.hidden = 5;
    c.tied = tied;
    c.encoder = Activation(encoder);
    c.decoder = Activation(decoder);
    Regularization reg;
    if (regulariser == 1) reg.sparsity = 0.3;
    if (regulariser == 2) reg.contraction = 0.3;
    if (regulariser == 3) reg.weight_decay = 0.2;
    const Loss L = Loss(loss);

    Autoencoder model(c);
    model.initialize(InitScheme::GlorotUniform, 11);
    Rng rng(5);
    for (Index j = 0; j < model.b1.size(); ++j)
        model.b1(j) = rng.uniform(-0.3f, 0.3f);
    for (Index j = 0; j < model.b2.size(); ++j)
        model.b2(j) = rng.uniform(-0.3f, 0.3f);
    const Index b = 4;
    Matrix x(c.visible, b), xt(c.visible, b);
    for (Index j = 0; j < x.size(); ++j) {
        x.data()[j] = rng.uniform();
        xt.data()[j] = x.data()[j] + rng.uniform(-0.4f, 0.4f);
    }
    // Linear/ReLU chains can grow over k steps; keep the test in a well-conditioned regime.
    model.w1 *= 0.7f;
    if (!tied) model.w2 *= 0.7f;

    Objective objective(L, k, reg);
    Gradients g;
    const LossParts parts = objective.evaluate(model, x, xt, &g);

    Params p{model.w1.cast<double>(), tied ? MatrixD() : MatrixD(model.w2.cast<double>()), model.b1.cast<double>(),
             model.b2.cast<double>()};
    const MatrixD xd = x.cast<double>(), xtd = xt.cast<double>();
    const double ref = reference_loss(p, c, L, k, reg, xd, xtd);
    REQUIRE_MESSAGE(std::abs(parts.total() - ref) <= 1e-5 * (1 + std::abs(ref)),
                    "loss " << parts.total() << " vs reference " << ref);

    // Central differences of the reference over every parameter.
    const double eps = 1e-6;
    double err2 = 0, norm2 = 0, worst = 0;
    auto check = [&](double& param, double analytic) {
        const double keep = param;
        param = keep + eps;
        const double up = reference_loss(p, c, L, k, reg, xd, xtd);
        param = keep - eps;
        const double down = reference_loss(p, c, L, k, reg, xd, xtd);
        param = keep;
        const double fd = (up - down) / (2 * eps);
        err2 += (fd - analytic) * (fd - analytic);
        norm2 += fd * fd;
        worst = std::max(worst, std::abs(fd - analytic) / (1e-3 + std::abs(fd)));
    };
    for (Index j = 0; j < p.w1.size(); ++j)
        check(p.w1.data()[j], g.w1.data()[j]);
    for (Index j = 0; j < p.b1.size(); ++j)
        check(p.b1.data()[j], g.b1.data()[j]);
    if (!tied)
        for (Index j = 0; j < p.w2.size(); ++j)
            check(p.w2.data()[j], g.w2.data()[j]);
    for (Index j = 0; j < p.b2.size(); ++j)
        check(p.b2.data()[j], g.b2.data()[j]);
    const double rel = std::sqrt(err2 / std::max(norm2, 1e-30));
    REQUIRE_MESSAGE(norm2 > 1e-8, "the gradient is zero: the check would prove nothing");
    REQUIRE_MESSAGE(rel < 1e-4, "relative gradient error " << rel);
    REQUIRE_MESSAGE(worst < 1e-2, "worst coordinate error " << worst);
}

TEST_CASE("TestGradients::matchesFiniteDifferences") {
    const char* regs[] = {"none", "sparse", "contractive", "decay"};
    for (Activation enc : {Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Linear})
        for (Activation dec : {Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Linear})
            for (Loss loss : {Loss::SquaredError, Loss::CrossEntropy}) {
                if (loss == Loss::CrossEntropy && dec != Activation::Sigmoid) continue;
                for (bool tied : {false, true})
                    for (int k : {1, 3})
                        for (int r = 0; r < 4; ++r) {
                            INFO(activation_name(enc) << "-" << activation_name(dec) << " " << loss_name(loss) << " "
                                                      << (tied ? "tied" : "untied") << " k=" << k << " " << regs[r]);
                            matchesFiniteDifferences(int(enc), int(dec), int(loss), tied, k, r);
                        }
            }
}

// Each variant's gradient is exact for its own objective: through the chain for
// bahdanau-jaeger and bptt-no-samples, with the chain's samples held fixed for bengio and
// samples-no-bptt (what "no back-propagation through the chain" means).
static void walkbackVariantsMatchFiniteDifferences(int variant, bool tied) {
    const auto v = WalkbackVariant(variant);
    ModelConfig c;
    c.visible = 7;
    c.hidden = 5;
    c.tied = tied;
    Autoencoder model(c);
    model.initialize(InitScheme::GlorotUniform, 3);
    Rng rng(9);
    const int k = 3;
    const Index b = 4;
    Matrix x(c.visible, b), xt(c.visible, b);
    for (Index j = 0; j < x.size(); ++j) {
        x.data()[j] = rng.uniform();
        xt.data()[j] = x.data()[j] + rng.uniform(-0.4f, 0.4f);
    }
    Objective objective(Loss::SquaredError, k, {}, v);
    Corrupter chain(77);
    objective.set_chain_noise(&chain, {CorruptionType::Gaussian, 0.3});
    Gradients g;
    const LossParts parts = objective.evaluate(model, x, xt, &g);
    Params p{model.w1.cast<double>(), tied ? MatrixD() : MatrixD(model.w2.cast<double>()), model.b1.cast<double>(),
             model.b2.cast<double>()};
    const MatrixD xd = x.cast<double>(), xtd = xt.cast<double>();
    // The fixed samples: the engine's own noisy chain (bengio), or the plain chain rⁱ(x̃).
    std::vector<MatrixD> fixed(k);
    Matrix in = xt;
    for (int i = 1; i < k; ++i) {
        in = model.reconstruct(in);
        fixed[std::size_t(i)] =
            v == WalkbackVariant::Bengio ? objective.chain_inputs()[std::size_t(i)].cast<double>() : in.cast<double>();
        if (v == WalkbackVariant::Bengio) in = objective.chain_inputs()[std::size_t(i)];
    }
    if (v == WalkbackVariant::Bengio)  // the noise really went in between the steps
        REQUIRE((objective.chain_inputs()[1] - model.reconstruct(xt)).norm() > 0.1);
    const double ref = variant_loss(p, c, k, v, xd, xtd, fixed);
    REQUIRE_MESSAGE(std::abs(parts.total() - ref) <= 1e-5 * (1 + ref), parts.total() << " vs " << ref);
    const double eps = 1e-6;
    double err2 = 0, norm2 = 0;
    auto check = [&](double& param, double analytic) {
        const double keep = param;
        param = keep + eps;
        const double up = variant_loss(p, c, k, v, xd, xtd, fixed);
        param = keep - eps;
        const double down = variant_loss(p, c, k, v, xd, xtd, fixed);
        param = keep;
        const double fd = (up - down) / (2 * eps);
        err2 += (fd - analytic) * (fd - analytic);
        norm2 += fd * fd;
    };
    for (Index j = 0; j < p.w1.size(); ++j)
        check(p.w1.data()[j], g.w1.data()[j]);
    for (Index j = 0; j < p.b1.size(); ++j)
        check(p.b1.data()[j], g.b1.data()[j]);
    if (!tied)
        for (Index j = 0; j < p.w2.size(); ++j)
            check(p.w2.data()[j], g.w2.data()[j]);
    for (Index j = 0; j < p.b2.size(); ++j)
        check(p.b2.data()[j], g.b2.data()[j]);
    const double rel = std::sqrt(err2 / std::max(norm2, 1e-30));
    REQUIRE_MESSAGE(norm2 > 1e-8, "the gradient is zero: the check would prove nothing");
    REQUIRE_MESSAGE(rel < 1e-4, "relative gradient error " << rel);
    // The variants differ: the BPTT gradient of B&J is not the gradient with the chain held fixed.
    if (v == WalkbackVariant::SamplesNoBptt) {
        Objective bj(Loss::SquaredError, k, {}, WalkbackVariant::BahdanauJaeger);
        Gradients gb;
        REQUIRE(bj.evaluate(model, x, xt, &gb).total() == parts.total());  // same loss value …
        REQUIRE((gb.w1 - g.w1).norm() > 1e-4 * g.w1.norm());               // … other gradient
    }
}

TEST_CASE("TestGradients::walkbackVariantsMatchFiniteDifferences") {
    for (WalkbackVariant v : {WalkbackVariant::BahdanauJaeger, WalkbackVariant::Bengio, WalkbackVariant::SamplesNoBptt,
                              WalkbackVariant::BpttNoSamples})
        for (bool tied : {false, true}) {
            INFO(walkback_variant_name(v) << " " << (tied ? "tied" : "untied"));
            walkbackVariantsMatchFiniteDifferences(int(v), tied);
        }
}

static void fusedSgdStepEqualsGradientThenUpdate(bool tied, int loss, double sparsity, double decay) {
    ModelConfig c;
    c.visible = 30;
    c.hidden = 9;
    c.tied = tied;
    Autoencoder fused(c);
    fused.initialize(InitScheme::GlorotUniform, 2);
    Autoencoder reference = fused;
    const Autoencoder initial = fused;
    Rng rng(8);
    Matrix x(30, 6), xt(30, 6);
    for (Index j = 0; j < x.size(); ++j) {
        x.data()[j] = rng.uniform();
        xt.data()[j] = x.data()[j] * (rng.uniform() < 0.7f ? 1.0f : 0.0f);
    }
    Regularization reg;
    reg.sparsity = sparsity;
    reg.weight_decay = decay;
    const float lr = 0.5f;
    Objective a(Loss(loss), 1, reg), b(Loss(loss), 1, reg);
    REQUIRE(a.can_fuse_update());
    const LossParts pa = a.sgd_step(fused, x, xt, lr);
    Gradients g;
    const LossParts pb = b.evaluate(reference, x, xt, &g);
    REQUIRE(pa.total() == pb.total());
    reference.w1 -= lr * g.w1;
    reference.b1 -= lr * g.b1;
    if (!tied) reference.w2 -= lr * g.w2;
    reference.b2 -= lr * g.b2;
    const double change = (reference.w1 - initial.w1).norm();
    REQUIRE(change > 1e-3);  // the step did move the weights
    REQUIRE((fused.w1 - reference.w1).norm() <= 1e-4 * change);
    REQUIRE((fused.b1 - reference.b1).norm() <= 1e-5 * (1 + reference.b1.norm()));
    REQUIRE((fused.b2 - reference.b2).norm() <= 1e-5 * (1 + reference.b2.norm()));
    if (!tied) REQUIRE((fused.w2 - reference.w2).norm() <= 1e-5 * reference.w2.norm());
    REQUIRE(!Objective(Loss::SquaredError, 3, {}).can_fuse_update());
}

TEST_CASE("TestGradients::fusedSgdStepEqualsGradientThenUpdate") {
    for (bool tied : {false, true})
        for (Loss loss : {Loss::SquaredError, Loss::CrossEntropy})
            for (double reg : {0.0, 0.2}) {
                INFO((tied ? "tied" : "untied") << " " << loss_name(loss) << " reg=" << reg);
                fusedSgdStepEqualsGradientThenUpdate(tied, int(loss), reg, reg / 2);
            }
}

TEST_CASE("TestGradients::crossEntropyIsStableForSaturatedOutputs") {
    // Logits of ±40 make σ round to exactly 0 or 1 in float; the loss must stay finite and exact.
    ModelConfig c;
    c.visible = 2;
    c.hidden = 1;
    Autoencoder m(c);
    m.w1.setZero();
    m.w2.setZero();
    m.b2 << 40, -40;
    Objective objective(Loss::CrossEntropy, 1, {});
    Matrix x(2, 1);
    x << 0, 1;  // each pixel opposite to its output: CE = 40 + 40 (+ tiny)
    Gradients g;
    const double l = objective.evaluate(m, x, x, &g).total();
    REQUIRE(std::isfinite(l));
    REQUIRE(std::abs(l - 80.0) < 1e-4);
    REQUIRE(g.b2.allFinite());
}

TEST_CASE("TestGradients::hiddenStatisticsAsWorkedOutAndTheContractionByFiniteDifferences") {
    // The histogram: equal bins, values outside the range in the end bins.
    dae::Matrix v(1, 6);
    v << 0.0F, 0.24F, 0.26F, 0.99F, 1.5F, -3.0F;
    const dae::Histogram hist = dae::histogram(v, 0, 1, 4);
    CHECK(hist.counts == std::vector<dae::Index>{3, 1, 0, 2});
    CHECK(hist.total() == 6);
    // A 3 → 2 model on two inputs, for each encoder: the mean |h|, the saturated share and
    // ‖∂h/∂x‖²_F, the last against central differences of h in double.
    for (dae::Activation f : {dae::Activation::Sigmoid, dae::Activation::Tanh, dae::Activation::Relu}) {
        dae::ModelConfig mc;
        mc.visible = 3;
        mc.hidden = 2;
        mc.encoder = f;
        dae::Autoencoder m(mc);
        m.w1 << 4.0F, -2.0F, 0.5F,  //
            -1.0F, 3.0F, 2.0F;
        m.b1 << -1.0F, 0.5F;
        dae::Matrix x(3, 2);
        x << 0.9F, 0.1F,  //
            0.2F, 0.8F,   //
            0.5F, 0.3F;
        auto act = [f](double a) {
            return f == dae::Activation::Sigmoid ? 1 / (1 + std::exp(-a))
                   : f == dae::Activation::Tanh  ? std::tanh(a)
                                                 : std::max(a, 0.0);
        };
        auto h_of = [&](const Eigen::Vector3d& in, int u) {
            double a = m.b1(u);
            for (int i = 0; i < 3; ++i)
                a += m.w1(u, i) * in(i);
            return act(a);
        };
        double mean = 0, contraction = 0;
        int saturated = 0;
        for (int j = 0; j < 2; ++j) {
            const Eigen::Vector3d in = x.col(j).cast<double>();
            for (int u = 0; u < 2; ++u) {
                const double h = h_of(in, u);
                mean += std::abs(h) / 4;
                saturated += f == dae::Activation::Sigmoid ? (h < 0.05 || h > 0.95)
                             : f == dae::Activation::Tanh  ? std::abs(h) > 0.95
                                                           : h == 0;
                for (int i = 0; i < 3; ++i) {
                    const double e = 1e-5;
                    Eigen::Vector3d up = in, down = in;
                    up(i) += e;
                    down(i) -= e;
                    const double d = (h_of(up, u) - h_of(down, u)) / (2 * e);
                    contraction += d * d / 2;
                }
            }
        }
        const dae::HiddenStats s = dae::hidden_stats(m, x, 10);
        CHECK(std::abs(s.mean_activation - mean) < 1e-6);
        CHECK(s.saturated == doctest::Approx(saturated / 4.0));
        CHECK(std::abs(s.contraction - contraction) < 1e-4 * std::max(1.0, contraction));
        CHECK(s.activations.total() == 4);
        CHECK(s.weights.total() == 6);
        CHECK(s.weights.lo == -4.0);
    }
    CHECK(dae::test::contains(dae::test::error_message([] {
                                  dae::ModelConfig mc;
                                  mc.visible = 3;
                                  mc.hidden = 2;
                                  dae::hidden_stats(dae::Autoencoder(mc), dae::Matrix::Zero(4, 2));
                              }),
                              "inputs of 3 values"));
}
