// Stacked DAEs: the fine-tuning gradient is exact (central differences), greedy pretraining feeds
// every layer the clean codes of the layer below, early stopping keeps the best validation epoch,
// a diverging run keeps the last good network; the generated MNIST variants (rot, bg-rand,
// bg-img) do what their definitions say.
#include "check.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/rng.h"
#include "dae/stacked_comparison.h"
#include "dae/variants.h"

#include <cmath>
#include <numbers>

using namespace dae;

namespace {

StackedNetwork random_network(const std::vector<Index>& sizes, int classes, Activation act, std::uint64_t seed) {
    Rng rng(seed);
    auto fill = [&](Index r, Index c) {
        Matrix m(r, c);
        for (Index i = 0; i < m.size(); ++i)
            m.data()[i] = rng.uniform(-1.0f, 1.0f);
        return m;
    };
    StackedNetwork net;
    net.activation = act;
    for (std::size_t l = 1; l < sizes.size(); ++l) {
        net.w.push_back(fill(sizes[l], sizes[l - 1]));
        net.b.push_back(fill(sizes[l], 1));
    }
    net.v = fill(classes, sizes.back());
    net.c = fill(classes, 1);
    return net;
}

// All parameters of a network as a list of pointers (same order for a network and its gradient).
std::vector<Scalar*> parameters(StackedNetwork& net) {
    std::vector<Scalar*> p;
    auto add = [&](auto& m) {
        for (Index i = 0; i < m.size(); ++i)
            p.push_back(m.data() + i);
    };
    for (auto& m : net.w)
        add(m);
    for (auto& m : net.b)
        add(m);
    add(net.v);
    add(net.c);
    return p;
}

StackedConfig small_config() {
    StackedConfig c;
    c.layers = {60, 40};
    c.pretrain.epochs = 2;
    c.pretrain.batch = 20;
    c.finetune_epochs = 10;
    return c;
}

}  // namespace

static void finetuningGradientMatchesCentralDifferences(int activation, int depth) {
    std::vector<Index> sizes{7};
    for (int l = 0; l < depth; ++l)
        sizes.push_back(6 - l);
    StackedNetwork net = random_network(sizes, 4, Activation(activation), 3);
    Rng rng(9);
    Matrix x(7, 5);
    for (Index i = 0; i < x.size(); ++i)
        x.data()[i] = rng.uniform();
    const std::vector<int> y{0, 3, 1, 3, 2};
    StackedNetwork grad;
    const double loss = net.gradients(x, y, grad);
    REQUIRE(loss == net.loss(x, y));
    const auto p = parameters(net), g = parameters(grad);
    REQUIRE(p.size() == g.size());
    double largest = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const Scalar keep = *p[i];
        const Scalar h = 1e-2f;
        *p[i] = keep + h;
        const double up = net.loss(x, y);
        *p[i] = keep - h;
        const double down = net.loss(x, y);
        *p[i] = keep;
        const double numeric = (up - down) / (2.0 * (double(keep + h) - double(keep)));
        largest = std::max(largest, std::abs(numeric));
        if (std::abs(numeric - *g[i]) > 2e-3 * std::max(1.0, std::abs(numeric)))
            FAIL("parameter " << i << ": analytic " << *g[i] << ", central difference " << numeric);
    }
    REQUIRE(largest > 1e-2);  // the check compared something
}

TEST_CASE("TestStacked::finetuningGradientMatchesCentralDifferences") {
    SUBCASE("sigmoid, 2 layers") { finetuningGradientMatchesCentralDifferences(int(Activation::Sigmoid), 2); }
    SUBCASE("tanh, 3 layers") { finetuningGradientMatchesCentralDifferences(int(Activation::Tanh), 3); }
    SUBCASE("relu, 1 layer") { finetuningGradientMatchesCentralDifferences(int(Activation::Relu), 1); }
    SUBCASE("no hidden layer") { finetuningGradientMatchesCentralDifferences(int(Activation::Sigmoid), 0); }
}

TEST_CASE("TestStacked::lossIsSafeForHugeLogits") {
    StackedNetwork net = random_network({3, 2}, 3, Activation::Linear, 1);
    net.v *= 1e4f;
    Matrix x = Matrix::Constant(3, 2, 100);
    const double loss = net.loss(x, {0, 1});
    REQUIRE(std::isfinite(loss));
    REQUIRE(loss >= 0);
}

TEST_CASE("TestStacked::pretrainingFeedsEachLayerTheCleanCodesBelow") {
    const Matrix data = load_default_mnist().samples.leftCols(300);
    StackedConfig config = small_config();
    config.layers = {50, 30, 20};
    config.pretrain.corruption.level = 0.5;  // heavy masking: a corrupted input would show
    std::vector<Matrix> inputs;
    std::vector<TrainingConfig> configs;
    const StackedNetwork net =
        pretrain_stack(config, data, 10, nullptr, [&](int layer, const Matrix& in, const TrainingConfig& c) {
            REQUIRE(layer == int(inputs.size()));
            inputs.push_back(in);
            configs.push_back(c);
        });
    REQUIRE(inputs.size() == std::size_t{3});
    REQUIRE(inputs[0] == data);  // the first layer sees the data itself
    for (std::size_t l = 1; l < 3; ++l) {
        // …every other layer the clean (uncorrupted) codes of the trained layer below
        Matrix expected = net.w[l - 1] * inputs[l - 1];
        add_bias_activate(expected, net.b[l - 1], Activation::Sigmoid);
        REQUIRE(inputs[l].rows() == config.layers[l - 1]);
        REQUIRE((inputs[l] - expected).cwiseAbs().maxCoeff() < 1e-5f);
    }
    for (std::size_t l = 0; l < 3; ++l) {
        REQUIRE(configs[l].model.hidden == config.layers[l]);
        REQUIRE(configs[l].model.visible == inputs[l].rows());
        REQUIRE(configs[l].corruption.level == 0.5);
        // each layer is exactly the DAE a Trainer makes of its input
        Trainer t(configs[l], inputs[l]);
        t.run();
        REQUIRE(t.model().w1 == net.w[l]);
        REQUIRE(t.model().b1 == net.b[l]);
    }
    // the output layer starts at zero; the MLP baseline starts where pretraining started
    REQUIRE((net.v.isZero(0) && net.c.isZero(0)));
    const StackedNetwork mlp = initial_stack(config, data.rows(), 10);
    Trainer first(configs[0], inputs[0]);
    REQUIRE(mlp.w[0] == first.model().w1);
    REQUIRE(!(mlp.w[0] == net.w[0]));
}

TEST_CASE("TestStacked::finetuningLearnsDigitsAndKeepsTheBestEpoch") {
    const Dataset mnist = load_default_mnist();
    const Split split = make_split(mnist.size(), 2000, 500, 1000, 4);
    const Dataset train = mnist.subset(split.train), valid = mnist.subset(split.validation),
                  test = mnist.subset(split.test);
    StackedConfig config = small_config();
    StackedNetwork net = pretrain_stack(config, train.samples, 10);
    const double before = net.error_rate(test.samples, test.labels);
    std::vector<FinetuneEpoch> epochs;
    const FinetuneResult r =
        finetune(net, config, train.samples, train.labels, valid.samples, valid.labels, nullptr, &epochs);
    std::vector<double> errors;
    for (const auto& e : epochs)
        errors.push_back(e.validation_error);
    REQUIRE(!r.diverged);
    REQUIRE(errors.size() == std::size_t(config.finetune_epochs));
    REQUIRE(r.best_validation_error == *std::min_element(errors.begin(), errors.end()));
    REQUIRE(errors[std::size_t(r.best_epoch)] == r.best_validation_error);
    REQUIRE(net.error_rate(valid.samples, valid.labels) == r.best_validation_error);  // that network was kept
    const double after = net.error_rate(test.samples, test.labels);
    MESSAGE("test error before fine-tuning " << before << ", after " << after);
    REQUIRE(before > 0.8);  // a zero output layer predicts one class
    REQUIRE(after < 0.15);
}

TEST_CASE("TestStacked::divergingFinetuningKeepsTheLastGoodNetwork") {
    const Dataset mnist = load_default_mnist();
    Matrix x = mnist.samples.leftCols(200);
    x.col(150) *= 1e37f;  // one absurd sample: its logits overflow, the loss turns NaN
    const std::vector<int> y(mnist.labels.begin(), mnist.labels.begin() + 200);
    StackedConfig config = small_config();
    config.pretrain.model.encoder = Activation::Linear;
    StackedNetwork net = initial_stack(config, x.rows(), 10);
    const StackedNetwork start = net;
    const FinetuneResult r = finetune(net, config, x, y);
    REQUIRE(r.diverged);
    REQUIRE_MESSAGE(r.message.find("diverged in epoch 1") != std::string::npos, (r.message.c_str()));
    REQUIRE(net.all_finite());
    REQUIRE(
        (net.w[0] == start.w[0] && net.v == start.v));  // diverged in the first epoch: the start is the last good one
}

static void absurdConfigsAreRejected(int which, const std::string& expected) {
    StackedConfig c = small_config();
    std::string why;
    REQUIRE(c.validate(&why, 100));
    switch (which) {
    case 0: c.layers.clear(); break;
    case 1: c.layers = {10, 0}; break;
    case 2: c.finetune_learning_rate = -1; break;
    case 3: c.finetune_batch = 101; break;
    case 4: c.pretrain.walkback = 0; break;
    case 5: c.finetune_annealing = 0; break;
    }
    REQUIRE(!c.validate(&why, 100));
    REQUIRE_MESSAGE(test::contains(why, expected), (why.c_str()));
    const Matrix x = Matrix::Constant(784, 100, 0.5f);
    REQUIRE_THROWS_AS(pretrain_stack(c, x, 10), Error);
}

TEST_CASE("TestStacked::absurdConfigsAreRejected") {
    SUBCASE("no layer") { absurdConfigsAreRejected(0, "1 … 10 hidden layers"); }
    SUBCASE("empty layer") { absurdConfigsAreRejected(1, "every layer needs"); }
    SUBCASE("negative rate") { absurdConfigsAreRejected(2, "learning rate"); }
    SUBCASE("batch > data") { absurdConfigsAreRejected(3, "minibatch"); }
    SUBCASE("bad pretraining") { absurdConfigsAreRejected(4, "pretraining: Walkback steps k must be"); }
    SUBCASE("annealing 0") { absurdConfigsAreRejected(5, "annealing"); }
}

TEST_CASE("TestStacked::rotationTurnsCounterClockwiseAboutTheCentre") {
    // 5 × 5, one bright pixel right of the centre.
    Matrix in = Matrix::Zero(25, 1), out(25, 1), back(25, 1);
    in(2 * 5 + 4) = 1;
    rotate_image(in.data(), 5, 5, 0.0, out.data());
    REQUIRE(out == in);  // θ = 0 is the identity, exactly
    rotate_image(in.data(), 5, 5, std::numbers::pi / 2, out.data());
    REQUIRE(std::abs(out(0 * 5 + 2) - 1) < 1e-6f);  // now above the centre
    REQUIRE(std::abs(out.sum() - 1) < 1e-5f);
    // four quarter turns come back
    Matrix img(25, 1);
    Rng rng(2);
    for (Index i = 0; i < 25; ++i)
        img(i) = rng.uniform();
    back = img;
    for (int k = 0; k < 4; ++k) {
        rotate_image(back.data(), 5, 5, std::numbers::pi / 2, out.data());
        back = out;
    }
    REQUIRE((back - img).cwiseAbs().maxCoeff() < 1e-5f);
}

TEST_CASE("TestStacked::variantsKeepLabelsAndFollowTheirDefinitions") {
    const Dataset mnist = load_default_mnist();
    const Dataset base = mnist.subset({0, 1500, 3000, 4500, 6000, 7500, 9000, 9999});
    for (Variant v : {Variant::Rot, Variant::BgRand, Variant::BgImg}) {
        const Dataset d = make_variant(base, v, 5);
        REQUIRE(d.labels == base.labels);
        REQUIRE(d.name == base.name + "-" + variant_name(v));
        REQUIRE(d.samples == make_variant(base, v, 5).samples);     // same seed, same set
        REQUIRE(!(d.samples == make_variant(base, v, 6).samples));  // another seed, another set
        REQUIRE((d.samples.minCoeff() >= 0 && d.samples.maxCoeff() <= 1));
        REQUIRE(variant_from_name(variant_name(v)) == std::optional<Variant>(v));
    }
    // bg-rand: strokes stay, the black background becomes U[0, 1) noise
    const Dataset rand = make_variant(mnist.subset(make_split(mnist.size(), 500, 0, 0, 1).train), Variant::BgRand, 1);
    const Dataset orig = mnist.subset(make_split(mnist.size(), 500, 0, 0, 1).train);
    REQUIRE((rand.samples.array() >= orig.samples.array()).all());
    double sum = 0, sq = 0;
    Index n = 0;
    for (Index i = 0; i < orig.samples.size(); ++i)
        if (orig.samples.data()[i] == 0) {
            sum += rand.samples.data()[i];
            sq += double(rand.samples.data()[i]) * rand.samples.data()[i];
            ++n;
        }
    const double mean = sum / n, var = sq / n - mean * mean;
    REQUIRE_MESSAGE(std::abs(mean - 0.5) < 0.005, mean);
    REQUIRE_MESSAGE(std::abs(var - 1.0 / 12) < 0.002, var);
    // bg-img: the background is smooth stroke texture, not pixel noise — neighbours correlate
    const Dataset img = make_variant(orig, Variant::BgImg, 1);
    REQUIRE((img.samples.array() >= orig.samples.array()).all());
    const double added = (img.samples - orig.samples).mean();
    REQUIRE_MESSAGE(added > 0.02, added);
    // rot: the ink is kept (up to the corners cut off and interpolation)
    const Dataset rot = make_variant(orig, Variant::Rot, 1);
    const double ink = orig.samples.sum(), rot_ink = rot.samples.sum();
    REQUIRE_MESSAGE(std::abs(rot_ink / ink - 1) < 0.05, (rot_ink / ink));
    REQUIRE(!(rot.samples == orig.samples));
    // not for 2-D points
    Dataset toy;
    toy.name = "toy";
    toy.width = 2;
    toy.height = 1;
    toy.samples = Matrix::Zero(2, 3);
    toy.labels = {0, 0, 0};
    REQUIRE_THROWS_AS(make_variant(toy, Variant::Rot, 1), Error);
}
