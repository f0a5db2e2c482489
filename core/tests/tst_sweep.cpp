// Noise sweeps: members share their initial weights exactly and differ only in the level; the
// denoising curve at level 0 is the clean reconstruction error, and grows with the noise.
#include "check.h"
#include "dae/default_data.h"
#include "dae/sweep.h"

using namespace dae;

TEST_CASE("TestSweep::membersShareTheirInitialWeights") {
    TrainingConfig base = TrainingConfig::vincent2008();
    base.model.hidden = 30;
    base.epochs = 1;
    const auto configs = sweep_configs(base, {0, 0.1, 0.25, 0.5});
    REQUIRE(configs.size() == std::size_t{4});
    const Matrix data = load_default_mnist().samples.leftCols(400);
    Trainer first(configs[0], data);
    for (std::size_t i = 0; i < configs.size(); ++i) {
        TrainingConfig only_level = configs[i];
        only_level.corruption.level = base.corruption.level;
        REQUIRE(only_level == base);  // nothing else differs
        REQUIRE(configs[i].corruption.level == std::vector<double>({0, 0.1, 0.25, 0.5})[i]);
        Trainer t(configs[i], data);
        REQUIRE(t.model() == first.model());  // the same initial weights, bit for bit
    }
    // …and training at different levels moves them apart.
    Trainer a(configs[0], data), b(configs[3], data);
    a.run();
    b.run();
    REQUIRE(!(a.model() == b.model()));
}

TEST_CASE("TestSweep::denoisingCurveStartsAtTheCleanError") {
    TrainingConfig c;
    c.model.hidden = 40;
    c.epochs = 2;
    const Dataset mnist = load_default_mnist();
    const Matrix train = mnist.samples.leftCols(3000), held = mnist.samples.middleCols(3000, 300);
    Trainer t(c, train, held);
    t.run();
    const auto curve = denoising_curve(t.model(), held, CorruptionType::Gaussian, {0, 0.2, 0.5, 1.0});
    REQUIRE(std::abs(curve[0] - t.last_epoch().validation_clean_mse) < 1e-4 * curve[0]);
    for (std::size_t i = 1; i < curve.size(); ++i)
        REQUIRE(curve[i] > curve[i - 1]);  // more noise, worse
}
