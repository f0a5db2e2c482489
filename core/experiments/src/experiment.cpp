#include "dae/experiment.h"

#include "dae/error.h"
#include "dae/files.h"
#include "dae/training_options.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace dae {

using json = nlohmann::ordered_json;  // keeps the order of a grid's axes as written
namespace fs = std::filesystem;

constexpr const char* kRunSpecFormat = "daelab-run/2";

namespace {

json parse_json(const std::string& text, const std::string& name) {
    try {
        return json::parse(text);
    } catch (const json::exception& e) {
        throw Error(name + ": not valid JSON (" + e.what() + ")");
    }
}

// JSON scalars as option strings: 500 → "500", true → "true", 0.1 → "0.1".
std::string option_text(const json& v, const std::string& where) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_number()) return format_double(v.get<double>());
    throw Error(where + ": expected a number, a string or true/false");
}

// A whole-number field of a JSON object, or `fallback` when absent. Anything else — a fraction, a
// string, a number outside [lo, hi] (1e300 would overflow an int) — is refused with the field named.
long long whole_number(const json& j, const char* key, long long fallback, long long lo, long long hi,
                       const std::string& where) {
    if (!j.contains(key)) return fallback;
    const json& v = j[key];
    const bool ok = v.is_number_integer() &&
                    !(v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) &&
                    v.get<long long>() >= lo && v.get<long long>() <= hi;
    if (!ok)
        throw Error(where + ": " + key + " must be a whole number from " + std::to_string(lo) + " to " +
                    std::to_string(hi));
    return v.get<long long>();
}

void apply_settings(TrainingConfig& c, const json& obj, const std::string& where) {
    if (!obj.is_object()) throw Error(where + ": expected an object of training options");
    for (const auto& [key, value] : obj.items()) {
        std::string why;
        if (!set_training_option(c, key, option_text(value, where + "." + key), &why)) throw Error(where + ": " + why);
    }
}

void apply_evaluation(EvaluationConfig& c, const json& obj, const std::string& where) {
    if (!obj.is_object()) throw Error(where + ": expected an object of evaluation options");
    // "definition" first: it sets the explosion threshold, which an explicit value may override.
    if (obj.contains("definition")) {
        std::string why;
        if (!set_evaluation_option(c, "definition", option_text(obj["definition"], where), &why))
            throw Error(where + ": " + why);
    }
    for (const auto& [key, value] : obj.items()) {
        if (key == "definition") continue;
        std::string why;
        if (!set_evaluation_option(c, key, option_text(value, where + "." + key), &why))
            throw Error(where + ": " + why);
    }
}

json split_json(const SplitSpec& s) {
    return {{"rule", split_rule_name(s.rule)}, {"train", s.train}, {"validation", s.validation}, {"seed", s.seed}};
}

SplitSpec split_from_json(const json& j, const std::string& where) {
    if (!j.is_object()) throw Error(where + ": the split must be an object {rule, train, validation, seed}");
    SplitSpec s;
    const std::string rule = j.value("rule", "shuffled");
    if (rule == "ordered")
        s.rule = SplitSpec::Rule::Ordered;
    else if (rule != "shuffled")
        throw Error(where + ": split rule '" + rule + "' is not ordered or shuffled");
    s.train = static_cast<Index>(whole_number(j, "train", 0, 0, 1000000000, where));
    s.validation = static_cast<Index>(whole_number(j, "validation", 0, 0, 1000000000, where));
    if (j.contains("seed") && !j["seed"].is_number_unsigned()) throw Error(where + ": seed must be a whole number ≥ 0");
    s.seed = j.value("seed", std::uint64_t{1});
    return s;
}

std::vector<std::uint64_t> seeds_from_json(const json& j, const std::string& where) {
    if (!j.is_array() || j.empty()) throw Error(where + ": seeds must be a non-empty list");
    std::vector<std::uint64_t> out;
    for (const auto& s : j) {
        if (!s.is_number_unsigned()) throw Error(where + ": seeds must be whole numbers ≥ 0");
        out.push_back(s.get<std::uint64_t>());
    }
    return out;
}

Selection selection_from_json(const json& j, const GridSpec& g, const std::string& where) {
    if (!j.is_object()) throw Error(where + ": expected {metric, maximize, by, seeds}");
    Selection s;
    s.metric = j.value("metric", s.metric);
    const auto& names = run_metric_names();
    if (std::find(names.begin(), names.end(), s.metric) == names.end())
        throw Error(where + ": '" + s.metric + "' is not a run's metric");
    if (s.metric.find("test") != std::string::npos)
        throw Error(where + ": '" + s.metric + "' is a test figure; choose on the validation set (acc_validation)");
    s.maximize = j.value("maximize", true);
    if (j.contains("by")) {
        if (!j["by"].is_array()) throw Error(where + ": by must be a list of axes");
        for (const auto& b : j["by"]) {
            const std::string axis = b.is_string() ? b.get<std::string>() : "";
            const bool is_axis =
                std::any_of(g.axes.begin(), g.axes.end(), [&](const auto& a) { return a.first == axis; });
            if (!is_axis) throw Error(where + ": by: '" + axis + "' is not one of the grid's axes");
            s.by.push_back(axis);
        }
    }
    if (j.contains("seeds")) s.seeds = seeds_from_json(j["seeds"], where + ".seeds");
    return s;
}

json settings_json(const TrainingConfig& c) {
    json j = json::object();
    for (const auto& [k, v] : training_options(c))
        j[k] = v;
    return j;
}

json evaluation_json(const EvaluationConfig& c) {
    json j = json::object();
    for (const auto& [k, v] : evaluation_options(c))
        j[k] = v;
    return j;
}

}  // namespace

bool set_run_option(RunSpec& run, const std::string& key, const std::string& value, std::string* why) {
    if (key == "split" || key == "split-seed") {
        // The data set's own counts (SplitSpec::with_counts_of) with the rule or seed asked for.
        SplitSpec s = run.split.value_or(SplitSpec{SplitSpec::Rule::Shuffled, 0, 0, 1});
        if (key == "split") {
            if (value == "ordered")
                s.rule = SplitSpec::Rule::Ordered;
            else if (value == "shuffled")
                s.rule = SplitSpec::Rule::Shuffled;
            else {
                if (why) *why = "option 'split': '" + value + "' is not shuffled or ordered";
                return false;
            }
        } else {
            long long seed = 0;
            double d = 0;
            if (!parse_number(value, &d) || !(d >= 0 && d <= 4.6e18) || d != std::floor(d)) {
                if (why) *why = "option 'split-seed': '" + value + "' is not a whole number ≥ 0";
                return false;
            }
            seed = static_cast<long long>(d);
            s.rule = SplitSpec::Rule::Shuffled;
            s.seed = static_cast<std::uint64_t>(seed);
        }
        run.split = s;
        return true;
    }
    return set_training_option(run.settings, key, value, why);
}

const std::vector<std::string>& run_metric_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n{"epochs",
                                   "train_seconds",
                                   "samples_per_second",
                                   "train_loss",
                                   "validation_loss",
                                   "validation_clean_mse",
                                   "evaluate_seconds",
                                   "acc_train",
                                   "acc_test",
                                   "acc_validation",
                                   "baseline_train",
                                   "baseline_test",
                                   "baseline_validation",
                                   "original_on_fixed",
                                   "fixed_on_original",
                                   "judge_test",
                                   "mse_wb_train",
                                   "mse_wb_test",
                                   "mse_test",
                                   "EX_train",
                                   "EX_test",
                                   "EX_train_daelab",
                                   "EX_test_daelab",
                                   "EX_validation",
                                   "EX_train_any",
                                   "EX_test_any",
                                   "explosions_coincide_test",
                                   "explosion_spread_test",
                                   "steps_train",
                                   "steps_test",
                                   "steps_validation",
                                   "black_fixed_test",
                                   "white_fixed_test",
                                   "black_original_test",
                                   "white_original_test",
                                   "chain_confidence",
                                   "chain_balance",
                                   "chain_switches_per_100",
                                   "chain_dwell",
                                   "chain_classes_visited",
                                   "chain_seconds"};
        for (const char* def : {"_test", "_test_daelab"})
            for (int o = 0; o < kOutcomeCount; ++o)
                n.push_back(outcome_metric_name(Outcome(o)) + def);
        return n;
    }();
    return names;
}

double RunResult::metric(const std::string& name) const {
    for (const auto& [k, v] : metrics)
        if (k == name) return v;
    return std::nan("");
}

std::string RunResult::setting(const std::string& key) const {
    for (const auto& [k, v] : settings)
        if (k == key) return v;
    return {};
}

std::string RunResult::to_json() const {
    json j;
    j["id"] = id;
    j["status"] = status;
    json s = json::object();
    for (const auto& [k, v] : settings)
        s[k] = v;
    j["settings"] = s;
    json m = json::object();
    for (const auto& [k, v] : metrics)
        m[k] = std::isfinite(v) ? json(v) : json(nullptr);
    j["metrics"] = m;
    return j.dump(2) + "\n";
}

RunResult RunResult::from_json(const std::string& text, const std::string& name) {
    const json j = parse_json(text, name);
    RunResult r;
    try {
        r.id = j.at("id").get<std::string>();
        r.status = j.at("status").get<std::string>();
        for (const auto& [k, v] : j.at("settings").items())
            r.settings.emplace_back(k, v.get<std::string>());
        const json& m = j.at("metrics");
        for (const std::string& k : run_metric_names())
            if (m.contains(k)) r.metrics.emplace_back(k, m[k].is_null() ? std::nan("") : m[k].get<double>());
    } catch (const json::exception& e) {
        throw Error(name + ": not a run result (" + e.what() + ")");
    }
    return r;
}

std::string RunSpec::to_json() const {
    json j;
    j["format"] = kRunSpecFormat;
    j["id"] = id;
    j["dataset"] = dataset;
    if (split) j["split"] = split_json(*split);
    j["settings"] = settings_json(settings);
    j["threads"] = threads;
    j["evaluate"] = evaluate;
    j["evaluation"] = evaluation_json(evaluation);
    j["chain-steps"] = chain_steps;
    j["chains"] = chains;
    if (atlas_probe > 0) j["atlas"] = atlas_probe;  // absent before it existed: those specs read the same
    return j.dump(2) + "\n";
}

RunSpec RunSpec::from_json(const std::string& text, const std::string& name) {
    const json j = parse_json(text, name);
    if (!j.is_object()) throw Error(name + ": a run spec is a JSON object");
    RunSpec s;
    // A spec without "format" was written before 0.3, whose runs reshuffled every epoch.
    if (!j.contains("format")) s.settings.order = TrainingConfig::as_before_recorded().order;
    try {
        if (j.contains("format") && j["format"] != kRunSpecFormat)
            throw Error(name + ": format " + j["format"].dump() + " is not " + kRunSpecFormat);
        s.id = j.value("id", std::string("run"));
        s.dataset = j.value("dataset", std::string("mnist"));
        if (j.contains("split")) s.split = split_from_json(j["split"], name + ": split");
        if (j.contains("settings")) apply_settings(s.settings, j["settings"], name + ": settings");
        s.threads = static_cast<int>(whole_number(j, "threads", 1, 1, 1024, name));
        s.evaluate = j.value("evaluate", true);
        if (j.contains("evaluation")) apply_evaluation(s.evaluation, j["evaluation"], name + ": evaluation");
        s.chain_steps = static_cast<int>(whole_number(j, "chain-steps", 0, 0, 1000000, name));
        s.chains = static_cast<int>(whole_number(j, "chains", 10, 1, 100000, name));
        s.atlas_probe = static_cast<int>(whole_number(j, "atlas", 0, 0, 100000, name));
    } catch (const json::exception& e) {
        throw Error(name + ": " + e.what());
    }
    std::string why;
    if (s.id.empty() || s.id.find_first_of("/\\\n") != std::string::npos)
        throw Error(name + ": the id must be a plain name");
    if (!s.settings.validate(&why)) throw Error(name + ": settings: " + why);
    if (!s.evaluation.iteration.validate(&why) || !s.evaluation.thresholds.validate(&why))
        throw Error(name + ": evaluation: " + why);
    return s;
}

std::optional<RunResult> read_run_result(const std::string& folder) {
    const std::string path = folder + "/result.json";
    if (!fs::exists(path)) return std::nullopt;
    return RunResult::from_json(read_text(path), path);
}

GridSpec GridSpec::from_json(const std::string& text, const std::string& name) {
    const json j = parse_json(text, name);
    if (!j.is_object()) throw Error(name + ": a grid is a JSON object");
    GridSpec g;
    try {
        g.name = j.value("name", std::string("grid"));
        g.dataset = j.value("dataset", std::string("mnist"));
        if (j.contains("split")) g.split = split_from_json(j["split"], name + ": split");
        const std::string preset = j.value("preset", std::string("bahdanau"));
        const auto preset_config = training_preset(preset);
        if (!preset_config) throw Error(name + ": preset '" + preset + "' is not " + training_preset_names());
        g.base = *preset_config;
        if (j.contains("settings")) apply_settings(g.base, j["settings"], name + ": settings");
        if (j.contains("evaluation")) apply_evaluation(g.evaluation, j["evaluation"], name + ": evaluation");
        g.evaluate = j.value("evaluate", true);
        g.chain_steps = static_cast<int>(whole_number(j, "chain-steps", 0, 0, 1000000, name));
        g.chains = static_cast<int>(whole_number(j, "chains", 10, 1, 100000, name));
        g.atlas_probe = static_cast<int>(whole_number(j, "atlas", 0, 0, 100000, name));
        if (j.contains("axes")) {
            if (!j["axes"].is_object()) throw Error(name + ": axes must be an object {option: [values]}");
            for (const auto& [key, values] : j["axes"].items()) {
                if (!values.is_array() || values.empty())
                    throw Error(name + ": axis '" + key + "' needs a list of values");
                std::vector<std::string> v;
                for (const auto& x : values)
                    v.push_back(option_text(x, name + ": axes." + key));
                g.axes.emplace_back(key, v);
            }
        }
        if (j.contains("select")) g.select = selection_from_json(j["select"], g, name + ": select");
        if (j.contains("seeds")) g.seeds = seeds_from_json(j["seeds"], name + ": seeds");
    } catch (const json::exception& e) {
        throw Error(name + ": " + e.what());
    }
    if (g.seeds.empty()) throw Error(name + ": seeds is empty");
    std::size_t count = g.seeds.size();
    for (const auto& axis : g.axes)
        count = std::min(count * axis.second.size(), kMaxGridRuns + 1);  // sizes ≥ 1: no overflow
    if (count > kMaxGridRuns)
        throw Error(name + ": more than " + std::to_string(kMaxGridRuns) +
                    " runs (seeds × the axes' values); split it into several grids");
    g.runs();  // validates every combination
    return g;
}

RunSpec GridSpec::run(const std::vector<std::string>& values, std::uint64_t seed) const {
    if (values.size() != axes.size()) throw Error("grid " + name + ": a configuration needs one value per axis");
    RunSpec r;
    r.dataset = dataset;
    r.split = split;
    r.settings = base;
    r.evaluation = evaluation;
    r.evaluate = evaluate;
    r.chain_steps = chain_steps;
    r.chains = chains;
    r.atlas_probe = atlas_probe;
    std::string id;
    for (std::size_t a = 0; a < axes.size(); ++a) {
        std::string why;
        if (!set_run_option(r, axes[a].first, values[a], &why)) throw Error("grid " + name + ": " + why);
        id += axes[a].first + values[a] + "-";
    }
    r.settings.seed = seed;
    r.id = id + "seed" + std::to_string(seed);
    std::string why;
    if (!r.settings.validate(&why)) throw Error("grid " + name + ", run " + r.id + ": " + why);
    return r;
}

std::vector<std::vector<std::string>> GridSpec::configurations() const {
    // The first axis varies fastest.
    std::vector<std::vector<std::string>> out;
    std::vector<std::size_t> at(axes.size(), 0);
    while (true) {
        std::vector<std::string> values;
        for (std::size_t a = 0; a < axes.size(); ++a)
            values.push_back(axes[a].second[at[a]]);
        out.push_back(std::move(values));
        std::size_t a = 0;
        for (; a < axes.size(); ++a) {
            if (++at[a] < axes[a].second.size()) break;
            at[a] = 0;
        }
        if (a == axes.size()) break;
    }
    return out;
}

std::vector<RunSpec> GridSpec::runs() const {
    // Seeds outermost: a grid that is stopped early has covered every configuration once.
    std::vector<RunSpec> out;
    const auto configs = configurations();
    for (std::uint64_t seed : seeds)
        for (const auto& values : configs)
            out.push_back(run(values, seed));
    return out;
}

}  // namespace dae
