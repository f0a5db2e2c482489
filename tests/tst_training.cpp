// The trainer: validation of settings, determinism, the observer's pause/stop, noise changes
// without reset, divergence, and a short real run on the embedded MNIST.
#include "dae/default_data.h"
#include "dae/training.h"
#include "dae/training_options.h"
#include "uniform_data.h"

#include <QTest>

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

class TestTraining : public QObject {
    Q_OBJECT
private slots:
    void validateRejectsAbsurdSettings_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("negative rate") << "lr=-0.1"
                                       << "Learning rate ρ must be (0, 1000]";
        QTest::newRow("NaN rate") << "lr=nan"
                                  << "Learning rate ρ must be (0, 1000]";
        QTest::newRow("k = 0") << "k=0"
                               << "Walkback steps k must be 1 … 100 (got 0)";
        QTest::newRow("hidden 0") << "hidden=0"
                                  << "Hidden units n must be 1 … 100000 (got 0)";
        QTest::newRow("batch > data") << "batch=1001"
                                      << "larger than the training set";
        QTest::newRow("batch 0") << "batch=0"
                                 << "Minibatch b must be 1 … 1000000000 (got 0)";
        QTest::newRow("annealing 0") << "alpha=0"
                                     << "Annealing α must be (0, 1]";
        QTest::newRow("annealing > 1") << "alpha=1.5"
                                       << "Annealing α must be (0, 1]";
        QTest::newRow("momentum 1") << "momentum=1"
                                    << "Momentum μ must be [0, 0.999999] (got 1)";
        QTest::newRow("epochs 0") << "epochs=0"
                                  << "Epochs N must be 1 … 1000000 (got 0)";
        QTest::newRow("masking 1.5") << "masking=1.5"
                                     << "fraction";
        QTest::newRow("sigma -1") << "sigma=-1"
                                  << "σ";
        QTest::newRow("negative sparsity") << "sparsity=-1"
                                           << "Sparsity λ must be [0, 1e+06] (got -1)";
        QTest::newRow("CE with linear output") << "ce-linear"
                                               << "cross-entropy needs a sigmoid";
    }
    void validateRejectsAbsurdSettings() {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        TrainingConfig c;
        std::string why;
        QVERIFY2(c.validate(&why, 1000), why.c_str());  // the defaults are valid
        QVERIFY(TrainingConfig::vincent2008().validate(nullptr, 1000));
        QVERIFY(TrainingConfig::bahdanau2014().validate(nullptr, 1000));
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
        QVERIFY(!c.validate(&why, 1000));
        QVERIFY2(QString::fromStdString(why).contains(expected), why.c_str());
        // The trainer refuses it too, with the same reason.
        try {
            Trainer t(c, uniform_data(784, 1000, 1));
            QFAIL("the trainer accepted an invalid config");
        } catch (const std::exception& e) {
            QVERIFY2(QString(e.what()).contains(expected), e.what());
        }
    }

    void settersRefuseInvalidLevels() {
        // Regression: a masking level > 1 set mid-run used to write past the permutation buffer.
        TrainingConfig c = small_config();
        c.corruption = {CorruptionType::Masking, 0.25};
        Trainer t(c, uniform_data(30, 200, 3));
        QVERIFY_THROWS_EXCEPTION(std::exception, t.set_noise_level(1.5));
        QVERIFY_THROWS_EXCEPTION(std::exception, t.set_noise_level(std::nan("")));
        QCOMPARE(t.config().corruption.level, 0.25);  // unchanged
        t.set_noise_level(1.0);                       // all pixels masked is legal
        t.step();
        Corrupter corrupter(1);
        Matrix out;
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 corrupter.apply({CorruptionType::SaltPepper, 2.0}, Matrix::Ones(5, 2), out));
    }
    void absurdWalkbackIsRefusedBeforeAllocating() {
        TrainingConfig c = small_config();
        c.walkback = 1 << 30;  // would be 2³⁰ buffers if built before validation
        QVERIFY_THROWS_EXCEPTION(std::exception, Trainer(c, uniform_data(30, 200, 3)));
    }
    void decayThatFlipsWeightsIsRefused() {
        TrainingConfig c = small_config();
        c.learning_rate = 1000;
        c.regularization.weight_decay = 1e6;
        std::string why;
        QVERIFY(!c.validate(&why));
        QVERIFY2(QString::fromStdString(why).contains("weight decay"), why.c_str());
    }
    void wrongSizedDataIsRefused() {
        Trainer t(small_config(), uniform_data(30, 200, 3));
        QVERIFY_THROWS_EXCEPTION(std::exception, t.evaluate(uniform_data(31, 10, 1)));
        Objective o(Loss::SquaredError, 1, {});
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 o.evaluate(t.model(), uniform_data(30, 4, 1), uniform_data(30, 5, 1), nullptr));
    }

    void sameSeedGivesBitIdenticalModels() {
        const Matrix data = uniform_data(30, 200, 3);
        TrainingConfig c = small_config();
        c.momentum = 0.5;
        c.walkback = 2;
        Trainer a(c, data), b(c, data);
        a.run();
        b.run();
        QVERIFY(a.model() == b.model());
        c.seed = 2;
        Trainer other(c, data);
        other.run();
        QVERIFY(!(a.model() == other.model()));
        QCOMPARE(a.status(), TrainStatus::Finished);
        QCOMPARE(a.samples_seen(), Index{3 * 200});
        QVERIFY(std::abs(a.learning_rate() - 0.1 * std::pow(0.99, 3)) < 1e-12);  // annealed per epoch
    }

    void eachThreadCountIsDeterministic() {
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
        QVERIFY(two.model() == two_again.model());
        const double diff = (one.model().w1 - two.model().w1).norm() / one.model().w1.norm();
        QVERIFY2(diff < 1e-4, qPrintable(QString::number(diff)));
    }

    void pauseAndStopKeepEverything() {
        const Matrix data = uniform_data(30, 200, 3);
        Trainer t(small_config(), data);
        Recorder rec;
        rec.pause_after = 5;
        QCOMPARE(t.run(&rec), TrainStatus::Paused);
        QCOMPARE(t.samples_seen(), Index{50});
        QCOMPARE(rec.batches.back().batch, Index{4});
        rec.stop_after = 25;  // 20 more: into the second epoch (20 batches per epoch)
        QCOMPARE(t.run(&rec), TrainStatus::Stopped);
        QCOMPARE(t.samples_seen(), Index{250});
        QCOMPARE(rec.epochs.size(), std::size_t{1});
        QCOMPARE(t.epoch(), 1);
        // Resumed training reaches exactly the model of an uninterrupted run.
        QCOMPARE(t.run(&rec), TrainStatus::Finished);
        Trainer straight(small_config(), data);
        straight.run();
        QVERIFY(t.model() == straight.model());
    }

    void circularOrderKeepsOneOrderAndResumesBitIdentically() {
        // §5.3: "The minibatches were traversed in a circular order": the order drawn before the first
        // epoch is the order of every epoch. Reshuffle draws a new one each epoch.
        const Matrix data = uniform_data(30, 200, 3);
        TrainingConfig c = small_config();
        c.epochs = 4;
        QVERIFY(c.order == MinibatchOrder::Circular);  // the paper's is the default
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
        QCOMPARE(circular.size(), std::size_t{5});
        std::vector<Index> identity(200);
        std::iota(identity.begin(), identity.end(), Index{0});
        QVERIFY(circular[0] != identity);  // shuffled once, with the seed
        for (const auto& o : circular)
            QVERIFY(o == circular[0]);
        c.order = MinibatchOrder::Reshuffle;
        const auto reshuffled = orders(c);
        QVERIFY(reshuffled[0] == circular[0]);  // the same first draw
        for (std::size_t e = 1; e < reshuffled.size(); ++e)
            QVERIFY(reshuffled[e] != reshuffled[e - 1]);
        // A circular run stopped mid-epoch and resumed from its state ends bit-identical.
        c.order = MinibatchOrder::Circular;
        Trainer straight(c, data);
        straight.run();
        Trainer first(c, data);
        Recorder rec;
        rec.stop_after = 47;  // into the third epoch (20 minibatches an epoch)
        QCOMPARE(first.run(&rec), TrainStatus::Stopped);
        Trainer second(c, data);
        second.set_state(first.state());
        QCOMPARE(second.run(), TrainStatus::Finished);
        QVERIFY(second.model() == straight.model());
        QVERIFY(!(straight.model() == Trainer(c, data).model()));
        // The option's text form round-trips; an unknown order is refused by name.
        std::string why;
        TrainingConfig d;
        QVERIFY(set_training_option(d, "order", "reshuffle", &why));
        QVERIFY(d.order == MinibatchOrder::Reshuffle);
        QVERIFY(!set_training_option(d, "order", "random", &why));
        QVERIFY2(why.find("circular or reshuffle") != std::string::npos, why.c_str());
        bool listed = false;
        for (const auto& [k, v] : training_options(c))
            listed = listed || (k == "order" && v == "circular");
        QVERIFY(listed);
    }

    void noiseChangeTakesEffectWithoutReset() {
        const Matrix data = uniform_data(30, 200, 3);
        Trainer t(small_config(), data);
        for (int i = 0; i < 7; ++i)
            t.step();
        const Autoencoder before = t.model();
        const Index seen = t.samples_seen();
        t.set_noise_level(0.1);
        QVERIFY(t.model() == before);  // nothing reset
        QCOMPARE(t.samples_seen(), seen);
        const BatchReport r = t.step();
        QCOMPARE(r.noise_level, 0.1);
        QCOMPARE(r.batch, Index{7});  // the epoch goes on where it was
        QVERIFY(!(t.model() == before));
        // A fresh trainer at the new level would have other weights: the run was not restarted.
        TrainingConfig c = small_config();
        c.corruption.level = 0.1;
        Trainer fresh(c, data);
        fresh.step();
        QVERIFY(!(fresh.model() == t.model()));
    }

    void divergenceStopsAndKeepsLastGoodWeights() {
        TrainingConfig c = small_config();
        c.model.decoder = Activation::Linear;
        c.model.encoder = Activation::Linear;
        c.learning_rate = 50;  // absurdly large but "valid": the run blows up
        c.epochs = 50;
        Trainer t(c, uniform_data(30, 200, 3));
        Recorder rec;
        rec.trainer = &t;
        QCOMPARE(t.run(&rec), TrainStatus::Diverged);
        QVERIFY2(QString::fromStdString(t.message()).contains("diverged"), t.message().c_str());
        QVERIFY(t.model().all_finite());
        QVERIFY(!rec.batches.empty());
        QVERIFY(t.model() == rec.last_good);  // the weights after the last good minibatch
        QVERIFY_THROWS_EXCEPTION(std::exception, t.step());
    }

    void shortRealRunLearnsSmoothFilters() {
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
        QCOMPARE(t.run(&rec), TrainStatus::Finished);
        QCOMPARE(rec.epochs.size(), std::size_t{2});
        QVERIFY2(rec.epochs[0].validation_loss < 0.5 * untrained.validation_loss,
                 qPrintable(QString("%1 vs %2").arg(rec.epochs[0].validation_loss).arg(untrained.validation_loss)));
        QVERIFY(rec.epochs[1].validation_loss < rec.epochs[0].validation_loss);
        QVERIFY(rec.epochs[1].validation_clean_mse < rec.epochs[0].validation_clean_mse);
        const double corr_after = neighbour_correlation(t.model().w1);
        QVERIFY2(std::abs(corr_before) < 0.05, qPrintable(QString::number(corr_before)));
        QVERIFY2(corr_after > 0.3,
                 qPrintable(QString("neighbour correlation %1 (untrained %2)").arg(corr_after).arg(corr_before)));
    }
};

QTEST_APPLESS_MAIN(TestTraining)
#include "tst_training.moc"
