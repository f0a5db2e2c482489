// The runs a person compares — the window's Runs view and `daelab-cli compare`: every run of grid
// folders, results.csv files and model files, with its settings, its figures or the reason it has
// none, and where its model and learning curves are. One bad run never hides the others: a
// truncated result.json or a model that does not load is listed with what is wrong.
#pragma once

#include "dae/atlas.h"
#include "dae/experiment.h"

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace dae {

struct CatalogRun {
    RunResult result;     // id, settings ("seed" among them), status, metrics (none until it is done)
    std::string source;   // the grid folder, CSV or model file it was found in
    std::string folder;   // the run's own folder (curves.csv, model.dae); empty for a bare model or CSV row
    std::string model;    // its model file; empty when it has none (yet)
    std::string problem;  // why it has no figures ("unfinished: 12 of 100 epochs", "…result.json: …"); empty
                          // when it has them
    int epochs_done = 0;  // rows of its learning curves, counted for a model file and for a grid run
                          // without figures (its progress); 0 for a grid run with them
};

// Every run `path` holds: a grid's folder (each runs/<id>/, finished or not), a results.csv (with
// the runs' folders when they lie beside it in runs/), a model file, or a folder of model files.
// dae::Error naming `path` only when it is none of these.
std::vector<CatalogRun> catalog_runs(const std::string& path);

// Its learning curves: the run's curves.csv, else the ones its model file carries; none when it has
// neither or they cannot be read.
std::vector<EpochReport> catalog_curves(const CatalogRun& run);

// Its outcome atlas over training (atlas.h), when it recorded one: its folder's atlas.csv (a grid
// whose spec has "atlas"), or, for a model file M.dae, the M.atlas.csv beside it (`daelab-cli train
// -o M.dae --atlas M.atlas.csv`). Empty when there is none; dae::Error naming the file when it
// cannot be read. catalog_atlas_file: that file's path, or empty.
std::vector<AtlasRow> catalog_atlas(const CatalogRun& run);
std::string catalog_atlas_file(const CatalogRun& run);

// The samples of its training set, an epoch's worth: from its model's header (the split it was
// trained on), else from its spec's split when that states counts; 0 when neither says.
Index catalog_training_samples(const CatalogRun& run);

// A setting's value as runs are compared: a number by its value ("0.7" and "0.69999999999999996"
// are one noise level, written "0.7"), any other text as it is.
std::string comparable_value(const std::string& value);

// The settings whose comparable values differ among `runs` ("seed" included), in the order the runs
// list them.
std::vector<std::string> varying_settings(const std::vector<CatalogRun>& runs);

// Runs grouped by the comparable values of `keys` (the varying settings but the seed: one group per
// configuration, as a grid's summary.csv), in order of first appearance.
struct RunGroup {
    std::vector<std::string> values;  // one per key
    std::vector<std::size_t> runs;    // indices into the catalog
};
std::vector<RunGroup> group_runs(const std::vector<CatalogRun>& runs, const std::vector<std::string>& keys);

// Mean and sample standard deviation of a metric over some runs; runs without it (NaN) are left
// out and `count` says how many had it.
struct MeanSd {
    double mean = std::nan("");
    double sd = std::nan("");
    int count = 0;
};
MeanSd metric_mean_sd(const std::vector<CatalogRun>& runs, const std::vector<std::size_t>& members,
                      const std::string& metric);
// The same of plain values (the grid harness's summaries use it too).
MeanSd mean_sd_of(const std::vector<double>& values);
// As people read it, and as a grid's summary.md writes it: "0.912 ± 0.008", with 1 decimal from 100,
// 2 from 1, else 3, and no spread for a single value ("± 0.000" would claim one); empty when none.
std::string mean_sd_text(const MeanSd& s);

// The runs as a table: one row per run, or per configuration (`grouped`: the varying settings but
// the seed, each result its seeds' mean ± sd, as summary.csv). Columns: "id" (or "seeds", the group's),
// "grid" (the source's name, when the runs come from several and are not grouped),
// the settings that vary (every setting when `all_columns`), "status" (or "runs"), then the results
// (the key ones that some run has, or every one some run has).
struct CatalogTable {
    std::vector<std::string> columns;
    int settings_end = 1;        // columns [1, settings_end) are settings
    std::vector<RunGroup> rows;  // the runs of each row
    bool grouped = false;
    // A cell: `exact` gives full numbers (a group's mean), else as people read them ("0.912 ± 0.008",
    // digits as summary.md has them); empty when no run has the value.
    std::string cell(const std::vector<CatalogRun>& runs, std::size_t row, std::size_t column, bool exact) const;
    std::string csv(const std::vector<CatalogRun>& runs) const;       // exact numbers
    std::string markdown(const std::vector<CatalogRun>& runs) const;  // as people read them
};
CatalogTable catalog_table(const std::vector<CatalogRun>& runs, bool grouped, bool all_columns);
// The results shown by default, in this order, when some run has them.
const std::vector<std::string>& catalog_key_metrics();

}  // namespace dae
