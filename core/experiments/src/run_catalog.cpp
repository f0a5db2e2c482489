// The runs of grid folders, results.csv files and model files, listed for comparison.
#include "dae/run_catalog.h"

#include "dae/error.h"
#include "dae/files.h"
#include "dae/model_io.h"
#include "dae/numbers.h"
#include "dae/training_options.h"

#include <algorithm>
#include <filesystem>

namespace dae {

namespace fs = std::filesystem;

namespace {

bool is_model_file(const fs::path& p) { return p.extension() == ".dae"; }

// A model file as a run: its provenance's settings, its last epoch's losses as figures.
CatalogRun model_run(const std::string& path, const std::string& source) {
    CatalogRun run;
    run.source = source;
    run.model = path;
    run.result.id = fs::path(path).stem().string();
    try {
        const SavedModel m = load_model(path);
        const Provenance& p = m.provenance;
        if (!p.dataset.empty()) run.result.settings.emplace_back("dataset", p.dataset);
        if (p.settings) {
            for (auto& kv : training_options(*p.settings))
                run.result.settings.push_back(std::move(kv));
        } else {
            run.result.settings.emplace_back("hidden", std::to_string(m.model.hidden()));
        }
        run.result.status = p.status.empty() ? "unknown" : p.status;
        run.epochs_done = static_cast<int>(p.curves.size());
        if (!p.curves.empty()) {
            const EpochReport& last = p.curves.back();
            run.result.metrics = {{"epochs", static_cast<double>(p.epochs_trained)},
                                  {"train_loss", last.train_loss},
                                  {"validation_loss", last.validation_loss},
                                  {"validation_clean_mse", last.validation_clean_mse}};
        }
    } catch (const std::exception& e) {
        run.result.status = "unreadable";
        run.problem = e.what();
        run.model.clear();
    }
    return run;
}

// One runs/<id>/ folder: finished (result.json), unfinished (spec.json and its curves so far), or
// broken (what is wrong).
CatalogRun folder_run(const fs::path& dir, const std::string& source) {
    CatalogRun run;
    run.source = source;
    run.folder = dir.string();
    run.result.id = dir.filename().string();
    std::error_code ec;
    if (fs::exists(dir / "model.dae", ec)) run.model = (dir / "model.dae").string();
    try {
        if (auto done = read_run_result(run.folder)) {  // its figures say how long it trained
            run.result = std::move(*done);
            return run;
        }
    } catch (const std::exception& e) {
        run.problem = e.what();
        run.result.status = "unreadable";
    }
    run.epochs_done = static_cast<int>(read_curves((dir / "curves.csv").string()).size());
    try {
        const RunSpec spec = RunSpec::from_json(read_text((dir / "spec.json").string()), (dir / "spec.json").string());
        run.result.id = spec.id;
        run.result.settings = training_options(spec.settings);
        if (spec.split) {
            run.result.settings.emplace_back("split", split_rule_name(spec.split->rule));
            run.result.settings.emplace_back("split-seed", std::to_string(spec.split->seed));
        }
        if (run.problem.empty()) {
            run.result.status = "unfinished";
            run.problem = run.epochs_done < spec.settings.epochs
                              ? "unfinished: " + std::to_string(run.epochs_done) + " of " +
                                    std::to_string(spec.settings.epochs) + " epochs"
                              : "evaluating: " + std::to_string(run.epochs_done) + " epochs trained";
        }
    } catch (const std::exception& e) {
        if (run.problem.empty()) {
            run.result.status = "unreadable";
            run.problem = e.what();
        }
    }
    return run;
}

std::vector<CatalogRun> grid_folder_runs(const fs::path& grid) {
    std::vector<fs::path> dirs;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(grid / "runs", ec))
        if (entry.is_directory()) dirs.push_back(entry.path());
    if (ec) throw Error((grid / "runs").string() + ": cannot read (" + ec.message() + ")");
    std::sort(dirs.begin(), dirs.end());
    std::vector<CatalogRun> out;
    out.reserve(dirs.size());
    for (const fs::path& d : dirs)
        out.push_back(folder_run(d, grid.string()));
    return out;
}

std::vector<CatalogRun> csv_runs(const fs::path& csv) {
    std::vector<CatalogRun> out;
    const fs::path runs = csv.parent_path() / "runs";
    for (RunResult& r : read_results_csv(csv.string()).runs) {
        CatalogRun run;
        run.source = csv.string();
        std::error_code ec;
        if (fs::is_directory(runs / r.id, ec)) {  // the grid's folder beside it: its curves and model
            run.folder = (runs / r.id).string();
            if (fs::exists(runs / r.id / "model.dae", ec)) run.model = (runs / r.id / "model.dae").string();
        }
        run.result = std::move(r);
        out.push_back(std::move(run));
    }
    return out;
}

}  // namespace

std::vector<CatalogRun> catalog_runs(const std::string& path) {
    const fs::path p(path);
    std::error_code ec;
    if (fs::is_directory(p / "runs", ec)) return grid_folder_runs(p);
    if (fs::is_directory(p, ec)) {
        if (fs::is_regular_file(p / "results.csv", ec)) return csv_runs(p / "results.csv");
        std::vector<fs::path> models;
        for (const auto& entry : fs::directory_iterator(p, ec))
            if (entry.is_regular_file() && is_model_file(entry.path())) models.push_back(entry.path());
        if (models.empty())
            throw Error(path + ": a folder without runs/, results.csv or model files (.dae): nothing to compare");
        std::sort(models.begin(), models.end());
        std::vector<CatalogRun> out;
        for (const fs::path& m : models)
            out.push_back(model_run(m.string(), path));
        return out;
    }
    if (!fs::exists(p, ec)) throw Error(path + ": no such grid folder, results CSV or model file");
    if (is_model_file(p)) return {model_run(path, path)};
    return csv_runs(p);
}

std::vector<EpochReport> catalog_curves(const CatalogRun& run) {
    std::error_code ec;
    if (!run.folder.empty() && fs::exists(run.folder + "/curves.csv", ec))
        return read_curves(run.folder + "/curves.csv");
    if (run.model.empty()) return {};
    try {
        return read_model_provenance(run.model).curves;  // in its header: the weights are not read
    } catch (const std::exception&) {
        return {};
    }
}

std::string catalog_atlas_file(const CatalogRun& run) {
    std::error_code ec;
    if (!run.folder.empty() && fs::exists(run.folder + "/atlas.csv", ec)) return run.folder + "/atlas.csv";
    if (run.folder.empty() && !run.model.empty()) {
        fs::path beside(run.model);
        beside.replace_extension(".atlas.csv");
        if (fs::exists(beside, ec)) return beside.string();
    }
    return {};
}

std::vector<AtlasRow> catalog_atlas(const CatalogRun& run) {
    const std::string file = catalog_atlas_file(run);
    return file.empty() ? std::vector<AtlasRow>{} : parse_atlas_csv(read_text(file), file);
}

Index catalog_training_samples(const CatalogRun& run) {
    try {  // unreadable: ask the next source; the listing already says why
        if (!run.model.empty()) {
            const Provenance p = read_model_provenance(run.model);
            if (p.split && p.split->train > 0) return p.split->train;
        }
    } catch (const std::exception&) {
    }
    try {
        if (!run.folder.empty()) {
            const std::string path = run.folder + "/spec.json";
            const RunSpec spec = RunSpec::from_json(read_text(path), path);
            if (spec.split && spec.split->train > 0) return spec.split->train;
        }
    } catch (const std::exception&) {
    }
    return 0;
}

std::string comparable_value(const std::string& value) {
    const auto v = parse_number(value);
    return v ? format_double(*v) : value;
}

std::vector<std::string> varying_settings(const std::vector<CatalogRun>& runs) {
    std::vector<std::string> keys;
    for (const CatalogRun& r : runs)
        for (const auto& kv : r.result.settings)
            if (std::find(keys.begin(), keys.end(), kv.first) == keys.end()) keys.push_back(kv.first);
    std::erase_if(keys, [&](const std::string& key) {
        const std::string first = comparable_value(runs.front().result.setting(key));
        return std::all_of(runs.begin(), runs.end(),
                           [&](const CatalogRun& r) { return comparable_value(r.result.setting(key)) == first; });
    });
    return keys;
}

std::vector<RunGroup> group_runs(const std::vector<CatalogRun>& runs, const std::vector<std::string>& keys) {
    std::vector<RunGroup> groups;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        std::vector<std::string> values;
        for (const std::string& k : keys)
            values.push_back(comparable_value(runs[i].result.setting(k)));
        auto it = std::find_if(groups.begin(), groups.end(), [&](const RunGroup& g) { return g.values == values; });
        if (it == groups.end())
            groups.push_back({std::move(values), {i}});
        else
            it->runs.push_back(i);
    }
    return groups;
}

MeanSd metric_mean_sd(const std::vector<CatalogRun>& runs, const std::vector<std::size_t>& members,
                      const std::string& metric) {
    std::vector<double> values;
    values.reserve(members.size());
    for (std::size_t i : members)
        values.push_back(runs[i].result.metric(metric));
    return mean_sd_of(values);
}

MeanSd mean_sd_of(const std::vector<double>& values) {
    MeanSd out;
    double sum = 0;
    for (double v : values)
        if (std::isfinite(v)) {
            sum += v;
            ++out.count;
        }
    if (out.count == 0) return out;
    out.mean = sum / out.count;
    double sq = 0;  // two passes: no cancellation for metrics like steps in the thousands
    for (double v : values)
        if (std::isfinite(v)) sq += (v - out.mean) * (v - out.mean);
    out.sd = out.count > 1 ? std::sqrt(sq / (out.count - 1)) : 0;
    return out;
}

std::string mean_sd_text(const MeanSd& s) {
    if (s.count == 0) return {};
    const int digits = std::fabs(s.mean) >= 100 ? 1 : (std::fabs(s.mean) >= 1 ? 2 : 3);
    return fixed_number(s.mean, digits) + (s.count > 1 ? " ± " + fixed_number(s.sd, digits) : std::string());
}

}  // namespace dae
