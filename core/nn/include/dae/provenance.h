// Where a model came from — the data set, how its pool was split, the training settings, the
// thread count and the program version — as one typed struct, written into every model file and
// checkpoint and read back the same way by the CLI, the GUI and the tests.
//
// The split has ONE rule (SplitSpec). A data set with an official test set (the full MNIST,
// Fashion-MNIST) splits its training file as Bahdanau & Jaeger 2014 §5.1 did — "50000 random
// samples from the training set for training and the remaining 10000 samples as a validation set":
// a seeded shuffle (seed 1), 50,000 / 10,000 for a pool of 60,000. `ordered` (the first 50,000
// train, the last 10,000 validate; daelab before 0.3) is one switch away. A set without a test set
// holds out a seeded round(n/5). A model records the split it was trained with, so every
// command that iterates or evaluates it uses exactly the samples it never saw.
#pragma once

#include "dae/dataset.h"
#include "dae/training.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace dae {

// How a data set's training pool is divided into training and validation samples.
struct SplitSpec {
    enum class Rule {
        Ordered,   // the first `train` samples train, the next `validation` validate (an official split)
        Shuffled,  // a permutation from `seed`, then the same
    };
    Rule rule = Rule::Shuffled;
    Index train = 0;
    Index validation = 0;
    std::uint64_t seed = 1;  // Shuffled only

    // The rule for a pool without an official split: validation = round(n/5), training the rest.
    static SplitSpec held_out_fifth(Index n, std::uint64_t seed = 1);
    // This rule and seed with `fallback`'s counts when both counts are 0 ("the data set's own
    // counts": what a grid's "split" axis asks for).
    SplitSpec with_counts_of(const SplitSpec& fallback) const;
    // The indices of the two parts; dae::Error naming the counts when they do not fit n.
    Split apply(Index n) const;
    bool operator==(const SplitSpec&) const = default;
};
const char* split_rule_name(SplitSpec::Rule r);

// A data set as daelab uses it: a pool to train and validate on, and, when the data set has one,
// its official test set, which no training or model selection ever sees.
struct DataSource {
    Dataset pool;
    std::optional<Dataset> test;
    SplitSpec default_split;
};

// The three sets of a run. Without an official test set, `test` is the validation (held-out) set.
struct Partition {
    Dataset train, validation, test;
    bool official_test = false;
    // "test" or "held-out": what the evaluation set is called in reports.
    const char* test_name() const { return official_test ? "test" : "held-out"; }
};
Partition make_partition(const DataSource& source, const SplitSpec& split);
// The window's panels share one copy of the data (the full MNIST is 220 MB as floats): the lab owns
// it, every panel and background job holds it by these handles, nobody copies it.
using SharedSource = std::shared_ptr<const DataSource>;
using SharedPartition = std::shared_ptr<const Partition>;

inline constexpr const char* kUnknownVersion = "unknown (written before provenance was recorded)";

struct Provenance {
    std::string dataset;                     // the id load_data_source() takes; empty: unknown
    std::optional<SplitSpec> split;          // empty: unknown (imported weights)
    std::optional<TrainingConfig> settings;  // empty: unknown (imported weights)
    int threads = 0;                         // compute threads of the run (0: unknown)
    int epochs_trained = 0;
    std::string status;               // train_status_name() of the run's end
    std::string version;              // the daelab version that wrote it; empty: this program; kUnknownVersion: a file
                                      // written before provenance was recorded
    std::vector<EpochReport> curves;  // its training's learning curves, a row per epoch (no timings in files)
    std::map<std::string, std::string> extra;  // keys this version does not know, kept as read

    // The split to use with a pool of n samples: the recorded one, else the data set's default.
    SplitSpec split_or(const SplitSpec& fallback) const { return split ? *split : fallback; }
    bool operator==(const Provenance&) const = default;
};

// The key=value form stored in model files and checkpoints ("dataset", "split.rule",
// "split.train", "split.validation", "split.seed", "train.<option>", "threads", "epochs-trained",
// "status", "daelab-version", and "curves": one row per epoch in the columns of curves_csv_row(), joined
// by ';', with exact numbers and zero timings). Reading accepts files of earlier versions (their curves
// rounded to 6 digits); `name` names the file in errors about malformed values.
std::map<std::string, std::string> provenance_to_metadata(const Provenance& p);
Provenance provenance_from_metadata(const std::map<std::string, std::string>& metadata, const std::string& name);

// This program's version (the project version, e.g. "0.2.0").
const char* daelab_version();

}  // namespace dae
