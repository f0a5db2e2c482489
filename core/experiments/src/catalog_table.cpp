// The runs of a catalog as a table: a row per run or per configuration, the columns that tell the
// runs apart, and the results.
#include "dae/numbers.h"
#include "dae/run_catalog.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace dae {

namespace {

// A source as people tell it apart: its folder's or file's name ("factors-split", "table1a-results.csv").
std::string source_name(const std::string& source) {
    std::filesystem::path p(source);
    while (!p.empty() && p.filename().empty())  // "dir/" names "dir"
        p = p.parent_path();
    if (p.filename() == "results.csv" && p.has_parent_path()) return p.parent_path().filename().string();
    return p.filename().string();
}

bool any_has(const std::vector<CatalogRun>& runs, const std::string& metric) {
    return std::any_of(runs.begin(), runs.end(),
                       [&](const CatalogRun& r) { return std::isfinite(r.result.metric(metric)); });
}

std::string csv_field(std::string f) {
    if (f.find_first_of(",\"\n") == std::string::npos) return f;
    std::string out = "\"";
    for (char c : f)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

const std::vector<std::string>& catalog_key_metrics() {
    static const std::vector<std::string> keys{"acc_validation",  "acc_train",    "acc_test", "EX_test",
                                               "EX_test_any",     "mse_wb_test",  "epochs",   "train_loss",
                                               "validation_loss", "train_seconds"};
    return keys;
}

CatalogTable catalog_table(const std::vector<CatalogRun>& runs, bool grouped, bool all_columns) {
    CatalogTable t;
    t.grouped = grouped;
    std::vector<std::string> settings;
    if (all_columns) {
        for (const CatalogRun& r : runs)
            for (const auto& kv : r.result.settings)
                if (std::find(settings.begin(), settings.end(), kv.first) == settings.end())
                    settings.push_back(kv.first);
    } else if (!runs.empty()) {
        settings = varying_settings(runs);
    }
    std::vector<std::string> configuration = settings;  // every setting shown but the seed
    std::erase(configuration, std::string("seed"));
    if (grouped) {
        settings = configuration;
        t.rows = group_runs(runs, configuration);
    } else {
        for (std::size_t i = 0; i < runs.size(); ++i)
            t.rows.push_back({{}, {i}});
    }
    t.columns = {grouped ? "seeds" : "id"};
    // Runs from several grids (their ids repeat: seed1, seed2 …) say which grid each is of.
    const bool sources =
        std::any_of(runs.begin(), runs.end(), [&](const CatalogRun& r) { return r.source != runs.front().source; });
    if (sources && !grouped) t.columns.emplace_back("grid");
    t.columns.insert(t.columns.end(), settings.begin(), settings.end());
    t.settings_end = static_cast<int>(t.columns.size());
    t.columns.emplace_back(grouped ? "runs" : "status");
    // A result named as a setting shown ("epochs" of a grid with an epochs axis) shows as the setting.
    for (const std::string& m : all_columns ? run_metric_names() : catalog_key_metrics())
        if (any_has(runs, m) && std::find(t.columns.begin(), t.columns.end(), m) == t.columns.end())
            t.columns.push_back(m);
    return t;
}

std::string CatalogTable::cell(const std::vector<CatalogRun>& runs, std::size_t row, std::size_t column,
                               bool exact) const {
    const RunGroup& g = rows[row];
    const CatalogRun& first = runs[g.runs.front()];
    const std::string& key = columns[column];
    const auto c = static_cast<int>(column);
    if (c == 0) {
        if (!grouped) return first.result.id;
        std::string seeds;  // the group's seeds, "1, 2, 3"
        for (std::size_t i : g.runs)
            seeds += (seeds.empty() ? "" : ", ") + comparable_value(runs[i].result.setting("seed"));
        return seeds;
    }
    if (key == "grid" && c == 1 && !grouped) return source_name(first.source);
    if (c < settings_end) return comparable_value(first.result.setting(key));
    if (c == settings_end) {
        if (grouped) return std::to_string(g.runs.size());
        return first.problem.empty() ? first.result.status : first.problem;
    }
    const MeanSd s = metric_mean_sd(runs, g.runs, key);
    if (s.count == 0) return {};
    if (exact) return format_double(s.mean);
    if (s.count == 1 && s.mean == std::round(s.mean) && std::fabs(s.mean) < 1e15)
        return std::to_string(static_cast<long long>(s.mean));  // a count: epochs, explosions, steps
    return mean_sd_text(s);
}

std::string CatalogTable::csv(const std::vector<CatalogRun>& runs) const {
    std::ostringstream out;
    for (std::size_t c = 0; c < columns.size(); ++c)
        out << (c ? "," : "") << csv_field(columns[c]);
    out << '\n';
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c)
            out << (c ? "," : "") << csv_field(cell(runs, r, c, true));
        out << '\n';
    }
    return out.str();
}

namespace {

// A Markdown table cell: a "|" in the text (a run's problem, an id) would end the cell.
std::string markdown_cell(const std::string& text) {
    std::string out;
    for (char ch : text) {
        if (ch == '|') out += '\\';
        out += ch == '\n' ? ' ' : ch;
    }
    return out;
}

}  // namespace

std::string CatalogTable::markdown(const std::vector<CatalogRun>& runs) const {
    std::ostringstream out;
    out << '|';
    for (const std::string& c : columns)
        out << ' ' << markdown_cell(c) << " |";
    out << "\n|";
    for (std::size_t c = 0; c < columns.size(); ++c)
        out << (static_cast<int>(c) > settings_end ? "---:|" : "---|");
    out << '\n';
    for (std::size_t r = 0; r < rows.size(); ++r) {
        out << '|';
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const std::string v = cell(runs, r, c, false);
            out << ' ' << (v.empty() ? "–" : markdown_cell(v)) << " |";
        }
        out << '\n';
    }
    return out.str();
}

}  // namespace dae
