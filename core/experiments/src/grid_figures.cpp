// The figures of a grid's runs: the phase diagram and Bahdanau & Jaeger's Fig. 5.
#include "dae/grid_figures.h"

#include "dae/numbers.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace dae {

namespace {

// A setting's value as a figure orders it: a number when the whole text is one, else the text.
struct Value {
    bool numeric = false;
    double x = 0;
    std::string text;

    explicit Value(const std::string& s) : text(s) {
        const auto number = parse_number(s);
        numeric = number && std::isfinite(*number);
        if (numeric) {
            x = *number;
            text = general_number(x, 10);
        }
    }
    bool operator==(const Value& o) const { return numeric == o.numeric && (numeric ? x == o.x : text == o.text); }
    bool operator<(const Value& o) const {
        if (numeric != o.numeric) return numeric;  // numbers first
        return numeric ? x < o.x : text < o.text;
    }
};

void insert_sorted(std::vector<Value>& values, const Value& v) {
    const auto it = std::lower_bound(values.begin(), values.end(), v);
    if (it == values.end() || !(*it == v)) values.insert(it, v);
}

std::size_t index_of(const std::vector<Value>& values, const Value& v) {  // v is there
    return static_cast<std::size_t>(std::lower_bound(values.begin(), values.end(), v) - values.begin());
}

}  // namespace

PhaseDiagram phase_diagram(const std::vector<RunResult>& results, const std::string& x_key, const std::string& y_key,
                           OutcomeDefinition definition) {
    PhaseDiagram d;
    d.x_key = x_key;
    d.y_key = y_key;
    auto value = [](const RunResult& r, const std::string& key) {
        const std::string v = r.setting(key);
        return parse_number(v).value_or(std::nan(""));
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

Fig5 fig5(const std::vector<RunResult>& results, const std::string& column_key, const std::string& colour_key) {
    Fig5 f;
    f.column_key = column_key;
    f.colour_key = colour_key;
    std::vector<Value> columns, colours;
    std::vector<const RunResult*> placed;
    for (const RunResult& r : results) {
        if (r.status != "finished") continue;
        std::string why;
        if (r.setting(column_key).empty())
            why = "no '" + column_key + "' setting";
        else if (r.setting(colour_key).empty())
            why = "no '" + colour_key + "' setting";
        else if (!std::isfinite(r.metric("mse_test")))
            why = "no mse_test";
        if (!why.empty()) {
            f.left_out.push_back(r.id + ": " + why);
            continue;
        }
        insert_sorted(columns, Value(r.setting(column_key)));
        insert_sorted(colours, Value(r.setting(colour_key)));
        placed.push_back(&r);
    }
    for (const Value& v : columns)
        f.columns.push_back(v.text);
    for (const Value& v : colours)
        f.colours.push_back(v.text);
    f.points.assign(columns.size(), std::vector<std::vector<Fig5Point>>(colours.size()));
    for (const RunResult* r : placed) {
        const std::size_t c = index_of(columns, Value(r->setting(column_key)));
        const std::size_t k = index_of(colours, Value(r->setting(colour_key)));
        f.points[c][k].push_back({r->id, r->metric("mse_test"), r->metric("acc_test"), r->metric("EX_test")});
    }
    return f;
}

bool same_run(const RunResult& a, const RunResult& b) {
    if (a.id != b.id) return false;
    for (const auto& [key, value] : a.settings)
        if (const std::string other = b.setting(key); !other.empty() && !(Value(other) == Value(value))) return false;
    for (const auto& [name, value] : a.metrics) {
        const double other = b.metric(name);
        if (std::isnan(value) || std::isnan(other)) continue;  // a results.csv writes what it lacks empty
        if (std::fabs(value - other) > 1e-5 * std::max(std::fabs(value), std::fabs(other))) return false;
    }
    return true;
}

}  // namespace dae
