// Writes a small seed corpus for the fuzz targets: valid files of each format (so the fuzzer
// starts deep inside the parsers) and a few near misses.
//   make_corpus <folder>     → folder/idx, folder/model, folder/npz, folder/checkpoint, folder/config,
//                             folder/csv
#include "dae/atlas.h"
#include "dae/checkpoint.h"
#include "dae/experiment.h"
#include "dae/files.h"
#include "dae/idx.h"
#include "dae/model_io.h"
#include "gzip.h"

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
    for (const char* sub : {"idx", "model", "npz", "checkpoint", "config", "csv"})
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
        dae::SavedModel saved{m, {}};
        saved.provenance.dataset = "mnist-10k";
        saved.provenance.split = dae::SplitSpec{dae::SplitSpec::Rule::Shuffled, 8, 2, 1};
        saved.provenance.settings = dae::TrainingConfig::bahdanau2014();
        put(root / ("model/" + name + ".dae"), dae::serialize_model(saved));
        dae::export_npz((root / ("npz/" + name + ".npz")).string(), m);
    }
    // A checkpoint of a small trainer, with and without momentum, mid-epoch.
    for (double momentum : {0.0, 0.5}) {
        dae::TrainingConfig c;
        c.model.hidden = 3;
        c.batch = 2;
        c.epochs = 3;
        c.momentum = momentum;
        dae::Matrix data = dae::Matrix::Random(4, 6).cwiseAbs();
        dae::Trainer t(c, data);
        t.step();
        dae::Provenance p;
        p.dataset = "mnist-10k";
        p.split = dae::SplitSpec{dae::SplitSpec::Rule::Ordered, 6, 0, 1};
        put(root / (momentum > 0 ? "checkpoint/momentum.ckpt" : "checkpoint/plain.ckpt"),
            dae::serialize_checkpoint(t, p));
    }
    // Settings, run specs and grids as JSON.
    auto text = [&](const char* file, const std::string& s) { put(root / "config" / file, {s.begin(), s.end()}); };
    text("settings.json",
         R"({"hidden": 500, "tied": false, "level": 0.3, "walkback": 3, "walkback-variant": "bengio"})");
    dae::RunSpec r;
    r.id = "k3";
    text("run.json", r.to_json());
    text("grid.json", R"({"name": "g", "dataset": "mnist", "preset": "vincent", "settings": {"epochs": 2},
                         "axes": {"walkback": [1, 2], "level": [0.3]}, "seeds": [1, 2], "evaluation": {"rule": "freeze"}})");
    // The CSVs read back: an outcome atlas, a grid's results, learning curves.
    auto csv = [&](const char* file, const std::string& s) { put(root / "csv" / file, {s.begin(), s.end()}); };
    dae::AtlasRow a;
    a.epoch = 2;
    a.summary.counts = {5, 1, 2, 3, 0, 1};
    a.steps_run = 40;
    csv("atlas.csv", dae::atlas_csv_header() + dae::atlas_csv_row(a));
    dae::RunResult result;
    result.id = "walkback1-seed1";
    result.status = "finished";
    result.settings = {{"walkback", "1"}, {"level", "0.5"}};
    result.metrics = {{"acc_test", 0.8}, {"EX_test", 12}};
    dae::GridSpec grid;
    grid.axes = {{"walkback", {"1"}}, {"level", {"0.5"}}};
    csv("results.csv", dae::results_csv(grid, {result}));
    dae::EpochReport e;
    e.train_loss = 12.5;
    csv("curves.csv", dae::curves_csv_row(e));
    std::printf("corpus written to %s\n", root.c_str());
    return 0;
}
