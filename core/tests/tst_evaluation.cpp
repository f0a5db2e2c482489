// The Table 1 metric and the numbers around it, pinned against values worked out here, not taken from
// the code under test: evaluate_dynamics on models whose fixed points are known (the identity, a
// constant), walkback_mse with plain loops, chain_stats on hand-made label sequences, and the chain of
// Bengio et al.'s walkback (every reconstruction corrupted again) step by step.
#include "affine_map.h"
#include "check.h"
#include "dae/chain.h"
#include "dae/evaluation.h"
#include "dae/threads.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

using namespace dae;

namespace {
// Empty when |actual − expected| ≤ tol, else the expression and both numbers (for REQUIRE_MESSAGE).
std::string mismatch(const char* what, double actual, double expected, double tol) {
    if (std::abs(actual - expected) <= tol) return {};
    char text[256];
    std::snprintf(text, sizeof text, "%s = %.12g, expected %.12g (tolerance %g)", what, actual, expected, tol);
    return text;
}
}  // namespace
#define DAE_VERIFY_NEAR(a, e, tol) REQUIRE_MESSAGE(mismatch(#a, a, e, tol).empty(), mismatch(#a, a, e, tol))

namespace {

// ---- a small labelled data set: three Gaussian blobs in [0, 1]⁴ ----

constexpr int kClasses = 3;
constexpr Index kDim = 4;
constexpr double kCentre[kClasses][kDim] = {{0.2, 0.2, 0.8, 0.5}, {0.8, 0.2, 0.2, 0.5}, {0.5, 0.8, 0.5, 0.2}};

// Labels repeating `cycle` until there are n of them (the shares are exact when n is a multiple of its length).
std::vector<int> labels_in_cycle(std::size_t n, const std::vector<int>& cycle) {
    std::vector<int> labels(n);
    for (std::size_t j = 0; j < n; ++j)
        labels[j] = cycle[j % cycle.size()];
    return labels;
}
// 50 % class 0, 30 % class 1, 20 % class 2.
const std::vector<int> kFiftyThirtyTwenty = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2};
// 30 % class 0, 45 % class 1, 25 % class 2: another majority than the training set's.
const std::vector<int> kThirtyFortyfiveTwentyfive = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};

// Each sample drawn around its class's centre (σ = 0.2 per coordinate, clipped to [0, 1]): the classes
// overlap a little, so a linear classifier reads most but not all of them (accuracies below 1 differ
// between sets and classifiers, which makes the equalities below mean something).
Dataset blobs(const std::vector<int>& labels, std::uint32_t seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> noise(0.0, 0.2);
    Dataset d;
    d.name = "blobs";
    d.width = static_cast<int>(kDim);
    d.height = 1;
    d.num_classes = kClasses;
    d.labels = labels;
    d.samples.resize(kDim, static_cast<Index>(labels.size()));
    for (std::size_t j = 0; j < labels.size(); ++j)
        for (Index i = 0; i < kDim; ++i)
            d.samples(i, static_cast<Index>(j)) =
                static_cast<Scalar>(std::clamp(kCentre[labels[j]][i] + noise(gen), 0.0, 1.0));
    return d;
}

double share_of(const std::vector<int>& labels, int c) {
    return static_cast<double>(std::count(labels.begin(), labels.end(), c)) / static_cast<double>(labels.size());
}

// ---- models with known reconstructions ----

Autoencoder linear_model(Index visible, Index hidden) {
    ModelConfig mc;
    mc.visible = visible;
    mc.hidden = hidden;
    mc.tied = false;
    mc.encoder = Activation::Linear;
    mc.decoder = Activation::Linear;
    return Autoencoder(mc);  // all weights and biases 0
}

// r(x) = x exactly: W₁ = W₂ = I, biases 0, linear units (a product with 0s and 1s rounds nothing).
Autoencoder identity_model() { return dae::test::affine_map(kDim, 1, Vector::Zero(kDim)); }

// r(x) = c for every x: W₂ = 0, b₂ = c, linear decoder. c is class 2's centre.
Vector constant_point() {
    Vector c(kDim);
    for (Index i = 0; i < kDim; ++i)
        c(i) = static_cast<Scalar>(kCentre[2][i]);
    return c;
}
Autoencoder constant_model() { return dae::test::affine_map(kDim, 0, constant_point()); }

// ---- r by hand: g(W₂ f(W₁x + b₁) + b₂) with plain loops in double ----

using Column = std::vector<double>;

double activate(double a, Activation f) {
    switch (f) {
    case Activation::Sigmoid: return 1 / (1 + std::exp(-a));
    case Activation::Tanh: return std::tanh(a);
    case Activation::Relu: return std::max(a, 0.0);
    case Activation::Linear: return a;
    }
    return a;
}

Column by_hand(const Autoencoder& m, const Column& x) {
    const ModelConfig& c = m.config();
    Column h(static_cast<std::size_t>(c.hidden)), o(static_cast<std::size_t>(c.visible));
    for (Index u = 0; u < c.hidden; ++u) {
        double a = m.b1(u);
        for (Index p = 0; p < c.visible; ++p)
            a += static_cast<double>(m.w1(u, p)) * x[static_cast<std::size_t>(p)];
        h[static_cast<std::size_t>(u)] = activate(a, c.encoder);
    }
    for (Index p = 0; p < c.visible; ++p) {
        double a = m.b2(p);
        for (Index u = 0; u < c.hidden; ++u)
            a += static_cast<double>(c.tied ? m.w1(u, p) : m.w2(p, u)) * h[static_cast<std::size_t>(u)];
        o[static_cast<std::size_t>(p)] = activate(a, c.decoder);
    }
    return o;
}

Column column_of(const Matrix& m, Index j) {
    Column v(static_cast<std::size_t>(m.rows()));
    for (Index i = 0; i < m.rows(); ++i)
        v[static_cast<std::size_t>(i)] = m(i, j);
    return v;
}

double squared_distance(const Column& a, const Column& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += (a[i] - b[i]) * (a[i] - b[i]);
    return s;
}

// The largest |a − b| between a column computed here and one of the engine's.
double largest_difference(const Column& a, const Matrix& m, Index j) {
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::abs(a[i] - static_cast<double>(m(static_cast<Index>(i), j))));
    return worst;
}

// (1/k) Σᵢ₌₁..ₖ ‖x − rⁱ(x̃)‖² (summed over the pixels), the mean over the columns: the walkback
// objective of Bahdanau & Jaeger (corrupt once, then apply r k times), by hand.
double walkback_by_hand(const Autoencoder& m, const Matrix& clean, const Matrix& input, int k) {
    double total = 0;
    for (Index j = 0; j < clean.cols(); ++j) {
        const Column x = column_of(clean, j);
        Column y = column_of(input, j);
        double sum = 0;
        for (int i = 0; i < k; ++i) {
            y = by_hand(m, y);
            sum += squared_distance(x, y);
        }
        total += sum / k;
    }
    return total / static_cast<double>(clean.cols());
}

// The judge evaluate_dynamics needs to classify end points: a small MLP on the same blobs.
Judge small_judge(const Partition& p) {
    return Judge::train(p.train, p.validation, JudgeConfig{.hidden = 8, .epochs = 2});
}

// The evaluation with a classifier that differs from the defaults (so "the same classifier" means
// the one of the config) and a short step cap (the models here settle in one or two steps).
EvaluationConfig small_evaluation() {
    EvaluationConfig c;
    c.iteration.max_steps = 50;
    c.classifier.epochs = 10;
    c.classifier.learning_rate = 0.3;
    return c;
}

}  // namespace

// Every case computes on one thread, whatever the machine has.
struct SingleThreaded {
    SingleThreaded() { set_compute_threads(1); }
};

TEST_CASE_FIXTURE(SingleThreaded, "TestEvaluation::identityModelKeepsEveryAccuracyOfTheOriginals") {
    // Table 1 (Bahdanau & Jaeger 2014 §5.5): a logistic regression trained on the transformed
    // training set and tested on the transformed test set. When r(x) = x, iterating moves nothing —
    // every sample is its own fixed point, converged at step 1 (‖x¹ − x⁰‖ = 0 < ε) — so the
    // transformed sets ARE the originals and every accuracy must equal the baseline of the same
    // classifier (same config, same data) trained on the originals.
    const Partition p{blobs(labels_in_cycle(300, kFiftyThirtyTwenty), 1),
                      blobs(labels_in_cycle(100, kFiftyThirtyTwenty), 2),
                      blobs(labels_in_cycle(200, kThirtyFortyfiveTwentyfive), 3), false};
    const Judge judge = small_judge(p);
    const EvaluationConfig c = small_evaluation();
    const DynamicsEvaluation r = evaluate_dynamics(identity_model(), p, judge, c);

    // The iteration: fixed points = originals, all converged at step 1, the run stops there.
    for (const auto* set : {&r.train, &r.test}) {
        const IterationResult& it = set->iteration;
        REQUIRE(it.steps_run == 1);
        REQUIRE(it.steps.size() == it.ending.size());
        for (std::size_t s = 0; s < it.ending.size(); ++s) {
            REQUIRE_MESSAGE(it.ending[s] == Ending::Converged, "sample " << s);
            REQUIRE(it.steps[s] == 1);
        }
    }
    REQUIRE(r.train.iteration.fixed_points == p.train.samples);
    REQUIRE(r.test.iteration.fixed_points == p.test.samples);

    // The baseline is the config's classifier on the originals: trained here the same way.
    SoftmaxClassifier mine;
    mine.train(p.train.samples, p.train.labels, kClasses, c.classifier);
    const double train_acc = mine.accuracy(p.train.samples, p.train.labels);
    const double test_acc = mine.accuracy(p.test.samples, p.test.labels);
    DAE_VERIFY_NEAR(r.baseline_train, train_acc, 1e-12);
    DAE_VERIFY_NEAR(r.baseline_test, test_acc, 1e-12);
    REQUIRE_MESSAGE(test_acc > 0.8,
                    "the blobs should be mostly separable: the comparisons below need a real classifier");

    // Transformed = original: the paper's columns, and both crossed numbers, are the baseline's.
    DAE_VERIFY_NEAR(r.acc_train, r.baseline_train, 1e-12);
    DAE_VERIFY_NEAR(r.acc_test, r.baseline_test, 1e-12);
    DAE_VERIFY_NEAR(r.fixed_on_original, r.baseline_test, 1e-12);
    DAE_VERIFY_NEAR(r.original_on_fixed, r.baseline_test, 1e-12);
    REQUIRE(r.predicted_test == mine.predict(p.test.samples));  // sample by sample, in the test set's order
    // No official test set: the validation set is not iterated separately.
    REQUIRE(!r.validation);
    REQUIRE(std::isnan(r.acc_validation));
}

TEST_CASE_FIXTURE(SingleThreaded, "TestEvaluation::constantModelLeavesTheRegressionOneClass") {
    // r(x) = c: every fixed point is c, so the regression trained on the transformed training set
    // sees one input with all labels, learns the class priors and reads every test fixed point as
    // one class k*: acc_test is the TEST set's share of k* (≤ its largest share), acc_train the
    // training set's share of k*. With one input, softmax regression converges to the priors, so
    // k* is the training set's majority (class 0, 50 %); the test set's majority is class 1
    // (45 %), and c is class 2's centre — what a regression trained on the originals would read.
    const Partition p{blobs(labels_in_cycle(300, kFiftyThirtyTwenty), 4),
                      blobs(labels_in_cycle(200, kThirtyFortyfiveTwentyfive), 5),
                      blobs(labels_in_cycle(200, kThirtyFortyfiveTwentyfive), 5), false};
    const Judge judge = small_judge(p);
    EvaluationConfig c = small_evaluation();
    c.classifier = ClassifierConfig{};  // 30 epochs at rate 0.5: enough to learn the priors from one input
    const DynamicsEvaluation r = evaluate_dynamics(constant_model(), p, judge, c);

    // x¹ = c for every sample, x² = c: converged at step 2 (step 1 moves the sample to c).
    const Vector point = constant_point();
    for (const auto* set : {&r.train, &r.test}) {
        REQUIRE(set->iteration.steps_run == 2);
        const Matrix& fp = set->iteration.fixed_points;
        for (Index j = 0; j < fp.cols(); ++j)
            REQUIRE_MESSAGE((fp.col(j) - point).cwiseAbs().maxCoeff() <= 1e-7, "fixed point " << j << " is not c");
    }

    REQUIRE(r.predicted_test.size() == p.test.labels.size());
    const int k = r.predicted_test.front();
    for (int predicted : r.predicted_test)
        REQUIRE(predicted == k);  // one class for all: the inputs are all the same point
    std::vector<double> test_shares;
    for (int cls = 0; cls < kClasses; ++cls)
        test_shares.push_back(share_of(p.test.labels, cls));
    DAE_VERIFY_NEAR(test_shares[0], 0.30, 1e-12);  // the shares the cycle makes
    DAE_VERIFY_NEAR(test_shares[1], 0.45, 1e-12);
    DAE_VERIFY_NEAR(test_shares[2], 0.25, 1e-12);
    DAE_VERIFY_NEAR(r.acc_test, test_shares[static_cast<std::size_t>(k)], 1e-12);
    REQUIRE(r.acc_test <= *std::max_element(test_shares.begin(), test_shares.end()) + 1e-12);
    DAE_VERIFY_NEAR(r.acc_train, share_of(p.train.labels, k), 1e-12);
    REQUIRE(k == 0);  // the training set's majority (the priors), not c's own class 2
    DAE_VERIFY_NEAR(r.acc_test, 0.30, 1e-12);
    DAE_VERIFY_NEAR(r.acc_train, 0.50, 1e-12);
    // The regression on the originals also reads the one point c as one class.
    bool original_reads_one_class = false;
    for (double share : test_shares)
        original_reads_one_class = original_reads_one_class || std::abs(r.original_on_fixed - share) <= 1e-12;
    REQUIRE_MESSAGE(original_reads_one_class, "original_on_fixed " << r.original_on_fixed);
    // The originals themselves stay well classified: the drop is the model's, not the data's.
    REQUIRE(r.baseline_test > 0.8);
}

TEST_CASE_FIXTURE(SingleThreaded, "TestEvaluation::walkbackMseIsTheMeanSummedSquaredErrorOfTheChain") {
    // MSE^WB = E[(1/k) Σᵢ ‖x − rⁱ(x̃)‖²], summed over pixels, mean over samples (evaluation.h).
    // A linear 2-2-2 model, three samples; without noise x̃ = x.
    Autoencoder m = linear_model(2, 2);
    m.w1 << 0.5f, 0.2f, -0.1f, 0.7f;  // rows: W₁ = [0.5 0.2; −0.1 0.7]
    m.b1 << 0.1f, -0.05f;
    m.w2 << 0.9f, 0.3f, 0.2f, 0.6f;  // W₂ = [0.9 0.3; 0.2 0.6]
    m.b2 << 0.05f, 0.1f;
    Matrix x(2, 3);
    x << 0.1f, 0.5f, 0.8f,  // columns (0.1, 0.9), (0.5, 0.5), (0.8, 0.2)
        0.9f, 0.5f, 0.2f;
    const Corruption none{CorruptionType::None, 0};
    const Corruption zero_gaussian{CorruptionType::Gaussian, 0};
    // The values worked out with these weights: r(x) = W₂(W₁x + b₁) + b₂, k = 1, 2, 3.
    const double expected[3] = {0.14106833333333338, 0.1856564746666667, 0.2116661481045334};
    for (int k = 1; k <= 3; ++k) {
        const double by_loops = walkback_by_hand(m, x, x, k);
        DAE_VERIFY_NEAR(by_loops, expected[k - 1], 1e-6);  // the weights are floats: 0.2f ≠ 0.2
        DAE_VERIFY_NEAR(walkback_mse(m, x, none, k, 1), by_loops, 1e-5 * by_loops);
        DAE_VERIFY_NEAR(walkback_mse(m, x, zero_gaussian, k, 1), by_loops, 1e-5 * by_loops);
    }

    // With noise: x̃ = x + σn from the seeded stream (the noise of a Gaussian corruption does not
    // depend on the clean values: corrupting zeros of the same shape with the same seed gives σn),
    // and the error is measured against the CLEAN x, not against x̃.
    const Corruption gaussian{CorruptionType::Gaussian, 0.3};
    Corrupter replay(42);
    Matrix noise;
    replay.apply(gaussian, Matrix::Zero(2, 3), noise);
    REQUIRE(noise.norm() > 0.1);
    const Matrix corrupted = x + noise;
    for (int k = 1; k <= 3; ++k) {
        const double by_loops = walkback_by_hand(m, x, corrupted, k);
        REQUIRE(std::abs(by_loops - expected[k - 1]) > 1e-3);  // the noise shows in the number
        DAE_VERIFY_NEAR(walkback_mse(m, x, gaussian, k, 42), by_loops, 1e-5 * by_loops);
    }

    // A set larger than one of walkback_mse's chunks (it works through 1,000 samples at a time):
    // still the mean over ALL samples. A sigmoid 5-3-5 model, k = 2, no noise.
    ModelConfig mc;
    mc.visible = 5;
    mc.hidden = 3;
    Autoencoder sig(mc);
    sig.initialize(InitScheme::GlorotUniform, 7);
    std::mt19937 gen(11);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    Matrix big(5, 2345);
    for (Index j = 0; j < big.size(); ++j)
        big.data()[j] = static_cast<Scalar>(uniform(gen));
    const double big_by_loops = walkback_by_hand(sig, big, big, 2);
    DAE_VERIFY_NEAR(walkback_mse(sig, big, none, 2, 1), big_by_loops, 1e-4 * big_by_loops);  // float sums
}

TEST_CASE_FIXTURE(SingleThreaded, "TestEvaluation::validationAccuracyIsTheTransformedValidationSets") {
    // acc_validation: the transformed-trained regression on the transformed validation set, what
    // model selection reads (the test set chooses nothing). It exists only with an official test
    // set (else the validation set is the held-out test set) and config.validation; otherwise NaN.
    // §5.4: the iteration "was done separately for the training, validation and testing sets".
    const Partition p{blobs(labels_in_cycle(300, kFiftyThirtyTwenty), 6),
                      blobs(labels_in_cycle(100, kFiftyThirtyTwenty), 7),
                      blobs(labels_in_cycle(200, kThirtyFortyfiveTwentyfive), 8), true};
    const Judge judge = small_judge(p);
    EvaluationConfig c = small_evaluation();
    c.validation = true;
    const DynamicsEvaluation r = evaluate_dynamics(identity_model(), p, judge, c);
    REQUIRE(r.official_test);
    REQUIRE(r.validation.has_value());
    REQUIRE(r.validation->iteration.fixed_points == p.validation.samples);  // the identity moves nothing
    SoftmaxClassifier mine;
    mine.train(p.train.samples, p.train.labels, kClasses, c.classifier);
    const double validation_acc = mine.accuracy(p.validation.samples, p.validation.labels);
    DAE_VERIFY_NEAR(r.baseline_validation, validation_acc, 1e-12);
    DAE_VERIFY_NEAR(r.acc_validation, r.baseline_validation, 1e-12);
    DAE_VERIFY_NEAR(r.acc_test, r.baseline_test, 1e-12);

    c.validation = false;
    const DynamicsEvaluation without = evaluate_dynamics(identity_model(), p, judge, c);
    REQUIRE(!without.validation);
    REQUIRE(std::isnan(without.acc_validation));
    REQUIRE(std::isnan(without.baseline_validation));
    DAE_VERIFY_NEAR(without.acc_test, r.acc_test, 1e-12);  // the rest does not depend on it

    Partition held_out = p;
    held_out.official_test = false;
    c.validation = true;
    const DynamicsEvaluation no_official = evaluate_dynamics(identity_model(), held_out, judge, c);
    REQUIRE(!no_official.validation);
    REQUIRE(std::isnan(no_official.acc_validation));
}

TEST_CASE_FIXTURE(SingleThreaded, "TestEvaluation::chainStatsFromHandMadeSequences") {
    // Three chains of 9 steps, four classes (chain.h's definitions, after the burn-in):
    //   A: 0 0 0 1 1 2 2 2 2   (3 stays, 2 switches, 3 classes)
    //   B: 3 3 3 3 3 3 3 3 3   (1 stay, 0 switches, 1 class)
    //   C: 1 0 1 0 1 0 1 0 1   (9 stays, 8 switches, 2 classes)
    // Confidences 0.1 in the first five steps, then 0.9 (A, B) and 0.6 (C).
    ChainResult r;
    r.classes = {{0, 0, 0, 1, 1, 2, 2, 2, 2}, {3, 3, 3, 3, 3, 3, 3, 3, 3}, {1, 0, 1, 0, 1, 0, 1, 0, 1}};
    r.confidence.assign(3, std::vector<float>(9, 0.1f));
    for (std::size_t i = 5; i < 9; ++i) {
        r.confidence[0][i] = r.confidence[1][i] = 0.9f;
        r.confidence[2][i] = 0.6f;
    }
    {
        // No burn-in: 27 readings. Class 0: A 3 + C 4 = 7; class 1: A 2 + C 5 = 7; class 2: 4; class 3: 9.
        const ChainStats s = chain_stats(r, 4, 0);
        REQUIRE(s.class_share.size() == std::size_t{4});
        DAE_VERIFY_NEAR(s.class_share[0], 7.0 / 27, 1e-12);
        DAE_VERIFY_NEAR(s.class_share[1], 7.0 / 27, 1e-12);
        DAE_VERIFY_NEAR(s.class_share[2], 4.0 / 27, 1e-12);
        DAE_VERIFY_NEAR(s.class_share[3], 9.0 / 27, 1e-12);
        // Mean top probability: 15 × 0.1 + 8 × 0.9 + 4 × 0.6 = 11.1 over 27 readings.
        DAE_VERIFY_NEAR(s.mean_confidence, 11.1 / 27, 1e-6);
        // Balance: the entropy of the shares over log(classes), classes = 4 (the argument).
        const double h =
            -(2 * (7.0 / 27) * std::log(7.0 / 27) + (4.0 / 27) * std::log(4.0 / 27) + (9.0 / 27) * std::log(9.0 / 27));
        DAE_VERIFY_NEAR(s.balance, h / std::log(4.0), 1e-12);
        // Switches: 2 + 0 + 8 = 10 in 27 steps; stays: 3 + 1 + 9 = 13, so 27/13 steps a stay.
        DAE_VERIFY_NEAR(s.switches_per_100, 100.0 * 10 / 27, 1e-9);
        DAE_VERIFY_NEAR(s.mean_dwell, 27.0 / 13, 1e-12);
        REQUIRE(s.classes_visited == 2);  // (3 + 1 + 2) / 3
    }
    {
        // Burn-in 5: the steps 5 … 8 count: A 2 2 2 2, B 3 3 3 3, C 0 1 0 1 — 12 readings. A chain's first
        // counted step starts a stay and is no switch (whatever came before the burn-in ended).
        const ChainStats s = chain_stats(r, 4, 5);
        DAE_VERIFY_NEAR(s.class_share[0], 2.0 / 12, 1e-12);
        DAE_VERIFY_NEAR(s.class_share[1], 2.0 / 12, 1e-12);
        DAE_VERIFY_NEAR(s.class_share[2], 4.0 / 12, 1e-12);
        DAE_VERIFY_NEAR(s.class_share[3], 4.0 / 12, 1e-12);
        DAE_VERIFY_NEAR(s.mean_confidence, (8 * 0.9 + 4 * 0.6) / 12, 1e-6);  // = 0.8: no 0.1 counts
        const double h = -(2 * (1.0 / 6) * std::log(1.0 / 6) + 2 * (1.0 / 3) * std::log(1.0 / 3));
        DAE_VERIFY_NEAR(s.balance, h / std::log(4.0), 1e-12);
        DAE_VERIFY_NEAR(s.switches_per_100, 100.0 * 3 / 12, 1e-9);  // C's three
        DAE_VERIFY_NEAR(s.mean_dwell, 12.0 / 6, 1e-12);             // stays: 1 + 1 + 4
        REQUIRE(s.classes_visited == 1);                            // (1 + 1 + 2) / 3 = 1.33, rounded
    }
    {
        // The extremes of balance: every class equally often is 1, one class only is 0.
        ChainResult even;
        even.classes = {{0, 1, 2, 3}};
        even.confidence = {{1.0f, 1.0f, 1.0f, 1.0f}};
        const ChainStats s = chain_stats(even, 4, 0);
        DAE_VERIFY_NEAR(s.balance, 1.0, 1e-12);
        DAE_VERIFY_NEAR(s.switches_per_100, 75.0, 1e-9);  // 3 switches in 4 steps
        DAE_VERIFY_NEAR(s.mean_dwell, 1.0, 1e-12);
        REQUIRE(s.classes_visited == 4);
        ChainResult one;
        one.classes = {{2, 2, 2}};
        one.confidence = {{0.5f, 0.5f, 0.5f}};
        const ChainStats t = chain_stats(one, 4, 0);
        DAE_VERIFY_NEAR(t.balance, 0.0, 1e-12);
        DAE_VERIFY_NEAR(t.mean_dwell, 3.0, 1e-12);
        DAE_VERIFY_NEAR(t.switches_per_100, 0.0, 1e-12);
        // Two of four classes, half and half: log 2 / log 4 = 0.5 (over the classes asked for, not those seen).
        ChainResult two;
        two.classes = {{0, 1, 0, 1}};
        two.confidence = {{0.5f, 0.5f, 0.5f, 0.5f}};
        DAE_VERIFY_NEAR(chain_stats(two, 4, 0).balance, 0.5, 1e-12);
    }
}

TEST_CASE_FIXTURE(SingleThreaded, "TestEvaluation::bengioWalkbackCorruptsEachReconstructionAgain") {
    // Bengio et al. 2013's walkback (objective.h): z₁ = x̃, xⁱ = r(zᵢ), zᵢ = corrupt(xⁱ⁻¹) —
    // "every reconstruction is corrupted again". A chain that corrupted x̃ again instead
    // (zᵢ = corrupt(x̃)) must fail here. A sigmoid 3-2-3 model on which r(r(x)) ≠ r(x); k = 3.
    ModelConfig mc;
    mc.visible = 3;
    mc.hidden = 2;
    Autoencoder m(mc);
    m.w1 << 1.5f, -2.0f, 0.7f,  // W₁ is 2 × 3
        -1.2f, 0.8f, 1.9f;
    m.b1 << 0.1f, -0.3f;
    m.w2 << 2.1f, -1.4f,  // W₂ is 3 × 2
        -0.9f, 1.8f,      //
        1.3f, 1.1f;
    m.b2 << -0.2f, 0.1f, -0.5f;
    Matrix x(3, 4), xt(3, 4);
    x << 0.1f, 0.9f, 0.4f, 0.7f,  //
        0.8f, 0.2f, 0.5f, 0.3f,   //
        0.3f, 0.6f, 0.9f, 0.1f;
    xt = x;
    xt(0, 0) += 0.2f;
    xt(1, 1) -= 0.15f;
    xt(2, 2) -= 0.3f;
    xt(0, 3) += 0.25f;
    const int k = 3;
    const Index b = x.cols();

    // (a) Zero noise: corrupt(v) = v, so zᵢ = xⁱ⁻¹ and the loss is (1/k) Σᵢ ‖x − rⁱ(x̃)‖², batch mean.
    {
        Objective objective(Loss::SquaredError, k, {}, WalkbackVariant::Bengio);
        Corrupter chain(3);
        objective.set_chain_noise(&chain, {CorruptionType::Gaussian, 0});
        const double loss = objective.evaluate(m, x, xt, nullptr).reconstruction;
        double expected = 0, wrong = 0, chain_moves = 0;
        for (Index j = 0; j < b; ++j) {
            const Column clean = column_of(x, j);
            const Column x1 = by_hand(m, column_of(xt, j));
            const Column x2 = by_hand(m, x1);
            const Column x3 = by_hand(m, x2);
            expected += (squared_distance(clean, x1) + squared_distance(clean, x2) + squared_distance(clean, x3)) / k;
            wrong += squared_distance(clean, x1);  // every zᵢ = x̃: every xⁱ = r(x̃)
            chain_moves += squared_distance(x1, x2);
            // The chain's inputs z₂ = x¹, z₃ = x² (chain_inputs()[i] is zᵢ₊₁).
            REQUIRE(largest_difference(x1, objective.chain_inputs()[1], j) < 1e-5);
            REQUIRE(largest_difference(x2, objective.chain_inputs()[2], j) < 1e-5);
        }
        expected /= static_cast<double>(b);
        wrong /= static_cast<double>(b);
        REQUIRE_MESSAGE(chain_moves > 1e-3, "r(r(x̃)) = r(x̃) here: the test could not tell the chains apart");
        REQUIRE(std::abs(expected - wrong) > 1e-3);
        DAE_VERIFY_NEAR(loss, expected, 1e-5 * expected);
    }

    // (b) Real noise, replayed: a Corrupter with the chain's seed, applied to zeros of the chain's
    // shape, yields the same σn the chain adds at each step (Gaussian noise does not depend on the
    // values it is added to). Then z₂ = r(x̃) + σn₁, z₃ = r(z₂) + σn₂.
    {
        const Corruption noise{CorruptionType::Gaussian, 0.25};
        Objective objective(Loss::SquaredError, k, {}, WalkbackVariant::Bengio);
        Corrupter chain(11);
        objective.set_chain_noise(&chain, noise);
        const double loss = objective.evaluate(m, x, xt, nullptr).reconstruction;
        Corrupter replay(11);
        Matrix n1, n2;
        replay.apply(noise, Matrix::Zero(3, b), n1);
        replay.apply(noise, Matrix::Zero(3, b), n2);
        double expected = 0, wrong_gap = 0;
        for (Index j = 0; j < b; ++j) {
            const Column clean = column_of(x, j);
            const Column x1 = by_hand(m, column_of(xt, j));
            Column z2 = x1, z2_wrong = column_of(xt, j);
            for (std::size_t i = 0; i < z2.size(); ++i) {
                z2[i] += n1(static_cast<Index>(i), j);
                z2_wrong[i] += n1(static_cast<Index>(i), j);
            }
            const Column x2 = by_hand(m, z2);
            Column z3 = x2;
            for (std::size_t i = 0; i < z3.size(); ++i)
                z3[i] += n2(static_cast<Index>(i), j);
            const Column x3 = by_hand(m, z3);
            expected += (squared_distance(clean, x1) + squared_distance(clean, x2) + squared_distance(clean, x3)) / k;
            // Step 2's input is the corrupted RECONSTRUCTION r(x̃) + σn₁, not the corrupted input x̃ + σn₁.
            REQUIRE(largest_difference(z2, objective.chain_inputs()[1], j) < 1e-5);
            wrong_gap = std::max(wrong_gap, largest_difference(z2_wrong, objective.chain_inputs()[1], j));
            REQUIRE(largest_difference(z3, objective.chain_inputs()[2], j) < 1e-5);
        }
        expected /= static_cast<double>(b);
        REQUIRE(wrong_gap > 1e-3);  // the wrong chain's z₂ = x̃ + σn₁ is far from what the engine fed in
        DAE_VERIFY_NEAR(loss, expected, 1e-5 * expected);
    }
}
