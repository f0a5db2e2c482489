// Writes a small seed corpus for the fuzz targets: valid files of each format (so the fuzzer
// starts deep inside the parsers) and a few near misses.
//   make_corpus <folder>     → folder/idx, folder/model, folder/npz
#include "dae/gzip.h"
#include "dae/idx.h"
#include "dae/model_io.h"

#include <cstdio>
#include <filesystem>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_corpus <folder>\n");
        return 2;
    }
    namespace fs = std::filesystem;
    const fs::path root = argv[1];
    for (const char* sub : {"idx", "model", "npz"})
        fs::create_directories(root / sub);
    auto put = [](const fs::path& p, const std::vector<std::uint8_t>& bytes) {
        dae::write_file_atomic(p.string(), bytes);
    };

    dae::IdxArray images;
    images.dims = {2, 3, 4};
    for (int i = 0; i < 24; ++i)
        images.data.push_back(static_cast<std::uint8_t>(i * 10));
    dae::IdxArray labels;
    labels.dims = {5};
    labels.data = {0, 1, 2, 3, 9};
    put(root / "idx/images.idx3", dae::serialize_idx(images));
    put(root / "idx/labels.idx1", dae::serialize_idx(labels));
    put(root / "idx/images.idx3.gz", dae::gzip(dae::serialize_idx(images)));
    put(root / "idx/labels.idx1.gz", dae::gzip(dae::serialize_idx(labels)));

    for (bool tied : {false, true}) {
        dae::ModelConfig c;
        c.visible = 4;
        c.hidden = 3;
        c.tied = tied;
        dae::Autoencoder m(c);
        m.initialize(dae::InitScheme::GlorotUniform, 1);
        const std::string name = tied ? "tied" : "untied";
        put(root / ("model/" + name + ".dae"), dae::serialize_model({m, {{"train.loss", "squared-error"}}}));
        dae::export_npz((root / ("npz/" + name + ".npz")).string(), m);
    }
    std::printf("corpus written to %s\n", root.c_str());
    return 0;
}
