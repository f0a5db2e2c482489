// Iterating a DAE, on hand-built models whose dynamics are known in closed form, and the reference
// classifier and outcome classes.
#include "affine_map.h"
#include "check.h"
#include "dae/classifier.h"
#include "dae/default_data.h"
#include "dae/dynamics.h"
#include "dae/outcomes.h"
#include "dae/training.h"
#include "uniform_data.h"

#include <cmath>
#include <numeric>
#include <set>

using namespace dae;
using dae::test::affine_map;

TEST_CASE("TestDynamics::contractionConvergesToItsFixedPoint") {
    // r(x) = 0.5x + c has the fixed point x* = 2c; lᵢ = 0.5ⁱ‖x⁰ − x*‖.
    const Index d = 6;
    Vector c(d);
    c << 0.1f, 0.2f, 0.05f, 0.3f, 0.15f, 0.25f;
    const Autoencoder m = affine_map(d, 0.5f, c);
    IterationConfig cfg;
    cfg.keep_all_frames = true;
    const Matrix start = uniform_data(d, 3, 1);
    const IterationResult r = iterate(m, start, cfg);
    for (Index j = 0; j < 3; ++j) {
        REQUIRE(r.ending[static_cast<std::size_t>(j)] == Ending::Converged);
        REQUIRE((r.fixed_points.col(j) - 2 * c).norm() < 2e-4);
        const double e0 = (start.col(j) - 2 * c).norm();
        const auto& l = r.step_length[static_cast<std::size_t>(j)];
        for (std::size_t i = 0; i < l.size(); ++i)
            REQUIRE(std::abs(l[i] - e0 * std::pow(0.5, double(i + 1))) < 1e-5);
        REQUIRE((l.back() < 1e-4 && l[l.size() - 2] >= 1e-4));  // stopped at the first step below ε
        // dᵢ = ‖xⁱ − x^{i₀}‖ with i₀ beyond the run: the last frame; it falls geometrically to 0 there.
        const auto dist = r.distance_to_reference(j, 1 << 30);
        REQUIRE(dist.back() == 0.0f);
        REQUIRE((dist.front() > dist[1] && dist[1] > dist[2]));
        // A fixed i₀ inside the run: d is 0 at i₀ itself, and ‖x⁰ − x^{i₀}‖ at 0.
        const auto at3 = r.distance_to_reference(j, 3);
        REQUIRE(r.reference_frame_step(3) == 3);
        REQUIRE(at3[3] == 0.0f);
        REQUIRE(std::abs(at3[0] - (start.col(j) - r.frames[3].col(j)).norm()) < 1e-6);
    }
    REQUIRE(int(r.frames.size()) == r.steps_run + 1);
    REQUIRE(r.frames[0] == start);  // frame 0 is the input itself
}
TEST_CASE("TestDynamics::periodTwoOrbitIsACycle") {
    // r(x) = −x + c maps x to c − x and back: a period-2 orbit for every x ≠ c/2.
    const Index d = 4;
    const Vector c = Vector::Constant(d, 0.6f);
    const IterationResult r = iterate(affine_map(d, -1.0f, c), uniform_data(d, 5, 2), IterationConfig{});
    for (Index j = 0; j < 5; ++j)
        REQUIRE(r.ending[static_cast<std::size_t>(j)] == Ending::Cycle);
    REQUIRE(r.steps_run <= IterationConfig{}.cycle_patience + 2);  // caught quickly, not at the cap
}
TEST_CASE("TestDynamics::stopRuleStopsAtTheRightStep") {
    // r(x) = 0.5x: sample j starts at 2ʲ·e₀, so lᵢ = 2ʲ⁻ⁱ and it converges at the first i with
    // 2ʲ⁻ⁱ < ε. With 8 samples, "more than 75 %" means 7: the run stops when sample 6 converges.
    const Index d = 3;
    const Autoencoder m = affine_map(d, 0.5f, Vector::Zero(d));
    Matrix start = Matrix::Zero(d, 8);
    for (Index j = 0; j < 8; ++j)
        start(0, j) = std::ldexp(1.0f, int(j));
    IterationConfig cfg;  // ε = 1e-4, 75 %
    auto converges_at = [](int j) {
        int i = 1;
        while (std::ldexp(1.0, j - i) >= 1e-4)
            ++i;
        return i;
    };
    REQUIRE(cfg.stop_count(8) == Index{7});
    REQUIRE(cfg.stop_count(4) == Index{4});  // 3 of 4 is not MORE than 75 %
    REQUIRE(cfg.stop_count(10000) == Index{7501});
    const IterationResult r = iterate(m, start, cfg);
    REQUIRE(r.steps_run == converges_at(6));
    REQUIRE(r.converged_count() == Index{7});
    REQUIRE(r.ending[7] == Ending::NotConverged);
    REQUIRE(r.steps[7] == converges_at(6));
    // Freeze: each sample's end point is its first xⁱ with lᵢ < ε.
    REQUIRE(r.steps[0] == converges_at(0));
    REQUIRE(r.fixed_points(0, 0) == std::ldexp(1.0f, -converges_at(0)));
    // The paper's rule: the same stopping step, but every sample iterates to it.
    cfg.rule = StoppingRule::SharedStep;
    const IterationResult p = iterate(m, start, cfg);
    REQUIRE(p.steps_run == converges_at(6));
    REQUIRE(p.converged_count() == Index{7});
    REQUIRE(p.ending[7] == Ending::NotConverged);
    for (Index j = 0; j < 8; ++j)
        REQUIRE(p.fixed_points(0, j) == std::ldexp(1.0f, int(j) - p.steps_run));
    REQUIRE(p.steps[0] == converges_at(0));  // the step from which it stayed below ε
    cfg.rule = StoppingRule::Freeze;
    cfg.stop_fraction = 1.0;
    REQUIRE(iterate(m, start, cfg).steps_run == converges_at(7));
    cfg.max_steps = 5;  // the cap wins
    REQUIRE(iterate(m, start, cfg).steps_run == 5);
    cfg.max_steps = 1000;
    cfg.min_steps = converges_at(7) + 10;  // at least this many steps, e.g. to reach i₀
    cfg.rule = StoppingRule::SharedStep;
    REQUIRE(iterate(m, start, cfg).steps_run == converges_at(7) + 10);
}
TEST_CASE("TestDynamics::sharedStepCountsOnlyWhatIsSettledAtTheEnd") {
    // Two samples: one settles at once (a fixed point), one oscillates between two points far
    // apart; with stop fraction 0.4 the run stops when the first has settled, and only it counts.
    const Index d = 2;
    const Autoencoder flip = affine_map(d, -1.0f, Vector::Constant(d, 1.0f));  // x ↦ 1 − x
    Matrix start(d, 2);
    start << 0.5f, 0.0f, 0.5f, 0.0f;  // sample 0 is the fixed point 0.5; sample 1 flips 0 ↔ 1
    IterationConfig cfg;
    cfg.rule = StoppingRule::SharedStep;
    cfg.stop_fraction = 0.4;
    const IterationResult r = iterate(flip, start, cfg);
    REQUIRE(r.steps_run == 1);
    REQUIRE(r.ending[0] == Ending::Converged);
    REQUIRE(r.ending[1] == Ending::NotConverged);
}
TEST_CASE("TestDynamics::compactionGivesBitIdenticalFixedPoints") {
    // A real sigmoid DAE on real digits: samples leave at different steps.
    const Dataset mnist = load_default_mnist();
    std::vector<Index> pick;
    for (Index j = 0; j < 203; ++j)
        pick.push_back(j * 49);  // 203: not a multiple of anything nice
    const Matrix start = mnist.subset(pick).samples;
    TrainingConfig tc;
    tc.model.hidden = 64;
    tc.epochs = 1;
    std::vector<Index> first(2000);
    std::iota(first.begin(), first.end(), Index{3000});
    Trainer trainer(tc, mnist.subset(first).samples);
    trainer.run();
    const Autoencoder& m = trainer.model();
    IterationConfig it;
    it.stop_fraction = 1.0;
    it.max_steps = 300;
    it.frame_steps = {0, 1, 5, 10};
    const IterationResult a = iterate(m, start, it);
    it.compact = false;
    const IterationResult b = iterate(m, start, it);
    REQUIRE(a.converged_count() > 20);                                  // the comparison means something
    REQUIRE(std::set<int>(a.steps.begin(), a.steps.end()).size() > 5);  // samples left at many steps
    REQUIRE(a.fixed_points == b.fixed_points);
    REQUIRE(a.steps == b.steps);
    REQUIRE(a.ending == b.ending);
    REQUIRE(a.step_length == b.step_length);
    REQUIRE(a.steps_run > 10);
    REQUIRE(a.frames.size() == std::size_t{4});
    REQUIRE(b.frames.size() == std::size_t{4});
    for (std::size_t f = 0; f < a.frames.size(); ++f)
        REQUIRE(a.frames[f] == b.frames[f]);
}
TEST_CASE("TestDynamics::grayAttractorIsAnExplosionAndExplosionsCoincide") {
    // A decoder that ignores its input: r(x) = σ(logit 0.12) = 0.12 everywhere, a gray point.
    ModelConfig cfg;
    cfg.visible = 784;
    cfg.hidden = 10;
    Autoencoder m(cfg);
    m.initialize(InitScheme::GlorotUniform, 1);
    m.w2.setZero();
    m.b2.setConstant(std::log(0.12f / 0.88f));
    const Dataset mnist = load_default_mnist();
    const Dataset some = mnist.subset({0, 1500, 3000, 4500, 6000, 7500});
    SoftmaxClassifier reference;
    reference.train(mnist.samples, mnist.labels, 10, {.epochs = 3});
    const IterationResult r = iterate(m, some.samples, IterationConfig{});
    const OutcomeThresholds t = OutcomeThresholds::of(OutcomeDefinition::Paper);
    const auto outcomes = classify_outcomes(r, some.labels, reference.probabilities(r.fixed_points), t);
    const OutcomeSummary s = summarize_outcomes(r, outcomes, t);
    REQUIRE(s.counts[size_t(Outcome::Explosion)] == Index{6});
    REQUIRE(s.explosions_coincide);
    REQUIRE(s.total() == some.size());
    REQUIRE(std::abs(outcomes[0].max_intensity - 0.12f) < 1e-5);
}
TEST_CASE("TestDynamics::explosionDefinitionsDifferOnlyInTheBrightestPixel") {
    // End points whose brightest pixel is 0.2, 0.5 and 0.97: the paper calls the first two
    // explosions ("no white pixels": none above 0.95), daelab only the first (none above 0.35).
    ModelConfig cfg;
    cfg.visible = 3;
    cfg.hidden = 3;
    cfg.encoder = cfg.decoder = Activation::Linear;
    Autoencoder id(cfg);
    id.w1 = Matrix::Identity(3, 3);
    id.w2 = Matrix::Identity(3, 3);
    Matrix start(3, 3);
    start << 0.2f, 0.5f, 0.97f, 0.1f, 0.1f, 0.1f, 0.0f, 0.3f, 0.0f;
    const IterationResult r = iterate(id, start, IterationConfig{});
    Matrix sure = Matrix::Zero(2, 3);
    sure.row(0).setOnes();  // the judge reads class 0, surely
    const auto paper = classify_outcomes(r, {0, 0, 0}, sure, OutcomeThresholds::of(OutcomeDefinition::Paper));
    const auto ours = classify_outcomes(r, {0, 0, 0}, sure, OutcomeThresholds::of(OutcomeDefinition::Daelab));
    REQUIRE(paper[0].outcome == Outcome::Explosion);
    REQUIRE(paper[1].outcome == Outcome::Explosion);
    REQUIRE(paper[2].outcome == Outcome::Converged);
    REQUIRE(ours[0].outcome == Outcome::Explosion);
    REQUIRE(ours[1].outcome == Outcome::Converged);
    REQUIRE(ours[2].outcome == Outcome::Converged);
    // A judge that is unsure makes a stain; a sure judge of another class, "other class".
    Matrix unsure = Matrix::Constant(2, 3, 0.5f);
    REQUIRE(classify_outcomes(r, {0, 0, 0}, unsure, OutcomeThresholds::of(OutcomeDefinition::Paper))[2].outcome ==
            Outcome::Stain);
    REQUIRE(classify_outcomes(r, {1, 1, 1}, sure, OutcomeThresholds::of(OutcomeDefinition::Paper))[2].outcome ==
            Outcome::OtherClass);
}
TEST_CASE("TestDynamics::outcomeClassesFollowTheirDefinitions") {
    // The identity map: every digit is its own fixed point, so outcome = what the classifier says.
    const Dataset mnist = load_default_mnist();
    const Autoencoder id = affine_map(784, 1.0f, Vector::Zero(784));
    SoftmaxClassifier reference;
    reference.train(mnist.samples, mnist.labels, 10, {.epochs = 5});
    const Dataset some = mnist.subset([] {
        std::vector<Index> v;
        for (Index j = 0; j < 500; ++j)
            v.push_back(j * 20);
        return v;
    }());
    const IterationResult r = iterate(id, some.samples, IterationConfig{});
    REQUIRE(r.steps_run == 1);
    const OutcomeThresholds t = OutcomeThresholds::of(OutcomeDefinition::Daelab);
    const auto outcomes = classify_outcomes(r, some.labels, reference.probabilities(r.fixed_points), t);
    const OutcomeSummary s = summarize_outcomes(r, outcomes, t);
    REQUIRE(s.total() == Index{500});  // counts sum to the set size
    const auto predicted = reference.predict(some.samples);
    const Matrix p = reference.probabilities(some.samples);
    for (std::size_t j = 0; j < outcomes.size(); ++j) {
        const Outcome expected = p.col(Index(j)).maxCoeff() < 0.6f ? Outcome::Stain
                                 : predicted[j] == some.labels[j]  ? Outcome::Converged
                                                                   : Outcome::OtherClass;
        REQUIRE(outcomes[j].outcome == expected);
    }
    REQUIRE(s.counts[size_t(Outcome::Converged)] > 400);
    REQUIRE(s.counts[size_t(Outcome::OtherClass)] > 0);
}
TEST_CASE("TestDynamics::logisticRegressionOnSeparableData") {
    // Two well-separated Gaussian blobs in 5-D: a linear classifier must be perfect.
    Rng rng(4);
    Matrix x(5, 400);
    std::vector<int> y(400);
    for (Index j = 0; j < 400; ++j) {
        y[std::size_t(j)] = int(j % 2);
        for (Index i = 0; i < 5; ++i)
            x(i, j) = static_cast<float>(0.1 * rng.normal() + (j % 2 ? 0.8 : 0.2));
    }
    SoftmaxClassifier c;
    c.train(x, y, 2, {.epochs = 20, .batch = 20});
    REQUIRE(c.accuracy(x, y) == 1.0);
}
TEST_CASE("TestDynamics::logisticRegressionOnMnistOriginals") {
    const Dataset mnist = load_default_mnist();
    const Split s = make_split(mnist.size(), 8000, 0, 2000, 1);
    const Dataset train = mnist.subset(s.train), test = mnist.subset(s.test);
    SoftmaxClassifier c;
    c.train(train.samples, train.labels, 10);
    const double acc = c.accuracy(test.samples, test.labels);
    REQUIRE_MESSAGE(acc > 0.85, acc);
}
TEST_CASE("TestDynamics::cancellingStopsBetweenSteps") {
    const Autoencoder m = affine_map(3, 0.999f, Vector::Zero(3));  // would take ~10⁴ steps
    IterationConfig cfg;
    cfg.max_steps = 100000;
    struct Stopper : RunObserver {
        int calls = 0;
        bool stop = false;
        bool stop_requested() const override { return stop; }
        void on_iteration(const IterationStep& s) override {
            ++calls;
            if (s.step == 10) stop = true;
        }
    } observer;
    const IterationResult r = iterate(m, uniform_data(3, 4, 1), cfg, &observer);
    const int calls = observer.calls;
    REQUIRE(r.cancelled);
    REQUIRE(r.steps_run == 10);
    REQUIRE(calls == 10);
    REQUIRE(r.fixed_points.cols() == Index{4});
}
TEST_CASE("TestDynamics::badSettingsAreRefused") {
    IterationConfig cfg;
    cfg.epsilon = -1;
    std::string why;
    REQUIRE(!cfg.validate(&why));
    REQUIRE_THROWS_AS(iterate(affine_map(3, 0.5f, Vector::Zero(3)), Matrix::Zero(3, 1), cfg), std::exception);
    REQUIRE_THROWS_AS(iterate(affine_map(3, 0.5f, Vector::Zero(3)), Matrix::Zero(4, 1), IterationConfig{}),
                      std::exception);
}
