// The tables and figures of a grid's results: one CSV row per run, mean ± sd per configuration
// (CSV and Markdown), the runs found in a grid's folder, and the phase diagram.
#include "dae/error.h"
#include "dae/experiment.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace dae {

namespace fs = std::filesystem;

namespace {

std::string setting_of(const RunResult& r, const std::string& key) {
    for (const auto& [k, v] : r.settings)
        if (k == key) return v;
    return {};
}

std::string number(double v) {
    if (!std::isfinite(v)) return "";
    std::ostringstream s;
    s.precision(6);
    s << v;
    return s.str();
}

// Runs grouped by their configuration (the axes' values), in the grid's order.
std::vector<std::pair<std::vector<std::string>, std::vector<const RunResult*>>>
groups(const GridSpec& g, const std::vector<RunResult>& rs) {
    std::vector<std::pair<std::vector<std::string>, std::vector<const RunResult*>>> out;
    for (const RunResult& r : rs) {
        std::vector<std::string> key;
        for (const auto& axis : g.axes)
            key.push_back(setting_of(r, axis.first));
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == key; });
        if (it == out.end())
            out.push_back({key, {&r}});
        else
            it->second.push_back(&r);
    }
    return out;
}

std::pair<double, double> mean_sd(const std::vector<const RunResult*>& runs, const std::string& metric, int* count) {
    double sum = 0, sq = 0;
    int n = 0;
    for (const RunResult* r : runs) {
        const double v = r->metric(metric);
        if (!std::isfinite(v)) continue;
        sum += v;
        sq += v * v;
        ++n;
    }
    if (count) *count = n;
    if (n == 0) return {std::nan(""), std::nan("")};
    const double mean = sum / n;
    const double var = n > 1 ? std::max(0.0, (sq - n * mean * mean) / (n - 1)) : 0;
    return {mean, std::sqrt(var)};
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
            out << ',' << setting_of(r, axis.first);
        out << ',' << setting_of(r, "seed") << ',' << r.status;
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
        for (const auto& m : metrics) {
            int n = 0;
            const auto [mean, sd] = mean_sd(runs, m, &n);
            if (n == 0)
                out << " – |";
            else {
                const int digits = std::fabs(mean) >= 100 ? 1 : (std::fabs(mean) >= 1 ? 2 : 3);
                char buf[64];
                if (n == 1)  // one run has no spread to show (a "± 0.000" would claim one)
                    std::snprintf(buf, sizeof buf, " %.*f |", digits, mean);
                else
                    std::snprintf(buf, sizeof buf, " %.*f ± %.*f |", digits, mean, digits, sd);
                out << buf;
            }
        }
        out << '\n';
    }
    return out.str();
}

std::vector<RunResult> read_grid_results(const std::string& folder, const GridSpec* grid) {
    std::vector<RunResult> out;
    if (grid) {
        for (const RunSpec& r : grid->runs())
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

PhaseDiagram phase_diagram(const std::vector<RunResult>& results, const std::string& x_key, const std::string& y_key,
                           OutcomeDefinition definition) {
    PhaseDiagram d;
    d.x_key = x_key;
    d.y_key = y_key;
    auto value = [](const RunResult& r, const std::string& key) {
        const std::string v = setting_of(r, key);
        return v.empty() ? std::nan("") : std::strtod(v.c_str(), nullptr);
    };
    std::vector<const RunResult*> used;
    for (const RunResult& r : results) {
        const double x = value(r, x_key), y = value(r, y_key);
        if (r.status != "finished" || !std::isfinite(x) || !std::isfinite(y)) continue;
        used.push_back(&r);
        if (std::find(d.xs.begin(), d.xs.end(), x) == d.xs.end()) d.xs.push_back(x);
        if (std::find(d.ys.begin(), d.ys.end(), y) == d.ys.end()) d.ys.push_back(y);
    }
    std::sort(d.xs.begin(), d.xs.end());
    std::sort(d.ys.begin(), d.ys.end());
    const std::string suffix = definition == OutcomeDefinition::Paper ? "_test" : "_test_daelab";
    d.runs.assign(d.ys.size(), std::vector<int>(d.xs.size(), 0));
    for (auto& m : d.share)
        m.assign(d.ys.size(), std::vector<double>(d.xs.size(), 0.0));
    for (const RunResult* r : used) {
        const auto cx = static_cast<std::size_t>(std::find(d.xs.begin(), d.xs.end(), value(*r, x_key)) - d.xs.begin());
        const auto cy = static_cast<std::size_t>(std::find(d.ys.begin(), d.ys.end(), value(*r, y_key)) - d.ys.begin());
        double counts[kOutcomeCount], all = 0;
        for (int o = 0; o < kOutcomeCount; ++o) {
            counts[o] = r->metric(outcome_metric_name(Outcome(o)) + suffix);
            if (std::isfinite(counts[o])) all += counts[o];
        }
        if (all <= 0) continue;
        for (int o = 0; o < kOutcomeCount; ++o)
            d.share[static_cast<std::size_t>(o)][cy][cx] += std::isfinite(counts[o]) ? counts[o] / all : 0;
        ++d.runs[cy][cx];
    }
    for (auto& m : d.share)
        for (std::size_t y = 0; y < d.ys.size(); ++y)
            for (std::size_t x = 0; x < d.xs.size(); ++x)
                m[y][x] = d.runs[y][x] > 0 ? m[y][x] / d.runs[y][x] : std::nan("");
    return d;
}

}  // namespace dae
