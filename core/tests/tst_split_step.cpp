// The SGD step with its units shared over threads (Objective::sgd_step_split) is the serial step:
// the same loss and the same new weights to float rounding, for squared error and cross-entropy,
// with sparsity and weight decay, for k = 1 and for walkback k > 1 in all four variants (against
// evaluate()'s exact gradient, itself checked by finite differences in tst_objective); each thread
// count bit-reproducible; a non-finite minibatch changes nothing; the trainer takes it on more
// than one thread, for any k.
#include "check.h"
#include "dae/corruption.h"
#include "dae/objective.h"
#include "dae/rng.h"
#include "dae/training.h"
#include "uniform_data.h"

using namespace dae;

namespace {

Autoencoder model(Index visible, Index hidden, Activation decoder) {
    ModelConfig c;
    c.visible = visible;
    c.hidden = hidden;
    c.decoder = decoder;
    Autoencoder m(c);
    m.initialize(InitScheme::GlorotUniformSigmoid, 3);
    return m;
}

double relative(const Matrix& a, const Matrix& b) { return (a - b).norm() / std::max(a.norm(), 1e-30f); }

}  // namespace

// Against the serial step: sgd_step for k = 1, else evaluate()'s gradient and θ ← θ − ρ∇L.
static void isTheSerialStep(int k, int variant, int loss, double sparsity, double decay, int threads) {
    Regularization reg;
    reg.sparsity = sparsity;
    reg.weight_decay = decay;
    const Matrix clean = uniform_data(37, 20, 11), noisy = uniform_data(37, 20, 12);
    Autoencoder serial = model(37, 23, Activation::Sigmoid), split = serial;
    Objective a(Loss(loss), k, reg, WalkbackVariant(variant)), b(Loss(loss), k, reg, WalkbackVariant(variant));
    // The bengio chain draws its noise from the same stream in both.
    Corrupter ca(7), cb(7);
    Corruption noise;
    noise.type = CorruptionType::Gaussian;
    noise.level = 0.3;
    a.set_chain_noise(&ca, noise);
    b.set_chain_noise(&cb, noise);
    Gradients g;
    const Scalar lr = 0.5f;
    for (int step = 0; step < 4; ++step) {
        LossParts pa;
        if (k == 1) {
            pa = a.sgd_step(serial, clean, noisy, lr);
        } else {
            pa = a.evaluate(serial, clean, noisy, &g);
            serial.w1 -= lr * g.w1;
            serial.w2 -= lr * g.w2;
            serial.b1 -= lr * g.b1;
            serial.b2 -= lr * g.b2;
        }
        const LossParts pb = b.sgd_step_split(split, clean, noisy, lr, threads);
        REQUIRE((a.last_batch_finite() && b.last_batch_finite()));
        REQUIRE_MESSAGE(std::abs(pa.total() - pb.total()) <= 1e-5 * std::abs(pa.total()),
                        "step " << step << ": " << pa.total() << " vs " << pb.total());
        REQUIRE(std::abs(pa.sparsity - pb.sparsity) <= 1e-5 * std::max(1e-12, std::abs(pa.sparsity)));
        REQUIRE(std::abs(pa.decay - pb.decay) <= 1e-5 * std::max(1e-12, std::abs(pa.decay)));
    }
    if (WalkbackVariant(variant) == WalkbackVariant::Bengio)  // the same chain was drawn
        REQUIRE(relative(a.chain_inputs()[std::size_t(k - 1)], b.chain_inputs()[std::size_t(k - 1)]) < 1e-5);
    REQUIRE(!(serial == model(37, 23, Activation::Sigmoid)));  // it trained
    for (const auto& [x, y] : {std::pair{&serial.w1, &split.w1}, std::pair{&serial.w2, &split.w2}})
        REQUIRE_MESSAGE(relative(*x, *y) < 1e-5, (relative(*x, *y)));
    REQUIRE((relative(serial.b1, split.b1) < 1e-5 && relative(serial.b2, split.b2) < 1e-5));
}
TEST_CASE("TestSplitStep::isTheSerialStep") {
    const int bj = int(WalkbackVariant::BahdanauJaeger), se = int(Loss::SquaredError), ce = int(Loss::CrossEntropy);
    SUBCASE("squared error, 2 threads") { isTheSerialStep(1, bj, se, 0.0, 0.0, 2); }
    SUBCASE("cross-entropy, 2 threads") { isTheSerialStep(1, bj, ce, 0.0, 0.0, 2); }
    SUBCASE("sparsity and decay, 3 threads") { isTheSerialStep(1, bj, se, 0.01, 0.001, 3); }
    SUBCASE("more threads than units") { isTheSerialStep(1, bj, ce, 0.0, 0.0, 40); }
    SUBCASE("k 1 through this path, 1 thread") { isTheSerialStep(1, bj, se, 0.0, 0.0, 1); }
    SUBCASE("k 2, bahdanau-jaeger") { isTheSerialStep(2, bj, se, 0.0, 0.0, 2); }
    SUBCASE("k 3, bahdanau-jaeger, cross-entropy") { isTheSerialStep(3, bj, ce, 0.0, 0.0, 2); }
    SUBCASE("k 3, sparsity and decay, 3 threads") { isTheSerialStep(3, bj, se, 0.01, 0.001, 3); }
    SUBCASE("k 3, bengio") { isTheSerialStep(3, int(WalkbackVariant::Bengio), se, 0.0, 0.0, 2); }
    SUBCASE("k 3, samples-no-bptt") { isTheSerialStep(3, int(WalkbackVariant::SamplesNoBptt), ce, 0.0, 0.0, 2); }
    SUBCASE("k 3, bptt-no-samples") { isTheSerialStep(3, int(WalkbackVariant::BpttNoSamples), se, 0.0, 0.0, 2); }
    SUBCASE("k 3, bptt-no-samples, sparsity") {
        isTheSerialStep(3, int(WalkbackVariant::BpttNoSamples), se, 0.01, 0.0, 2);
    }
    SUBCASE("k 2, bengio, cross-entropy, sparsity and decay") {
        isTheSerialStep(2, int(WalkbackVariant::Bengio), ce, 0.01, 0.001, 3);
    }
}

TEST_CASE("TestSplitStep::eachThreadCountIsBitReproducible") {
    const Matrix clean = uniform_data(50, 20, 4), noisy = uniform_data(50, 20, 5);
    for (auto [threads, k] : {std::pair{2, 1}, std::pair{3, 1}, std::pair{2, 3}}) {
        Autoencoder x = model(50, 31, Activation::Sigmoid), y = x;
        // k = 3 with the bengio variant: the chain's noise drawn by one thread between barriers.
        const WalkbackVariant v = k == 3 ? WalkbackVariant::Bengio : WalkbackVariant::BahdanauJaeger;
        Objective a(Loss::SquaredError, k, {}, v), b(Loss::SquaredError, k, {}, v);
        Corrupter ca(5), cb(5);
        a.set_chain_noise(&ca, {CorruptionType::Gaussian, 0.4});
        b.set_chain_noise(&cb, {CorruptionType::Gaussian, 0.4});
        for (int step = 0; step < 4; ++step) {
            a.sgd_step_split(x, clean, noisy, 0.3f, threads);
            b.sgd_step_split(y, clean, noisy, 0.3f, threads);
        }
        REQUIRE(x == y);
    }
}
static void aNonFiniteMinibatchChangesNothing(int k) {
    Matrix clean = uniform_data(30, 20, 6), noisy = uniform_data(30, 20, 7);
    noisy(4, 9) = std::numeric_limits<Scalar>::quiet_NaN();
    Autoencoder m = model(30, 12, Activation::Sigmoid);
    const Autoencoder before = m;
    Objective o(Loss::SquaredError, k, {});
    o.sgd_step_split(m, clean, noisy, 0.1f, 2);
    REQUIRE(!o.last_batch_finite());
    REQUIRE(m == before);
    // An update large enough to overflow a weight is refused the same way.
    noisy(4, 9) = 1e30f;
    o.sgd_step_split(m, clean, noisy, 1e10f, 2);
    REQUIRE(!o.last_batch_finite());
    REQUIRE(m == before);
}

TEST_CASE("TestSplitStep::aNonFiniteMinibatchChangesNothing") {
    SUBCASE("k 1") { aNonFiniteMinibatchChangesNothing(1); }
    SUBCASE("walkback k 3") { aNonFiniteMinibatchChangesNothing(3); }
}
// Review found: weights so large that the weight-decay term overflows (while h, δ and the update
// bound stay finite) were updated by the split step, though sgd_step leaves them, and the trainer
// then reported the minibatch as diverged with "the weights from before it kept".
TEST_CASE("TestSplitStep::anOverflowingWeightDecayChangesNothing") {
    Regularization reg;
    reg.weight_decay = 0.1;
    const Matrix clean = uniform_data(30, 20, 9), noisy = uniform_data(30, 20, 10);
    Autoencoder m = model(30, 12, Activation::Sigmoid);
    m.w1.setConstant(1e20f);
    m.w2.setConstant(1e20f);
    for (int threads : {1, 2}) {
        Autoencoder x = m;
        Objective o(Loss::SquaredError, 1, reg);
        const LossParts p =
            threads == 1 ? o.sgd_step(x, clean, noisy, 0.1f) : o.sgd_step_split(x, clean, noisy, 0.1f, 2);
        REQUIRE(!std::isfinite(p.decay));
        REQUIRE_MESSAGE(!o.last_batch_finite(), threads);
        REQUIRE_MESSAGE(x == m, threads);
    }
}
// Review found: the update bound covered the weights but not b₂, whose step is ρ·Σ δa with no
// factor |h|; with every ReLU unit dead (h = 0, δh = 0) the bound was 0 and b₂ overflowed.
TEST_CASE("TestSplitStep::aBiasOverflowChangesNothing") {
    const Matrix clean = uniform_data(30, 20, 13), noisy = uniform_data(30, 20, 14);
    ModelConfig c;
    c.visible = 30;
    c.hidden = 12;
    c.encoder = Activation::Relu;
    Autoencoder m(c);
    m.initialize(InitScheme::GlorotUniformSigmoid, 3);
    m.b1.setConstant(-1e3f);  // every hidden unit dead
    for (int threads : {1, 2}) {
        Autoencoder x = m;
        Objective o(Loss::SquaredError, 1, {});
        threads == 1 ? o.sgd_step(x, clean, noisy, 1e35f) : o.sgd_step_split(x, clean, noisy, 1e35f, 2);
        REQUIRE_MESSAGE(!o.last_batch_finite(), threads);
        REQUIRE_MESSAGE(x == m, threads);
    }
}
static void theTrainerSharesUnitsOverThreads(int k) {
    TrainingConfig c;
    c.model.visible = 64;
    c.model.hidden = 40;
    c.batch = 20;
    c.epochs = 2;
    c.walkback = k;
    const Matrix data = uniform_data(64, 400, 8);
    set_compute_threads(1);
    Trainer one(c, data);
    one.run();
    set_compute_threads(2);
    Trainer two(c, data), again(c, data);
    two.run();
    again.run();
    set_compute_threads(1);
    REQUIRE(two.model() == again.model());   // bit-reproducible for 2 threads
    REQUIRE(!(two.model() == one.model()));  // another summation order: the split path ran
    REQUIRE_MESSAGE(relative(one.model().w1, two.model().w1) < 1e-4, (relative(one.model().w1, two.model().w1)));
    // A tied model takes the serial step (its W₂ is W₁ᵀ), and so does the contractive penalty.
    c.model.tied = true;
    Autoencoder tied(c.model);
    REQUIRE(!Objective(Loss::SquaredError, k, {}).can_split_update(tied));
    Regularization contractive;
    contractive.contraction = 0.1;
    REQUIRE(!Objective(Loss::SquaredError, k, contractive).can_split_update(model(64, 40, Activation::Sigmoid)));
}

TEST_CASE("TestSplitStep::theTrainerSharesUnitsOverThreads") {
    SUBCASE("k 1") { theTrainerSharesUnitsOverThreads(1); }
    SUBCASE("walkback k 3") { theTrainerSharesUnitsOverThreads(3); }
}
