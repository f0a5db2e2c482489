// Reproducible runs, and grids of them: the paper-reproduction harness.
//
// A run trains one DAE on a data set's partition and evaluates it as Table 1 of Bahdanau & Jaeger
// does, in a folder of its own:
//   spec.json      what to run (written first; a folder never holds two different runs)
//   train.ckpt     the whole training state after every epoch (atomic: a kill loses ≤ 1 epoch)
//   curves.csv     per-epoch losses
//   model.dae      the trained model, with its provenance
//   result.json    the figures; its presence means "done": a finished run is never redone
// A grid is settings × axes × seeds (GridSpec, read from JSON); its runs are independent
// processes (`daelab-cli run FOLDER`), so any scheduler can run them: the CLI's own `-j N`, GNU
// parallel or a Slurm array from `daelab-cli grid --print-commands`. Merging reads every
// result.json into one CSV row per run and a summary with mean ± sd over the seeds.
#pragma once

#include "dae/evaluation.h"
#include "dae/provenance.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dae {

struct RunSpec {
    std::string id;  // the run's name, also its folder's
    std::string dataset = "mnist";
    std::optional<SplitSpec> split;  // empty: the data set's own; counts 0: its own counts
    TrainingConfig settings = TrainingConfig::bahdanau2014();
    int threads = 1;
    bool evaluate = true;
    EvaluationConfig evaluation;
    // The generative chain (chain.h): `chains` chains of `chain_steps` steps with the training
    // noise, from the first test digits; 0 steps: not run.
    int chain_steps = 0;
    int chains = 10;
    // The outcome atlas (atlas.h): after every epoch, the first `atlas_probe` validation samples
    // iterated under the evaluation's settings, a row of atlas.csv in the run's folder; 0: none.
    int atlas_probe = 0;

    std::string to_json() const;
    static RunSpec from_json(const std::string& text, const std::string& name);  // dae::Error naming `name`
    bool operator==(const RunSpec& o) const { return to_json() == o.to_json(); }
};

// Sets a training option of a run, or its split: "split" (shuffled — the paper's random split —
// or ordered, with the data set's own counts) or "split-seed" (a shuffled split's seed). What a
// grid's axes and settings take. False with a reason naming the option.
bool set_run_option(RunSpec& run, const std::string& key, const std::string& value, std::string* why);

// A run's figures, flat: name → value, in a fixed order (see run_metric_names()).
struct RunResult {
    std::string id;
    std::vector<std::pair<std::string, std::string>> settings;  // training_options() of the run
    std::vector<std::pair<std::string, double>> metrics;
    std::string status;                                 // train_status_name()
    double metric(const std::string& name) const;       // NaN when absent
    std::string setting(const std::string& key) const;  // empty when absent
    std::string to_json() const;
    static RunResult from_json(const std::string& text, const std::string& name);
};
const std::vector<std::string>& run_metric_names();

// Runs (or resumes, or just reads back) the run in `folder`. The data must be the spec's data
// set. `observer` sees training and evaluation; a stop leaves the checkpoint for a later resume
// and returns a result with status "stopped" (and no result.json).
RunResult run_experiment(const RunSpec& spec, const DataSource& data, const std::string& folder,
                         RunObserver* observer = nullptr);
// result.json of a finished run, if there is one.
std::optional<RunResult> read_run_result(const std::string& folder);
// The first `epochs` rows of a run's curves.csv (every process's), as its model file records them;
// rows that do not parse (a line cut by a kill) are skipped, a missing file gives none.
std::vector<EpochReport> read_curves(const std::string& curves, int epochs = 1 << 30);

// A grid larger than this is refused when read (a typo in an axis must not queue a million runs).
inline constexpr std::size_t kMaxGridRuns = 10000;

// Model selection on the validation set (Bahdanau & Jaeger §5.3 ran series over hyperparameters;
// we pick among them as the test set never may): for every combination of the `by` axes' values
// (e.g. each noise level), the configuration of the other axes whose screening runs (the grid's
// `seeds`) score best in `metric`; it then runs with every seed of `seeds` too.
struct Selection {
    std::string metric = "acc_validation";
    bool maximize = true;
    std::vector<std::string> by;
    std::vector<std::uint64_t> seeds{1, 2, 3};
};

// One selection's outcome for one combination of the `by` axes' values.
struct Pick {
    std::vector<std::string> by_values;  // in Selection::by's order
    std::vector<std::string> values;     // the picked configuration: every axis's value, in the grid's order
    double score = 0;                    // mean of the metric over its screening runs
    int candidates = 0;                  // configurations compared
};

struct GridSpec {
    std::string name = "grid";
    std::string dataset = "mnist";
    std::optional<SplitSpec> split;
    TrainingConfig base = TrainingConfig::bahdanau2014();
    EvaluationConfig evaluation;
    bool evaluate = true;
    int chain_steps = 0, chains = 10;  // "chain-steps", "chains"
    int atlas_probe = 0;               // "atlas": the outcome atlas's probe size (RunSpec)
    // Training options that vary, each with its values: every combination is a configuration.
    std::vector<std::pair<std::string, std::vector<std::string>>> axes;
    std::vector<std::uint64_t> seeds{1};
    std::optional<Selection> select;  // "select": {"metric", "maximize", "by", "seeds"}

    // {"name", "dataset", "preset": "bahdanau"|"vincent", "settings": {option: value},
    //  "axes": {option: [values]}, "seeds": [1, 2, 3], "evaluation": {option: value}, "evaluate": bool}
    // An axis is any training option or "split" / "split-seed" (set_run_option).
    static GridSpec from_json(const std::string& text, const std::string& name);
    std::vector<RunSpec> runs() const;  // configurations × seeds; ids like "walkback3-level0.7-seed2"
    // Every combination of the axes' values (the first axis varies fastest).
    std::vector<std::vector<std::string>> configurations() const;
    // One configuration (a value per axis, in the axes' order) with one seed.
    RunSpec run(const std::vector<std::string>& values, std::uint64_t seed) const;
    // The picks of `select` from finished screening runs (`results` may hold any runs): a group is
    // picked only once every configuration in it has finished every screening seed. Empty without
    // `select`.
    std::vector<Pick> picks(const std::vector<RunResult>& results) const;
    // The runs the picks add: each picked configuration with the selection's seeds that are not
    // screening seeds.
    std::vector<RunSpec> selected_runs(const std::vector<Pick>& picks) const;
};

// Per pick: the `by` values, the picked configuration, its validation score and the candidates,
// then mean ± sd over all its seeds of `metrics` (CSV and Markdown).
std::string selection_csv(const GridSpec& grid, const std::vector<Pick>& picks, const std::vector<RunResult>& results,
                          const std::vector<std::string>& metrics);
std::string selection_markdown(const GridSpec& grid, const std::vector<Pick>& picks,
                               const std::vector<RunResult>& results, const std::vector<std::string>& metrics);

// Every finished run's result.json under a grid's folder (runs/<id>/), in the grid's order when
// `grid` is given (its screening runs, then the runs its picks added), else by id.
std::vector<RunResult> read_grid_results(const std::string& folder, const GridSpec* grid = nullptr);

// One row per run: id, the axes' values, seed, status, every metric.
std::string results_csv(const GridSpec& grid, const std::vector<RunResult>& results);
// One row per configuration: the axes' values, the number of seeds done, mean ± sd of each metric.
std::string summary_csv(const GridSpec& grid, const std::vector<RunResult>& results);
std::string summary_markdown(const GridSpec& grid, const std::vector<RunResult>& results,
                             const std::vector<std::string>& metrics);

// A results.csv read back (results_csv's format): the axes' names from its header; per row the id,
// the axes' values and the seed as settings, the status, and every later column as a metric (empty:
// NaN). A row keeps only the grid's axes of the run's settings (a figure that needs another setting
// needs the runs' folders). dae::Error naming `name`, the line and the column of what is wrong.
struct ResultsTable {
    std::vector<std::string> axes;
    std::vector<RunResult> runs;
};
ResultsTable parse_results_csv(const std::string& text, const std::string& name);
ResultsTable read_results_csv(const std::string& path);

// The runs a path holds: a grid's folder (every runs/<id>/result.json, so no merge is needed; its
// results.csv when there is no runs/) or a results.csv file. `runs_folder` is where the runs'
// folders are (empty when they came from a CSV). dae::Error naming the path when it is neither.
struct GridRuns {
    std::vector<RunResult> runs;
    std::string runs_folder;
};
GridRuns read_runs(const std::string& path);

}  // namespace dae
