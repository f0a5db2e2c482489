// The SVM baselines through libsvm: the sparse vectors reach libsvm with the right pixel indices
// (which coordinate is lit decides the class), the polynomial kernel separates XOR (no linear
// classifier can), selection on the validation set keeps the best trial, bad settings are named.
#include "check.h"
#include "dae/error.h"
#include "dae/shapes.h"
#include "dae/svm_baseline.h"

#include <algorithm>

namespace test = dae::test;

namespace {

// Points of two coordinates, one per column, with their classes.
dae::Dataset points(const std::vector<std::pair<float, float>>& xy, const std::vector<int>& labels) {
    dae::Dataset d;
    d.name = "points";
    d.width = 2;
    d.height = 1;
    d.samples = dae::Matrix(2, static_cast<dae::Index>(xy.size()));
    for (std::size_t i = 0; i < xy.size(); ++i) {
        d.samples(0, static_cast<dae::Index>(i)) = xy[i].first;
        d.samples(1, static_cast<dae::Index>(i)) = xy[i].second;
    }
    d.labels = labels;
    d.num_classes = 2;
    return d;
}

}  // namespace

TEST_CASE("TestSvm::theLitCoordinateDecidesTheClass") {
    // Sparse input: only the non-zero coordinate is passed. A wrong index would mix the classes.
    const dae::Dataset train = points({{1, 0}, {0.8f, 0}, {0, 1}, {0, 0.9f}}, {0, 0, 1, 1});
    const dae::SvmClassifier svm(train, dae::SvmConfig{.C = 10, .gamma = 1});
    CHECK(svm.predict(train.samples) == train.labels);
    const dae::Dataset probe = points({{0.5f, 0}, {0, 0.5f}, {0.7f, 0.1f}}, {0, 1, 0});
    CHECK(svm.predict(probe.samples) == probe.labels);
    CHECK(svm.error(probe) == 0);
    CHECK((svm.support_vectors() >= 2 && svm.support_vectors() <= 4));
}

TEST_CASE("TestSvm::aPolynomialOfDegreeTwoSeparatesXor") {
    const dae::Dataset xor_set = points({{0, 0}, {1, 1}, {0, 1}, {1, 0}}, {0, 0, 1, 1});
    const dae::SvmClassifier poly(xor_set,
                                  dae::SvmConfig{.kernel = dae::SvmKernel::Poly, .C = 100, .gamma = 1, .degree = 2});
    CHECK(poly.error(xor_set) == 0);
    // Degree 1 is a linear classifier: it gets at least one of the four wrong.
    const dae::SvmClassifier line(xor_set,
                                  dae::SvmConfig{.kernel = dae::SvmKernel::Poly, .C = 100, .gamma = 1, .degree = 1});
    CHECK(line.error(xor_set) >= 0.25);
}

TEST_CASE("TestSvm::theValidationSetChoosesThenTheTestSetScores") {
    const dae::Dataset rect = dae::make_rectangles(1000, 4);
    dae::StackedSets sets;
    sets.train = rect.head(600);
    std::vector<dae::Index> v(200), t(200);
    for (dae::Index i = 0; i < 200; ++i)
        v[std::size_t(i)] = 600 + i, t[std::size_t(i)] = 800 + i;
    sets.validation = rect.subset(v);
    sets.test = rect.subset(t);
    const dae::SvmResult r = dae::select_svm(sets, dae::SvmKernel::Rbf, {1, 10}, {0.001, 0.05});
    REQUIRE(r.trials.size() == 4u);
    const auto best = std::min_element(r.trials.begin(), r.trials.end(),
                                       [](auto& a, auto& b) { return a.validation_error < b.validation_error; });
    CHECK(r.validation_error == best->validation_error);
    CHECK((r.best.C == best->config.C && r.best.gamma == best->config.gamma));
    // The chosen SVM, trained again, scores the test set as reported.
    const dae::SvmClassifier again(sets.train, r.best);
    CHECK(again.error(sets.test) == r.test_error);
    CHECK(r.test_ci95 == dae::binomial_ci95(r.test_error, 200));
    CHECK_MESSAGE(r.test_error < 0.25, r.test_error);  // rectangles' shapes are learnt (chance: 0.5)
}

TEST_CASE("TestSvm::badSettingsAreNamed") {
    const dae::Dataset d = points({{1, 0}, {0, 1}}, {0, 1});
    CHECK(test::contains(test::error_message([&] { dae::SvmClassifier(d, dae::SvmConfig{.C = 0}); }), "C must be"));
    CHECK(test::contains(test::error_message([&] { dae::SvmClassifier(d, dae::SvmConfig{.gamma = -1}); }), "gamma"));
    dae::Dataset one = d;
    one.num_classes = 1;
    CHECK(test::contains(test::error_message([&] { dae::SvmClassifier(one, dae::SvmConfig{}); }), "two classes"));
    CHECK(dae::svm_kernel_from_name("poly") == dae::SvmKernel::Poly);
    CHECK(!dae::svm_kernel_from_name("linear"));
}
