// The landscape map (landscape.h) against what can be worked out by hand: the plane of data laid
// out along known directions, the kept steps, and the paths of two models whose iterates are known
// in closed form — r(x) = c + ½(x − c), which carries every digit straight to c (one basin holding
// the whole set, the path at step i at ½ⁱ of the way back), and r(x) = x (every digit its own
// attractor, the paths standing still).
#include "affine_map.h"
#include "check.h"
#include "dae/landscape.h"
#include "dae/threads.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

using namespace dae;
using dae::test::affine_map;
using dae::test::contains;
using dae::test::error_message;

namespace {

constexpr Index kDim = 6;

// n samples around `centre`: 3·a along e₀ and 1·b along e₁ (a, b standard normal), 0.01 noise elsewhere.
Matrix along_two_directions(Index n, std::uint32_t seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> z(0, 1);
    Matrix x(kDim, n);
    for (Index j = 0; j < n; ++j) {
        for (Index i = 0; i < kDim; ++i)
            x(i, j) = static_cast<Scalar>(0.5 + 0.01 * z(gen));
        x(0, j) += static_cast<Scalar>(0.15 * z(gen));
        x(1, j) += static_cast<Scalar>(0.05 * z(gen));
    }
    return x;
}

Dataset labelled(const Matrix& x) {
    Dataset d;
    d.name = "plane";
    d.width = static_cast<int>(kDim);
    d.height = 1;
    d.num_classes = 2;
    d.samples = x;
    for (Index j = 0; j < x.cols(); ++j)
        d.labels.push_back(x(0, j) > Scalar(0.5) ? 1 : 0);
    return d;
}

EvaluationConfig freeze_rule() {
    EvaluationConfig c;
    c.iteration.rule = StoppingRule::Freeze;
    c.iteration.stop_fraction = 1;  // every digit to its end
    c.iteration.max_steps = 100;
    return c;
}

struct SingleThreaded {
    SingleThreaded() { set_compute_threads(1); }
};

}  // namespace

TEST_CASE_FIXTURE(SingleThreaded, "TestLandscape::planeIsTheTwoDirectionsOfLargestVariance") {
    const Matrix x = along_two_directions(2000, 1);
    const PlaneProjection p = fit_plane(x);
    // Orthonormal rows, e₀ first (variance 0.0225), e₁ second (0.0025), signs by the largest entry.
    REQUIRE((p.axes * p.axes.transpose() - Matrix::Identity(2, 2)).cwiseAbs().maxCoeff() < 1e-5);
    CHECK(p.axes(0, 0) > 0.999);
    CHECK(p.axes(1, 1) > 0.99);
    const double noise = 4 * 0.0001, total = 0.0225 + 0.0025 + noise;
    CHECK(std::abs(p.explained[0] - 0.0225 / total) < 0.03);
    CHECK(std::abs(p.explained[1] - 0.0025 / total) < 0.01);
    // The mean image projects to the origin; a sample's coordinates are its offsets along e₀, e₁.
    REQUIRE(p.project(p.mean).cwiseAbs().maxCoeff() < 1e-6);
    const Matrix xy = p.project(x);
    CHECK(std::abs(xy(0, 7) - (x(0, 7) - p.mean(0))) < 2e-3);
    CHECK(std::abs(xy(1, 7) - (x(1, 7) - p.mean(1))) < 5e-3);
    // The same data, the same plane (the sign rule), with the samples in another order.
    Matrix reversed = x.rowwise().reverse();
    const PlaneProjection q = fit_plane(reversed);
    CHECK((q.axes - p.axes).cwiseAbs().maxCoeff() < 1e-4);
    CHECK(contains(error_message([] { fit_plane(Matrix::Zero(kDim, 1)); }), "two samples"));
    CHECK(contains(error_message([&] { p.project(Matrix::Zero(3, 2)); }), "6 values, not 3"));
}

TEST_CASE("TestLandscape::keptStepsAreDenseEarlyThenGeometric") {
    CHECK(landscape_frame_steps(20) == std::vector<int>{0, 1, 2, 3, 4, 6, 8, 12, 16});
    CHECK(landscape_frame_steps(24) == std::vector<int>{0, 1, 2, 3, 4, 6, 8, 12, 16, 24});
    CHECK(landscape_frame_steps(0) == std::vector<int>{0});
    const std::vector<int> long_run = landscape_frame_steps(2000);
    CHECK(long_run.size() < 30);
    CHECK(long_run.back() <= 2000);
}

TEST_CASE_FIXTURE(SingleThreaded, "TestLandscape::contractionCarriesEveryDigitToOneBasin") {
    const Dataset data = labelled(along_two_directions(200, 2));
    const Vector c = Vector::Constant(kDim, Scalar(0.3));
    const Autoencoder model = affine_map(kDim, 0.5F, 0.5 * c);  // r(x) = ½x + ½c: xⁱ = c + ½ⁱ(x⁰ − c)
    const Judge judge = Judge::train(data, data, JudgeConfig{.hidden = 4, .epochs = 1});
    const PlaneProjection plane = fit_plane(data.samples);
    const Landscape map = compute_landscape(model, data, judge, freeze_rule(), plane);

    REQUIRE(map.size() == 200);
    REQUIRE(map.frame_step.front() == 0);
    REQUIRE(map.frame_step.back() == map.steps_run);
    REQUIRE(map.paths.size() == map.frame_step.size());
    const Matrix start = plane.project(data.samples);
    const Matrix limit = plane.project(c);
    CHECK((map.starts() - start).cwiseAbs().maxCoeff() < 1e-5);
    // Step i lies ½ⁱ of the way from the limit back to the start.
    for (std::size_t f = 0; f + 1 < map.paths.size(); ++f) {
        const double w = std::pow(0.5, map.frame_step[f]);
        for (Index j = 0; j < map.size(); j += 37)
            for (Index k = 0; k < 2; ++k) {
                const double expected = limit(k, 0) + w * (start(k, j) - limit(k, 0));
                REQUIRE_MESSAGE(std::abs(map.paths[f](k, j) - expected) < 1e-4,
                                "step " << map.frame_step[f] << " digit " << j);
            }
    }
    // Every digit settles at c: one basin, all of them, its marker at c's place in the plane.
    REQUIRE(map.basins.size() == 1);
    CHECK(map.basins[0].basin.size() == 200);
    CHECK(std::abs(map.basins[0].x - limit(0, 0)) < 1e-3);
    CHECK(std::abs(map.basins[0].y - limit(1, 0)) < 1e-3);
    for (Index b : map.basin_of)
        REQUIRE(b == 0);
    // The attractor's outcome is its own: c = 0.3 everywhere has no white pixel, the paper's
    // explosion, whatever the labels; its basin's majority label is counted all the same.
    const auto ones = std::count(data.labels.begin(), data.labels.end(), 1);
    CHECK(map.basins[0].majority == (ones * 2 > 200 ? 1 : 0));
    CHECK(map.basins[0].outcome == Outcome::Explosion);
    // Half-way between two kept steps, a digit is half-way between its two positions.
    const auto [x1, y1] = map.at(5, 1.5);
    CHECK(std::abs(x1 - 0.5 * (map.paths[1](0, 5) + map.paths[2](0, 5))) < 1e-6);
    CHECK(std::abs(y1 - 0.5 * (map.paths[1](1, 5) + map.paths[2](1, 5))) < 1e-6);

    // Times and steps: a kept step is reached at its frame, a step between two in proportion.
    CHECK(map.step_at(0) == 0);
    CHECK(map.step_at(map.frames() - 1) == map.steps_run);
    CHECK(map.time_of_step(4) == 4.0);  // 0, 1, 2, 3, 4: the fifth frame
    CHECK(map.time_of_step(5) == 4.5);  // half-way from 4 to 6
    CHECK(map.step_at(4.5) == 5);

    // The CSV: a header and one row per digit, the basin and its size named.
    const std::string csv = landscape_csv(map);
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    CHECK(line == "index,label,x,y,end_x,end_y,outcome,predicted,basin,basin_size");
    int rows = 0;
    while (std::getline(in, line)) {
        ++rows;
        REQUIRE(line.substr(line.size() - 6) == ",0,200");
    }
    CHECK(rows == 200);
}

TEST_CASE_FIXTURE(SingleThreaded, "TestLandscape::identityLeavesEveryDigitItsOwnBasin") {
    const Dataset data = labelled(along_two_directions(50, 3));
    const Autoencoder model = affine_map(kDim, 1, Vector::Zero(kDim));
    const Judge judge = Judge::train(data, data, JudgeConfig{.hidden = 4, .epochs = 1});
    const Landscape map = compute_landscape(model, data, judge, freeze_rule(), fit_plane(data.samples));
    CHECK(map.steps_run == 1);
    CHECK((map.ends() - map.starts()).cwiseAbs().maxCoeff() < 1e-6);
    REQUIRE(map.basins.size() == 50);
    for (const LandscapeBasin& b : map.basins)
        REQUIRE(b.basin.size() == 1);
    // With no explosions and no stains (thresholds at 0), a basin of one digit has that digit's
    // outcome: converged when the judge reads its label, other class when not.
    EvaluationConfig plain = freeze_rule();
    plain.thresholds.explosion_max = 0;
    plain.thresholds.stain_confidence = 0;
    const Landscape judged = compute_landscape(model, data, judge, plain, fit_plane(data.samples));
    int other = 0;
    for (const LandscapeBasin& b : judged.basins) {
        const SampleOutcome& o = judged.outcomes[static_cast<std::size_t>(b.basin[0])];
        REQUIRE(b.majority == judged.labels[static_cast<std::size_t>(b.basin[0])]);
        REQUIRE(b.outcome == o.outcome);
        REQUIRE((o.outcome == Outcome::Converged || o.outcome == Outcome::OtherClass));
        other += o.outcome == Outcome::OtherClass;
    }
    CHECK(other < 50);  // the judge reads most of them
    // A plane of another size is refused, naming both.
    const PlaneProjection wrong = fit_plane(Matrix::Random(3, 10));
    CHECK(contains(error_message([&] { compute_landscape(model, data, judge, freeze_rule(), wrong); }),
                   "images of 3 values, the data set has 6"));
}
