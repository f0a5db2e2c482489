// The tables of a grid's results: one CSV row per run (written and read back), mean ± sd per
// configuration (CSV and Markdown), and the runs found in a grid's folder.
#include "dae/error.h"
#include "dae/experiment.h"
#include "dae/files.h"
#include "dae/numbers.h"
#include "dae/run_catalog.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

namespace dae {

namespace fs = std::filesystem;

namespace {

std::string number(double v) {
    if (!std::isfinite(v)) return "";
    std::ostringstream s;
    s.precision(6);
    s << v;
    return s.str();
}

// Runs grouped by their configuration (the axes' values, numbers by value: runs written by earlier
// versions may say 0.69999999999999996 for 0.7), in the grid's order.
std::vector<std::pair<std::vector<std::string>, std::vector<const RunResult*>>>
groups(const GridSpec& g, const std::vector<RunResult>& rs) {
    std::vector<std::pair<std::vector<std::string>, std::vector<const RunResult*>>> out;
    for (const RunResult& r : rs) {
        std::vector<std::string> key;
        for (const auto& axis : g.axes)
            key.push_back(comparable_value(r.setting(axis.first)));
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == key; });
        if (it == out.end())
            out.push_back({key, {&r}});
        else
            it->second.push_back(&r);
    }
    return out;
}

std::vector<double> metric_values(const std::vector<const RunResult*>& runs, const std::string& metric) {
    std::vector<double> values;
    for (const RunResult* r : runs)
        values.push_back(r->metric(metric));
    return values;
}

std::pair<double, double> mean_sd(const std::vector<const RunResult*>& runs, const std::string& metric, int* count) {
    const MeanSd s = mean_sd_of(metric_values(runs, metric));
    if (count) *count = s.count;
    return {s.mean, s.sd};
}

// "0.912 ± 0.008", "–" when no run has the metric.
std::string mean_sd_text(const std::vector<const RunResult*>& runs, const std::string& metric) {
    const std::string text = mean_sd_text(mean_sd_of(metric_values(runs, metric)));
    return text.empty() ? "–" : text;
}

}  // namespace

std::string results_csv(const GridSpec& g, const std::vector<RunResult>& rs) {
    std::ostringstream out;
    out << "id";
    for (const auto& axis : g.axes)
        out << ',' << axis.first;
    out << ",seed,status";
    for (const auto& m : run_metric_names())
        out << ',' << m;
    out << '\n';
    for (const RunResult& r : rs) {
        out << r.id;
        for (const auto& axis : g.axes)
            out << ',' << r.setting(axis.first);
        out << ',' << r.setting("seed") << ',' << r.status;
        for (const auto& m : run_metric_names())
            out << ',' << number(r.metric(m));
        out << '\n';
    }
    return out.str();
}

std::string summary_csv(const GridSpec& g, const std::vector<RunResult>& rs) {
    std::ostringstream out;
    for (const auto& axis : g.axes)
        out << axis.first << ',';
    out << "runs";
    for (const auto& m : run_metric_names())
        out << ',' << m << "_mean," << m << "_sd";
    out << '\n';
    for (const auto& [key, runs] : groups(g, rs)) {
        for (const auto& v : key)
            out << v << ',';
        out << runs.size();
        for (const auto& m : run_metric_names()) {
            const auto [mean, sd] = mean_sd(runs, m, nullptr);
            out << ',' << number(mean) << ',' << number(sd);
        }
        out << '\n';
    }
    return out.str();
}

std::string summary_markdown(const GridSpec& g, const std::vector<RunResult>& rs,
                             const std::vector<std::string>& metrics) {
    std::ostringstream out;
    out << '|';
    for (const auto& axis : g.axes)
        out << ' ' << axis.first << " |";
    out << " seeds |";
    for (const auto& m : metrics)
        out << ' ' << m << " |";
    out << "\n|";
    for (std::size_t i = 0; i < g.axes.size() + 1 + metrics.size(); ++i)
        out << "---|";
    out << '\n';
    for (const auto& [key, runs] : groups(g, rs)) {
        out << '|';
        for (const auto& v : key)
            out << ' ' << v << " |";
        int done = 0;
        mean_sd(runs, metrics.empty() ? "epochs" : metrics.front(), &done);
        out << ' ' << done << " |";
        for (const auto& m : metrics)
            out << ' ' << mean_sd_text(runs, m) << " |";
        out << '\n';
    }
    return out.str();
}

std::vector<Pick> GridSpec::picks(const std::vector<RunResult>& results) const {
    std::vector<Pick> out;
    if (!select) return out;
    std::vector<std::size_t> by_index;  // the `by` axes' positions among the axes
    for (const std::string& b : select->by)
        for (std::size_t a = 0; a < axes.size(); ++a)
            if (axes[a].first == b) by_index.push_back(a);
    struct Group {
        std::vector<std::string> by_values;
        std::vector<std::pair<std::vector<std::string>, double>> scored;  // configuration, mean score
        bool complete = true;
    };
    std::vector<Group> groups;
    for (const std::vector<std::string>& values : configurations()) {
        std::vector<std::string> key;
        for (std::size_t b : by_index)
            key.push_back(values[b]);
        auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& x) { return x.by_values == key; });
        if (g == groups.end()) g = groups.insert(groups.end(), Group{key, {}, true});
        double sum = 0;
        for (std::uint64_t seed : seeds) {
            const std::string id = run(values, seed).id;
            const auto r = std::find_if(results.begin(), results.end(), [&](const RunResult& x) { return x.id == id; });
            const double v = r == results.end() ? std::nan("") : r->metric(select->metric);
            if (!std::isfinite(v)) g->complete = false;
            sum += v;
        }
        g->scored.emplace_back(values, sum / static_cast<double>(seeds.size()));
    }
    for (const Group& g : groups) {
        if (!g.complete) continue;
        const auto best = std::max_element(g.scored.begin(), g.scored.end(), [&](const auto& x, const auto& y) {
            return select->maximize ? x.second < y.second : x.second > y.second;  // the first of equals wins
        });
        out.push_back({g.by_values, best->first, best->second, static_cast<int>(g.scored.size())});
    }
    return out;
}

std::vector<RunSpec> GridSpec::selected_runs(const std::vector<Pick>& chosen) const {
    std::vector<RunSpec> out;
    if (!select) return out;
    for (std::uint64_t seed : select->seeds) {
        if (std::find(seeds.begin(), seeds.end(), seed) != seeds.end()) continue;
        for (const Pick& p : chosen)
            out.push_back(run(p.values, seed));
    }
    return out;
}

namespace {

// The runs of a picked configuration, every seed.
std::vector<const RunResult*> runs_of(const GridSpec& g, const Pick& p, const std::vector<RunResult>& rs) {
    std::vector<const RunResult*> out;
    const std::string prefix = [&] {
        const std::string id = g.run(p.values, 0).id;
        return id.substr(0, id.size() - 1);  // "…-seed"
    }();
    for (const RunResult& r : rs)
        if (r.id.starts_with(prefix) && r.id.find('-', prefix.size()) == std::string::npos) out.push_back(&r);
    return out;
}

}  // namespace

std::string selection_csv(const GridSpec& g, const std::vector<Pick>& picks, const std::vector<RunResult>& rs,
                          const std::vector<std::string>& metrics) {
    std::ostringstream out;
    for (const auto& axis : g.axes)
        out << axis.first << ',';
    out << "candidates,selected_by," << (g.select ? g.select->metric : std::string("score")) << "_screening,runs";
    for (const auto& m : metrics)
        out << ',' << m << "_mean," << m << "_sd";
    out << '\n';
    for (const Pick& p : picks) {
        for (const auto& v : p.values)
            out << v << ',';
        const auto runs = runs_of(g, p, rs);
        out << p.candidates << ',' << (g.select ? g.select->metric : "") << ',' << number(p.score) << ','
            << runs.size();
        for (const auto& m : metrics) {
            const auto [mean, sd] = mean_sd(runs, m, nullptr);
            out << ',' << number(mean) << ',' << number(sd);
        }
        out << '\n';
    }
    return out.str();
}

std::string selection_markdown(const GridSpec& g, const std::vector<Pick>& picks, const std::vector<RunResult>& rs,
                               const std::vector<std::string>& metrics) {
    std::ostringstream out;
    out << '|';
    for (const auto& axis : g.axes)
        out << ' ' << axis.first << " |";
    const std::string metric = g.select ? g.select->metric : "score";
    out << " of | " << metric << " (screening) | seeds |";
    for (const auto& m : metrics)
        out << ' ' << m << " |";
    out << "\n|";
    for (std::size_t i = 0; i < g.axes.size() + 3 + metrics.size(); ++i)
        out << "---|";
    out << '\n';
    for (const Pick& p : picks) {
        out << '|';
        for (const auto& v : p.values)
            out << ' ' << v << " |";
        const auto runs = runs_of(g, p, rs);
        out << ' ' << p.candidates << " | " << fixed_number(p.score, 4) << " | " << runs.size() << " |";
        for (const auto& m : metrics)
            out << ' ' << mean_sd_text(runs, m) << " |";
        out << '\n';
    }
    return out.str();
}

std::vector<RunResult> read_grid_results(const std::string& folder, const GridSpec* grid) {
    std::vector<RunResult> out;
    if (grid) {
        for (const RunSpec& r : grid->runs())
            if (auto res = read_run_result(folder + "/runs/" + r.id)) out.push_back(*res);
        for (const RunSpec& r : grid->selected_runs(grid->picks(out)))
            if (auto res = read_run_result(folder + "/runs/" + r.id)) out.push_back(*res);
        return out;
    }
    std::error_code ec;
    std::vector<std::string> dirs;
    for (const auto& entry : fs::directory_iterator(folder + "/runs", ec))
        if (entry.is_directory()) dirs.push_back(entry.path().string());
    if (ec) throw Error(folder + "/runs: cannot read (" + ec.message() + ")");
    std::sort(dirs.begin(), dirs.end());
    for (const std::string& d : dirs)
        if (auto res = read_run_result(d)) out.push_back(*res);
    return out;
}

ResultsTable parse_results_csv(const std::string& text, const std::string& name) {
    // Split at every comma, keeping empty fields (an empty last metric is a NaN, not a missing column).
    auto fields = [](const std::string& line) {
        std::vector<std::string> f(1);
        for (char c : line)
            if (c == ',')
                f.emplace_back();
            else if (c != '\r')
                f.back() += c;
        return f;
    };
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> header = fields(line);
    const auto status = std::find(header.begin(), header.end(), "status");
    if (header.front() != "id" || status == header.end() || status == header.begin() + 1 || *(status - 1) != "seed")
        throw Error(name + ": not the results.csv of a grid (the first line must be id, the axes, seed, status, "
                           "then the metrics)");
    ResultsTable t;
    t.axes.assign(header.begin() + 1, status - 1);
    const auto first_metric = static_cast<std::size_t>(status - header.begin()) + 1;
    std::set<std::string> ids;
    for (int number = 2; std::getline(in, line); ++number) {
        if (line.empty() || line == "\r") continue;
        const std::string at = name + ", line " + std::to_string(number) + ": ";
        const std::vector<std::string> f = fields(line);
        if (f.size() != header.size())
            throw Error(at + std::to_string(f.size()) + " fields, the header has " + std::to_string(header.size()));
        RunResult r;
        r.id = f[0];
        if (r.id.empty()) throw Error(at + "the id is empty");
        if (!ids.insert(r.id).second) throw Error(at + "run " + r.id + " appears twice");
        for (std::size_t k = 1; k + 1 < first_metric; ++k)
            r.settings.emplace_back(header[k], f[k]);
        r.status = f[first_metric - 1];
        for (std::size_t k = first_metric; k < f.size(); ++k) {
            const auto v = f[k].empty() ? std::optional<double>(std::nan("")) : parse_number(f[k]);
            if (!v) throw Error(at + header[k] + " '" + f[k] + "' is not a number");
            r.metrics.emplace_back(header[k], *v);
        }
        t.runs.push_back(std::move(r));
    }
    return t;
}

ResultsTable read_results_csv(const std::string& path) { return parse_results_csv(read_text(path), path); }

GridRuns read_runs(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path + "/runs", ec)) return {read_grid_results(path), path + "/runs"};
    if (fs::is_directory(path, ec)) {
        if (fs::is_regular_file(path + "/results.csv", ec)) return {read_results_csv(path + "/results.csv").runs, {}};
        throw Error(path + ": a folder without runs/ or results.csv (not a grid's folder)");
    }
    if (fs::exists(path, ec)) return {read_results_csv(path).runs, {}};
    throw Error(path + ": no such grid folder or results CSV");
}

}  // namespace dae
