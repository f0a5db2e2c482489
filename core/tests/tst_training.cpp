// The trainer: validation of settings, determinism, the observer's pause/stop, noise changes
// without reset, divergence, and a short real run on the embedded MNIST.
#include "check.h"
#include "dae/default_data.h"
#include "dae/training.h"
#include "dae/training_options.h"
#include "uniform_data.h"

#include <cmath>
#include <numeric>

using namespace dae;

namespace {

TrainingConfig small_config() {
    TrainingConfig c;
    c.model.hidden = 16;
    c.batch = 10;
    c.epochs = 3;
    return c;
}

// Mean correlation between horizontally neighbouring weights of each hidden unit's 28×28 filter.
double neighbour_correlation(const Matrix& w1) {
    double sum = 0;
    for (Index u = 0; u < w1.rows(); ++u) {
        Eigen::ArrayXd a(27 * 28), b(27 * 28);
        Index k = 0;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 27; ++x, ++k) {
                a(k) = w1(u, y * 28 + x);
                b(k) = w1(u, y * 28 + x + 1);
            }
        a -= a.mean();
        b -= b.mean();
        sum += (a * b).sum() / std::sqrt(a.square().sum() * b.square().sum() + 1e-30);
    }
    return sum / static_cast<double>(w1.rows());
}

struct Recorder : TrainingObserver {
    std::vector<BatchReport> batches;
    std::vector<EpochReport> epochs;
    int pause_after = -1, stop_after = -1;
    const Trainer* trainer = nullptr;
    Autoencoder last_good;
    Verdict on_batch(const BatchReport& r) override {
        batches.push_back(r);
        if (trainer) last_good = trainer->model();
        const int n = static_cast<int>(batches.size());
        if (n == pause_after) return Verdict::Pause;
        if (n == stop_after) return Verdict::Stop;
        return Verdict::Continue;
    }
    Verdict on_epoch(const EpochReport& e) override {
        epochs.push_back(e);
        return Verdict::Continue;
    }
};

}  // namespace

static void validateRejectsAbsurdSettings(const std::string& field, const std::string& expected) {
    TrainingConfig c;
    std::string why;
    REQUIRE_MESSAGE(c.validate(&why, 1000), (why.c_str()));  // the defaults are valid
    REQUIRE(TrainingConfig::vincent2008().validate(nullptr, 1000));
    REQUIRE(TrainingConfig::bahdanau2014().validate(nullptr, 1000));
    if (field == "lr=-0.1") c.learning_rate = -0.1;
    if (field == "lr=nan") c.learning_rate = std::nan("");
    if (field == "k=0") c.walkback = 0;
    if (field == "hidden=0") c.model.hidden = 0;
    if (field == "batch=1001") c.batch = 1001;
    if (field == "batch=0") c.batch = 0;
    if (field == "alpha=0") c.annealing = 0;
    if (field == "alpha=1.5") c.annealing = 1.5;
    if (field == "momentum=1") c.momentum = 1;
    if (field == "epochs=0") c.epochs = 0;
    if (field == "masking=1.5") c.corruption = {CorruptionType::Masking, 1.5};
    if (field == "sigma=-1") c.corruption = {CorruptionType::Gaussian, -1};
    if (field == "sparsity=-1") c.regularization.sparsity = -1;
    if (field == "ce-linear") {
        c.loss = Loss::CrossEntropy;
        c.model.decoder = Activation::Linear;
    }
    REQUIRE(!c.validate(&why, 1000));
    REQUIRE_MESSAGE(test::contains(why, expected), (why.c_str()));
    // The trainer refuses it too, with the same reason.
    try {
        Trainer t(c, uniform_data(784, 1000, 1));
        FAIL("the trainer accepted an invalid config");
    } catch (const std::exception& e) {
        REQUIRE_MESSAGE(test::contains(e.what(), expected), (e.what()));
    }
}

TEST_CASE("TestTraining::validateRejectsAbsurdSettings") {
    SUBCASE("negative rate") { validateRejectsAbsurdSettings("lr=-0.1", "Learning rate ρ must be (0, 1000]"); }
    SUBCASE("NaN rate") { validateRejectsAbsurdSettings("lr=nan", "Learning rate ρ must be (0, 1000]"); }
    SUBCASE("k = 0") { validateRejectsAbsurdSettings("k=0", "Walkback steps k must be 1 … 100 (got 0)"); }
    SUBCASE("hidden 0") { validateRejectsAbsurdSettings("hidden=0", "Hidden units n must be 1 … 100000 (got 0)"); }
    SUBCASE("batch > data") { validateRejectsAbsurdSettings("batch=1001", "larger than the training set"); }
    SUBCASE("batch 0") { validateRejectsAbsurdSettings("batch=0", "Minibatch b must be 1 … 1000000000 (got 0)"); }
    SUBCASE("annealing 0") { validateRejectsAbsurdSettings("alpha=0", "Annealing α must be (0, 1]"); }
    SUBCASE("annealing > 1") { validateRejectsAbsurdSettings("alpha=1.5", "Annealing α must be (0, 1]"); }
    SUBCASE("momentum 1") { validateRejectsAbsurdSettings("momentum=1", "Momentum μ must be [0, 0.999999] (got 1)"); }
    SUBCASE("epochs 0") { validateRejectsAbsurdSettings("epochs=0", "Epochs N must be 1 … 1000000 (got 0)"); }
    SUBCASE("masking 1.5") { validateRejectsAbsurdSettings("masking=1.5", "fraction"); }
    SUBCASE("sigma -1") { validateRejectsAbsurdSettings("sigma=-1", "σ"); }
    SUBCASE("negative sparsity") {
        validateRejectsAbsurdSettings("sparsity=-1", "Sparsity λ must be [0, 1e+06] (got -1)");
    }
    SUBCASE("CE with linear output") { validateRejectsAbsurdSettings("ce-linear", "cross-entropy needs a sigmoid"); }
}

TEST_CASE("TestTraining::settersRefuseInvalidLevels") {
    // Regression: a masking level > 1 set mid-run used to write past the permutation buffer.
    TrainingConfig c = small_config();
    c.corruption = {CorruptionType::Masking, 0.25};
    Trainer t(c, uniform_data(30, 200, 3));
    REQUIRE_THROWS_AS(t.set_noise_level(1.5), std::exception);
    REQUIRE_THROWS_AS(t.set_noise_level(std::nan("")), std::exception);
    REQUIRE(t.config().corruption.level == 0.25);  // unchanged
    t.set_noise_level(1.0);                        // all pixels masked is legal
    t.step();
    Corrupter corrupter(1);
    Matrix out;
    REQUIRE_THROWS_AS(corrupter.apply({CorruptionType::SaltPepper, 2.0}, Matrix::Ones(5, 2), out), std::exception);
}
TEST_CASE("TestTraining::absurdWalkbackIsRefusedBeforeAllocating") {
    TrainingConfig c = small_config();
    c.walkback = 1 << 30;  // would be 2³⁰ buffers if built before validation
    REQUIRE_THROWS_AS(Trainer(c, uniform_data(30, 200, 3)), std::exception);
}
TEST_CASE("TestTraining::decayThatFlipsWeightsIsRefused") {
    TrainingConfig c = small_config();
    c.learning_rate = 1000;
    c.regularization.weight_decay = 1e6;
    std::string why;
    REQUIRE(!c.validate(&why));
    REQUIRE_MESSAGE(test::contains(why, "weight decay"), (why.c_str()));
}
TEST_CASE("TestTraining::wrongSizedDataIsRefused") {
    Trainer t(small_config(), uniform_data(30, 200, 3));
    REQUIRE_THROWS_AS(t.evaluate(uniform_data(31, 10, 1)), std::exception);
    Objective o(Loss::SquaredError, 1, {});
    REQUIRE_THROWS_AS(o.evaluate(t.model(), uniform_data(30, 4, 1), uniform_data(30, 5, 1), nullptr), std::exception);
}

TEST_CASE("TestTraining::sameSeedGivesBitIdenticalModels") {
    const Matrix data = uniform_data(30, 200, 3);
    TrainingConfig c = small_config();
    c.momentum = 0.5;
    c.walkback = 2;
    Trainer a(c, data), b(c, data);
    a.run();
    b.run();
    REQUIRE(a.model() == b.model());
    c.seed = 2;
    Trainer other(c, data);
    other.run();
    REQUIRE(!(a.model() == other.model()));
    REQUIRE(a.status() == TrainStatus::Finished);
    REQUIRE(a.samples_seen() == Index{3 * 200});
    REQUIRE(std::abs(a.learning_rate() - 0.1 * std::pow(0.99, 3)) < 1e-12);  // annealed per epoch
}

TEST_CASE("TestTraining::eachThreadCountIsDeterministic") {
    // Eigen's GEMM blocking depends on the thread count, so 1 and 2 threads sum in different
    // orders: each count is bit-reproducible, and the two agree to float rounding.
    const Matrix data = uniform_data(784, 600, 5);
    TrainingConfig c = small_config();
    c.model.hidden = 300;  // large enough for Eigen to split the products
    c.walkback = 2;        // the threaded update pass (non-fused path)
    c.batch = 64;
    set_compute_threads(1);
    Trainer one(c, data);
    one.run();
    set_compute_threads(2);
    Trainer two(c, data), two_again(c, data);
    two.run();
    two_again.run();
    set_compute_threads(1);
    REQUIRE(two.model() == two_again.model());
    const double diff = (one.model().w1 - two.model().w1).norm() / one.model().w1.norm();
    REQUIRE_MESSAGE(diff < 1e-4, diff);
}

TEST_CASE("TestTraining::pauseAndStopKeepEverything") {
    const Matrix data = uniform_data(30, 200, 3);
    Trainer t(small_config(), data);
    Recorder rec;
    rec.pause_after = 5;
    REQUIRE(t.run(&rec) == TrainStatus::Paused);
    REQUIRE(t.samples_seen() == Index{50});
    REQUIRE(rec.batches.back().batch == Index{4});
    rec.stop_after = 25;  // 20 more: into the second epoch (20 batches per epoch)
    REQUIRE(t.run(&rec) == TrainStatus::Stopped);
    REQUIRE(t.samples_seen() == Index{250});
    REQUIRE(rec.epochs.size() == std::size_t{1});
    REQUIRE(t.epoch() == 1);
    // Resumed training reaches exactly the model of an uninterrupted run.
    REQUIRE(t.run(&rec) == TrainStatus::Finished);
    Trainer straight(small_config(), data);
    straight.run();
    REQUIRE(t.model() == straight.model());
}

TEST_CASE("TestTraining::circularOrderKeepsOneOrderAndResumesBitIdentically") {
    // §5.3: "The minibatches were traversed in a circular order": the order drawn before the first
    // epoch is the order of every epoch. Reshuffle draws a new one each epoch.
    const Matrix data = uniform_data(30, 200, 3);
    TrainingConfig c = small_config();
    c.epochs = 4;
    REQUIRE(c.order == MinibatchOrder::Circular);  // the paper's is the default
    auto orders = [&](const TrainingConfig& config) {
        Trainer t(config, data);
        std::vector<std::vector<Index>> seen{t.state().order};
        while (!t.finished()) {
            const int epoch = t.epoch();
            while (t.epoch() == epoch)
                t.step();
            seen.push_back(t.state().order);
        }
        return seen;
    };
    const auto circular = orders(c);
    REQUIRE(circular.size() == std::size_t{5});
    std::vector<Index> identity(200);
    std::iota(identity.begin(), identity.end(), Index{0});
    REQUIRE(circular[0] != identity);  // shuffled once, with the seed
    for (const auto& o : circular)
        REQUIRE(o == circular[0]);
    c.order = MinibatchOrder::Reshuffle;
    const auto reshuffled = orders(c);
    REQUIRE(reshuffled[0] == circular[0]);  // the same first draw
    for (std::size_t e = 1; e < reshuffled.size(); ++e)
        REQUIRE(reshuffled[e] != reshuffled[e - 1]);
    // A circular run stopped mid-epoch and resumed from its state ends bit-identical.
    c.order = MinibatchOrder::Circular;
    Trainer straight(c, data);
    straight.run();
    Trainer first(c, data);
    Recorder rec;
    rec.stop_after = 47;  // into the third epoch (20 minibatches an epoch)
    REQUIRE(first.run(&rec) == TrainStatus::Stopped);
    Trainer second(c, data);
    second.set_state(first.state());
    REQUIRE(second.run() == TrainStatus::Finished);
    REQUIRE(second.model() == straight.model());
    REQUIRE(!(straight.model() == Trainer(c, data).model()));
    // The option's text form round-trips; an unknown order is refused by name.
    std::string why;
    TrainingConfig d;
    REQUIRE(set_training_option(d, "order", "reshuffle", &why));
    REQUIRE(d.order == MinibatchOrder::Reshuffle);
    REQUIRE(!set_training_option(d, "order", "random", &why));
    REQUIRE_MESSAGE(why.find("circular or reshuffle") != std::string::npos, (why.c_str()));
    bool listed = false;
    for (const auto& [k, v] : training_options(c))
        listed = listed || (k == "order" && v == "circular");
    REQUIRE(listed);
}

TEST_CASE("TestTraining::noiseChangeTakesEffectWithoutReset") {
    const Matrix data = uniform_data(30, 200, 3);
    Trainer t(small_config(), data);
    for (int i = 0; i < 7; ++i)
        t.step();
    const Autoencoder before = t.model();
    const Index seen = t.samples_seen();
    t.set_noise_level(0.1);
    REQUIRE(t.model() == before);  // nothing reset
    REQUIRE(t.samples_seen() == seen);
    const BatchReport r = t.step();
    REQUIRE(r.noise_level == 0.1);
    REQUIRE(r.batch == Index{7});  // the epoch goes on where it was
    REQUIRE(!(t.model() == before));
    // A fresh trainer at the new level would have other weights: the run was not restarted.
    TrainingConfig c = small_config();
    c.corruption.level = 0.1;
    Trainer fresh(c, data);
    fresh.step();
    REQUIRE(!(fresh.model() == t.model()));
}

TEST_CASE("TestTraining::divergenceStopsAndKeepsLastGoodWeights") {
    TrainingConfig c = small_config();
    c.model.decoder = Activation::Linear;
    c.model.encoder = Activation::Linear;
    c.learning_rate = 50;  // absurdly large but "valid": the run blows up
    c.epochs = 50;
    Trainer t(c, uniform_data(30, 200, 3));
    Recorder rec;
    rec.trainer = &t;
    REQUIRE(t.run(&rec) == TrainStatus::Diverged);
    REQUIRE_MESSAGE(test::contains(t.message(), "diverged"), (t.message().c_str()));
    REQUIRE(t.model().all_finite());
    REQUIRE(!rec.batches.empty());
    REQUIRE(t.model() == rec.last_good);  // the weights after the last good minibatch
    REQUIRE_THROWS_AS(t.step(), std::exception);
}

TEST_CASE("TestTraining::shortRealRunLearnsSmoothFilters") {
    const Dataset mnist = load_default_mnist();
    const Split split = make_split(mnist.size(), 8000, 2000, 0, 1);
    TrainingConfig c;  // Bahdanau's set-up: untied sigmoid, Gaussian σ = 0.5, MSE
    c.model.hidden = 200;
    c.epochs = 2;
    Trainer t(c, mnist.subset(split.train).samples, mnist.subset(split.validation).samples);
    const Matrix validation = mnist.subset(split.validation).samples;
    const EpochReport untrained = t.evaluate(validation);
    const double corr_before = neighbour_correlation(t.model().w1);
    Recorder rec;
    REQUIRE(t.run(&rec) == TrainStatus::Finished);
    REQUIRE(rec.epochs.size() == std::size_t{2});
    REQUIRE_MESSAGE(rec.epochs[0].validation_loss < 0.5 * untrained.validation_loss,
                    rec.epochs[0].validation_loss << " vs " << untrained.validation_loss);
    REQUIRE(rec.epochs[1].validation_loss < rec.epochs[0].validation_loss);
    REQUIRE(rec.epochs[1].validation_clean_mse < rec.epochs[0].validation_clean_mse);
    const double corr_after = neighbour_correlation(t.model().w1);
    REQUIRE_MESSAGE(std::abs(corr_before) < 0.05, corr_before);
    REQUIRE_MESSAGE(corr_after > 0.3, "neighbour correlation " << corr_after << " (untrained " << corr_before << ")");
}
