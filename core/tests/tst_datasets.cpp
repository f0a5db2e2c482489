// The data sets: the embedded default MNIST, Fashion-MNIST from Debian's files, user IDX pairs,
// seeded splits, the synthetic 2-D sets, and the hand edits of one image (shift, turn, scale, cover).
#include "check.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/synthetic.h"
#include "dae/variants.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

namespace test = dae::test;

TEST_CASE("TestDatasets::defaultMnistHasThePackagesCounts") {
    const dae::Dataset d = dae::load_default_mnist();
    REQUIRE(d.size() == dae::Index{10000});
    REQUIRE(d.dim() == dae::Index{784});
    REQUIRE(d.width == 28);
    REQUIRE(d.height == 28);
    REQUIRE(d.num_classes == 10);
    const std::vector<dae::Index> expected{1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
    REQUIRE(dae::label_counts(d) == expected);
    REQUIRE(d.samples.minCoeff() >= 0.0f);
    REQUIRE(d.samples.maxCoeff() <= 1.0f);
    // Real digits: mostly black background, some white strokes, not noise.
    const dae::PixelStats s = dae::pixel_stats(d.samples);
    REQUIRE_MESSAGE((s.black_fraction > 0.75 && s.black_fraction < 0.85), s.black_fraction);
    REQUIRE_MESSAGE((s.white_fraction > 0.05 && s.white_fraction < 0.12), s.white_fraction);
}
TEST_CASE("TestDatasets::defaultMnistMatchesTheJsonValues") {
    // The first sample of 0.json starts, at pixel 124, with 0.2, 0.624, 0.992, 0.624, 0.196.
    const dae::Dataset d = dae::load_default_mnist();
    const float expected[] = {0.2f, 0.624f, 0.992f, 0.624f, 0.196f};
    for (int i = 0; i < 5; ++i)
        REQUIRE(std::abs(d.samples(127 + i, 0) - expected[i]) < 5e-4f);
    REQUIRE(d.samples(126, 0) == 0.0f);
}
TEST_CASE("TestDatasets::fashionMnistHasSixtyPlusTenThousand") {
    if (!std::filesystem::exists(dae::fashion_mnist_dir())) {
        dae::test::skip("dataset-fashion-mnist is not installed (scripts/setup.sh installs it)");
        return;
    };
    const dae::DataSource source = dae::load_data_source("fashion-mnist");
    const dae::Dataset& train = source.pool;
    REQUIRE(source.test.has_value());
    const dae::Dataset& test = *source.test;
    REQUIRE(train.size() == dae::Index{60000});
    REQUIRE(test.size() == dae::Index{10000});
    REQUIRE(train.dim() == dae::Index{784});
    REQUIRE(train.class_name(9) == std::string("Ankle boot"));
    for (dae::Index c : dae::label_counts(train))
        REQUIRE(c == dae::Index{6000});
    const auto listed = dae::list_datasets();
    const auto it = std::find_if(listed.begin(), listed.end(), [](auto& i) { return i.id == "fashion-mnist"; });
    REQUIRE((it != listed.end() && it->available && it->size == 60000 && it->test_size == 10000));
}
TEST_CASE("TestDatasets::fullMnistIsTheOriginalWithItsOfficialSplit") {
    if (!std::filesystem::exists(dae::mnist_dir() + "/train-images-idx3-ubyte")) {
        dae::test::skip("the full MNIST is not installed (scripts/setup.sh installs it)");
        return;
    };
    // The files are LeCun's (the SHA-256 of the uncompressed training images).
    int status = 0;
    const std::string sum =
        test::run_command("sha256sum " + test::shell_quote(dae::mnist_dir() + "/train-images-idx3-ubyte"), &status);
    REQUIRE_MESSAGE((status == 0 && test::starts_with(sum, "ba891046e650")), sum);
    const dae::DataSource s = dae::load_data_source("mnist");
    REQUIRE(s.pool.size() == dae::Index{60000});
    REQUIRE(s.test.has_value());
    REQUIRE(s.test->size() == dae::Index{10000});
    const std::vector<dae::Index> train{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
    const std::vector<dae::Index> test{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};
    REQUIRE(dae::label_counts(s.pool) == train);
    REQUIRE(dae::label_counts(*s.test) == test);
    // The paper's split (§5.1): "50000 random samples from the training set for training and the
    // remaining 10000 samples as a validation set", seeded; the test set apart.
    REQUIRE(s.default_split.rule == dae::SplitSpec::Rule::Shuffled);
    REQUIRE(s.default_split.train == dae::Index{50000});
    REQUIRE(s.default_split.validation == dae::Index{10000});
    REQUIRE(s.default_split.seed == std::uint64_t{1});
    const dae::Split parts = s.default_split.apply(s.pool.size());
    std::vector<dae::Index> all = parts.train;
    all.insert(all.end(), parts.validation.begin(), parts.validation.end());
    std::sort(all.begin(), all.end());
    REQUIRE(std::adjacent_find(all.begin(), all.end()) == all.end());  // disjoint
    REQUIRE(all.size() == std::size_t{60000});                         // and together the whole pool
    REQUIRE(parts.validation != std::vector<dae::Index>(all.begin() + 50000, all.end()));  // not the last 10,000
    REQUIRE(s.default_split.apply(s.pool.size()).validation == parts.validation);          // seeded
    dae::SplitSpec other = s.default_split;
    other.seed = 2;
    REQUIRE(other.apply(s.pool.size()).validation != parts.validation);
    // Every class is in the validation set in about its share of the pool (a random draw).
    const dae::Partition p = dae::make_partition(s, s.default_split);
    const auto counts = dae::label_counts(p.validation);
    for (int c = 0; c < 10; ++c)
        REQUIRE_MESSAGE(std::abs(static_cast<double>(counts[c]) - train[c] / 6.0) < 4 * std::sqrt(train[c] / 6.0),
                        "class " << c << ": " << counts[c] << " of " << train[c]);
    REQUIRE(p.official_test);
    REQUIRE(std::string(p.test_name()) == std::string("test"));
    REQUIRE(p.train.samples.col(0) == s.pool.samples.col(parts.train[0]));
    REQUIRE(p.validation.samples.col(0) == s.pool.samples.col(parts.validation[0]));
    REQUIRE(p.test.samples == s.test->samples);
    // Today's earlier split, one switch away: the first 50,000 train, the last 10,000 validate.
    dae::SplitSpec ordered = s.default_split;
    ordered.rule = dae::SplitSpec::Rule::Ordered;
    const dae::Partition q = dae::make_partition(s, ordered);
    REQUIRE(q.train.samples.col(0) == s.pool.samples.col(0));
    REQUIRE(q.validation.samples.col(0) == s.pool.samples.col(50000));
    REQUIRE(dae::default_dataset_id() == std::string("mnist"));
}
TEST_CASE("TestDatasets::withoutATestSetTheHeldOutFifthIsTheTestSet") {
    const dae::DataSource s = dae::load_data_source("mnist-10k");
    REQUIRE(!s.test);
    REQUIRE(s.default_split.validation == dae::Index{2000});
    const dae::Partition p = dae::make_partition(s, s.default_split);
    REQUIRE(!p.official_test);
    REQUIRE(std::string(p.test_name()) == std::string("held-out"));
    REQUIRE(p.test.samples == p.validation.samples);
    REQUIRE(p.train.size() + p.validation.size() == dae::Index{10000});
    // An IDX quadruple has a test set of its own.
    const dae::Dataset d = dae::load_default_mnist();
    const test::TempDir dir;
    auto path = [&](const char* f) { return dir.file(f); };
    dae::write_idx(path("a"), dae::images_to_idx(d.subset({0, 1, 2, 3, 4})));
    dae::write_idx(path("b"), dae::labels_to_idx(d.subset({0, 1, 2, 3, 4})));
    dae::write_idx(path("c"), dae::images_to_idx(d.subset({5, 6})));
    dae::write_idx(path("d"), dae::labels_to_idx(d.subset({5, 6})));
    const dae::DataSource q = dae::load_data_source(path("a") + "," + path("b") + "," + path("c") + "," + path("d"));
    REQUIRE(q.pool.size() == dae::Index{5});
    REQUIRE(q.test->size() == dae::Index{2});
    REQUIRE_THROWS_AS(dae::load_data_source(path("a") + "," + path("b") + "," + path("c")), dae::Error);
}
TEST_CASE("TestDatasets::drawingsArePreparedLikeMnistDigits") {
    // A bar drawn in the top-left corner: after preparation its box is 20 pixels tall and its
    // centre of mass is at the centre of the 28 × 28 frame.
    dae::Vector img = dae::Vector::Zero(784);
    for (int y = 1; y < 11; ++y)
        for (int x = 2; x < 5; ++x)
            img(y * 28 + x) = 1.0f;
    const dae::Vector out = dae::normalize_like_mnist(img, 28, 28);
    double mass = 0, mx = 0, my = 0;
    int top = 28, bottom = -1;
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            const double v = out(y * 28 + x);
            mass += v;
            mx += v * (x + 0.5);
            my += v * (y + 0.5);
            if (v > 0.05) top = std::min(top, y), bottom = std::max(bottom, y);
        }
    REQUIRE((std::abs(mx / mass - 14) <= 0.5 && std::abs(my / mass - 14) <= 0.5));
    REQUIRE_MESSAGE((bottom - top + 1 >= 19 && bottom - top + 1 <= 21), (bottom - top + 1));
    REQUIRE(dae::normalize_like_mnist(dae::Vector::Zero(784), 28, 28) ==
            dae::Vector(dae::Vector::Zero(784)));  // blank stays blank
}
TEST_CASE("TestDatasets::variantsAreListedAndLoadable") {
    const dae::Dataset mnist = dae::load_default_mnist();
    const auto listed = dae::list_datasets();
    for (const char* id : {"mnist-10k-rot", "mnist-10k-bg-rand", "mnist-10k-bg-img"}) {
        const auto it = std::find_if(listed.begin(), listed.end(), [&](auto& i) { return i.id == id; });
        REQUIRE_MESSAGE((it != listed.end() && it->available && it->size == 10000), id);
        const dae::Dataset d = dae::load_dataset(id);
        REQUIRE(d.name == std::string(id));
        REQUIRE(d.labels == mnist.labels);
        REQUIRE(!(d.samples == mnist.samples));
    }
    REQUIRE_THROWS_AS(dae::load_dataset("mnist-10k-basic"), dae::Error);
}
TEST_CASE("TestDatasets::userIdxPairRoundTrips") {
    const dae::Dataset d = dae::load_default_mnist().subset({0, 5000, 9999});
    const test::TempDir dir;
    const std::string images = dir.file("i.idx3.gz");
    const std::string labels = dir.file("l.idx1");
    dae::write_idx(images, dae::images_to_idx(d), true);
    dae::write_idx(labels, dae::labels_to_idx(d), false);
    const dae::Dataset e = dae::load_dataset(images + "," + labels);
    REQUIRE(e.labels == d.labels);
    REQUIRE(e.samples == d.samples);  // bytes / 255 both ways: exact
}
TEST_CASE("TestDatasets::mismatchedPairIsRefused") {
    const dae::Dataset d = dae::load_default_mnist().subset({0, 1, 2});
    const test::TempDir dir;
    const std::string images = dir.file("i.idx3");
    const std::string labels = dir.file("l.idx1");
    dae::write_idx(images, dae::images_to_idx(d));
    dae::write_idx(labels, dae::labels_to_idx(d.subset({0, 1})));
    try {
        dae::load_dataset(images + "," + labels);
        FAIL("no error");
    } catch (const dae::Error& e) {
        REQUIRE_MESSAGE(test::contains(e.what(), "has 3 images but"), (e.what()));
    }
    // Labels given where images belong: the rank is named.
    REQUIRE_THROWS_AS(dae::load_dataset(labels + "," + labels), dae::Error);
}
TEST_CASE("TestDatasets::unknownIdIsNamed") {
    try {
        dae::load_dataset("mnits");
        FAIL("no error");
    } catch (const dae::Error& e) {
        REQUIRE(test::contains(e.what(), "unknown data set 'mnits'"));
    }
}
TEST_CASE("TestDatasets::splitIsDeterministicPerSeed") {
    const dae::Split a = dae::make_split(10000, 0.1, 0.2, 42);
    const dae::Split b = dae::make_split(10000, 0.1, 0.2, 42);
    const dae::Split c = dae::make_split(10000, 0.1, 0.2, 43);
    REQUIRE(a.train == b.train);
    REQUIRE(a.validation == b.validation);
    REQUIRE(a.test == b.test);
    REQUIRE(a.train != c.train);
    REQUIRE(a.train.size() == std::size_t{7000});
    REQUIRE(a.validation.size() == std::size_t{1000});
    REQUIRE(a.test.size() == std::size_t{2000});
    std::set<dae::Index> all(a.train.begin(), a.train.end());
    all.insert(a.validation.begin(), a.validation.end());
    all.insert(a.test.begin(), a.test.end());
    REQUIRE(all.size() == std::size_t{10000});  // a partition: no sample twice
    REQUIRE_THROWS_AS(dae::make_split(10, 8, 2, 1, 0), dae::Error);
}
static void toySetsAreSeededAndInTheUnitSquare(const std::string& name) {
    const auto kind = dae::toy_2d_from_name(name);
    REQUIRE(kind);
    const dae::Dataset a = dae::make_toy_2d(*kind, 500, 0.02, 7);
    const dae::Dataset b = dae::make_toy_2d(*kind, 500, 0.02, 7);
    const dae::Dataset c = dae::make_toy_2d(*kind, 500, 0.02, 8);
    REQUIRE(a.dim() == dae::Index{2});
    REQUIRE(a.samples == b.samples);
    REQUIRE(a.samples != c.samples);
    REQUIRE((a.samples.minCoeff() > 0.0f && a.samples.maxCoeff() < 1.0f));
    if (*kind == dae::Toy2D::Circle) {  // radius 0.7 × 0.4 around the centre
        const dae::Matrix centred = a.samples.array() - 0.5f;
        const double r = centred.colwise().norm().mean();
        REQUIRE(std::abs(r - 0.28) < 0.01);
    }
}

TEST_CASE("TestDatasets::toySetsAreSeededAndInTheUnitSquare") {
    SUBCASE("spiral") { toySetsAreSeededAndInTheUnitSquare("spiral"); }
    SUBCASE("circle") { toySetsAreSeededAndInTheUnitSquare("circle"); }
    SUBCASE("moons") { toySetsAreSeededAndInTheUnitSquare("moons"); }
}

TEST_CASE("TestDatasets::handEditsMoveTurnScaleAndCoverPixelsAsWorkedOutHere") {
    // A 5 × 4 image with one bright pixel at (x, y) = (1, 2) and a dimmer one at (3, 0).
    constexpr int w = 5, h = 4;
    dae::Vector img = dae::Vector::Zero(w * h);
    img(2 * w + 1) = 1;
    img(0 * w + 3) = dae::Scalar(0.5);
    // Shift by (+2, −1): (1, 2) → (3, 1); (3, 0) → (5, −1) leaves the image.
    const dae::Vector moved = dae::shifted_image(img, w, h, 2, -1);
    CHECK(moved(1 * w + 3) == 1);
    CHECK(moved.sum() == 1);
    CHECK(dae::shifted_image(img, w, h, 0, 0) == img);
    // Rotations: 0° and 360° change nothing; on a square image 90° counter-clockwise moves (x, y) to
    // (y, n − 1 − x) about the centre, exactly (pixel centres land on pixel centres).
    CHECK((dae::rotated_image(img, w, h, 0) - img).cwiseAbs().maxCoeff() < 1e-6);
    constexpr int n = 5;
    dae::Vector sq = dae::Vector::Zero(n * n);
    sq(1 * n + 4) = 1;  // (x, y) = (4, 1)
    const dae::Vector turned = dae::rotated_image(sq, n, n, 90);
    CHECK(std::abs(turned((n - 1 - 4) * n + 1) - 1) < 1e-5);  // (1, 0): up on the screen
    CHECK(std::abs(turned.sum() - 1) < 1e-5);
    CHECK((dae::rotated_image(sq, n, n, 360) - sq).cwiseAbs().maxCoeff() < 1e-5);
    // Scale 1 is the identity; scale 2 about the centre (2, 2) of the square sends (4, 1)'s ink to
    // (6, 0) — outside — and brings the centre's neighbour (3, 2) to (4, 2).
    CHECK((dae::scaled_image(sq, n, n, 1) - sq).cwiseAbs().maxCoeff() < 1e-6);
    dae::Vector centre = dae::Vector::Zero(n * n);
    centre(2 * n + 3) = 1;
    const dae::Vector doubled = dae::scaled_image(centre, n, n, 2);
    CHECK(std::abs(doubled(2 * n + 4) - 1) < 1e-6);
    CHECK(std::abs(doubled(2 * n + 3) - dae::Scalar(0.5)) < 1e-6);  // half-way between (2, 2) and (3, 2)
    CHECK(test::contains(test::error_message([&] { dae::scaled_image(sq, n, n, 0); }), "positive factor"));
    // A box covers exactly its pixels, in any corner order, clipped to the image.
    const dae::Vector covered = dae::occluded_image(img, w, h, 4, 3, 1, 2);  // x 1 … 4, y 2 … 3
    CHECK(covered(2 * w + 1) == 0);
    CHECK(covered(0 * w + 3) == dae::Scalar(0.5));
    CHECK(dae::occluded_image(img, w, h, -9, -9, 99, 99).sum() == 0);
    CHECK(test::contains(test::error_message([&] { dae::shifted_image(img, 4, 4, 1, 1); }), "20 values is not 4 × 4"));
}
