// The k = 1 SGD step with its units shared over threads (Objective::sgd_step_split) is the serial
// step: the same loss and the same new weights to float rounding, for squared error and
// cross-entropy, with sparsity and weight decay; each thread count bit-reproducible; a non-finite
// minibatch changes nothing; the trainer takes it on more than one thread.
#include "dae/objective.h"
#include "dae/rng.h"
#include "dae/training.h"
#include "uniform_data.h"

#include <QTest>

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

class TestSplitStep : public QObject {
    Q_OBJECT
private slots:
    void isTheSerialStep_data() {
        QTest::addColumn<int>("loss");
        QTest::addColumn<double>("sparsity");
        QTest::addColumn<double>("decay");
        QTest::addColumn<int>("threads");
        QTest::newRow("squared error, 2 threads") << int(Loss::SquaredError) << 0.0 << 0.0 << 2;
        QTest::newRow("cross-entropy, 2 threads") << int(Loss::CrossEntropy) << 0.0 << 0.0 << 2;
        QTest::newRow("sparsity and decay, 3 threads") << int(Loss::SquaredError) << 0.01 << 0.001 << 3;
        QTest::newRow("more threads than units") << int(Loss::CrossEntropy) << 0.0 << 0.0 << 40;
    }
    void isTheSerialStep() {
        QFETCH(int, loss);
        QFETCH(double, sparsity);
        QFETCH(double, decay);
        QFETCH(int, threads);
        Regularization reg;
        reg.sparsity = sparsity;
        reg.weight_decay = decay;
        const Matrix clean = uniform_data(37, 20, 1), noisy = uniform_data(37, 20, 2);
        Autoencoder serial = model(37, 23, Activation::Sigmoid), split = serial;
        Objective a(Loss(loss), 1, reg), b(Loss(loss), 1, reg);
        for (int step = 0; step < 5; ++step) {
            const LossParts pa = a.sgd_step(serial, clean, noisy, 0.5f);
            const LossParts pb = b.sgd_step_split(split, clean, noisy, 0.5f, threads);
            QVERIFY(a.last_batch_finite() && b.last_batch_finite());
            QVERIFY2(std::abs(pa.total() - pb.total()) <= 1e-5 * std::abs(pa.total()),
                     qPrintable(QString("%1 vs %2").arg(pa.total()).arg(pb.total())));
            QVERIFY(std::abs(pa.sparsity - pb.sparsity) <= 1e-5 * std::max(1e-12, std::abs(pa.sparsity)));
            QVERIFY(std::abs(pa.decay - pb.decay) <= 1e-5 * std::max(1e-12, std::abs(pa.decay)));
        }
        QVERIFY(!(serial == model(37, 23, Activation::Sigmoid)));  // it trained
        for (const auto& [x, y] : {std::pair{&serial.w1, &split.w1}, std::pair{&serial.w2, &split.w2}})
            QVERIFY2(relative(*x, *y) < 1e-5, qPrintable(QString::number(relative(*x, *y))));
        QVERIFY(relative(serial.b1, split.b1) < 1e-5 && relative(serial.b2, split.b2) < 1e-5);
    }
    void eachThreadCountIsBitReproducible() {
        const Matrix clean = uniform_data(50, 20, 4), noisy = uniform_data(50, 20, 5);
        for (int threads : {2, 3}) {
            Autoencoder x = model(50, 31, Activation::Sigmoid), y = x;
            Objective a(Loss::SquaredError, 1, {}), b(Loss::SquaredError, 1, {});
            for (int step = 0; step < 4; ++step) {
                a.sgd_step_split(x, clean, noisy, 0.3f, threads);
                b.sgd_step_split(y, clean, noisy, 0.3f, threads);
            }
            QVERIFY(x == y);
        }
    }
    void aNonFiniteMinibatchChangesNothing() {
        Matrix clean = uniform_data(30, 20, 6), noisy = uniform_data(30, 20, 7);
        noisy(4, 9) = std::numeric_limits<Scalar>::quiet_NaN();
        Autoencoder m = model(30, 12, Activation::Sigmoid);
        const Autoencoder before = m;
        Objective o(Loss::SquaredError, 1, {});
        o.sgd_step_split(m, clean, noisy, 0.1f, 2);
        QVERIFY(!o.last_batch_finite());
        QVERIFY(m == before);
        // An update large enough to overflow a weight is refused the same way.
        noisy(4, 9) = 1e30f;
        o.sgd_step_split(m, clean, noisy, 1e10f, 2);
        QVERIFY(!o.last_batch_finite());
        QVERIFY(m == before);
    }
    // Review found: weights so large that the weight-decay term overflows (while h, δ and the update
    // bound stay finite) were updated by the split step, though sgd_step leaves them, and the trainer
    // then reported the minibatch as diverged with "the weights from before it kept".
    void anOverflowingWeightDecayChangesNothing() {
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
            QVERIFY(!std::isfinite(p.decay));
            QVERIFY2(!o.last_batch_finite(), qPrintable(QString::number(threads)));
            QVERIFY2(x == m, qPrintable(QString::number(threads)));
        }
    }
    void theTrainerSharesUnitsOverThreads() {
        TrainingConfig c;
        c.model.visible = 64;
        c.model.hidden = 40;
        c.batch = 20;
        c.epochs = 2;
        const Matrix data = uniform_data(64, 400, 8);
        set_compute_threads(1);
        Trainer one(c, data);
        one.run();
        set_compute_threads(2);
        Trainer two(c, data), again(c, data);
        two.run();
        again.run();
        set_compute_threads(1);
        QVERIFY(two.model() == again.model());   // bit-reproducible for 2 threads
        QVERIFY(!(two.model() == one.model()));  // another summation order: the split path ran
        QVERIFY2(relative(one.model().w1, two.model().w1) < 1e-4,
                 qPrintable(QString::number(relative(one.model().w1, two.model().w1))));
        // A tied model takes the serial fused step (its W₂ is W₁ᵀ).
        c.model.tied = true;
        Autoencoder tied(c.model);
        QVERIFY(!Objective(Loss::SquaredError, 1, {}).can_split_update(tied));
    }
};

QTEST_APPLESS_MAIN(TestSplitStep)
#include "tst_split_step.moc"
