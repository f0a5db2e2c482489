#include "dae/attractors.h"

#include "dae/error.h"
#include "dae/files.h"
#include "dae/numbers.h"
#include "dae/rng.h"
#include "dae/stability.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

namespace dae {

IterationConfig CensusConfig::default_iteration() {
    IterationConfig c;
    c.rule = StoppingRule::Freeze;  // each sample leaves at its fixed point; the run ends when all did
    c.stop_fraction = 1.0;
    c.max_steps = 2000;
    c.keep_step_lengths = false;
    return c;
}

int Attractor::majority_label() const {
    if (labels.empty()) return -1;
    return static_cast<int>(std::max_element(labels.begin(), labels.end()) - labels.begin());
}

namespace {
struct UnionFind {
    std::vector<Index> parent;
    explicit UnionFind(Index n) : parent(static_cast<std::size_t>(n)) {
        std::iota(parent.begin(), parent.end(), Index{0});
    }
    Index find(Index a) {
        while (parent[static_cast<std::size_t>(a)] != a)
            a = parent[static_cast<std::size_t>(a)] =
                parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(a)])];
        return a;
    }
    void join(Index a, Index b) {
        a = find(a);
        b = find(b);
        if (a != b) parent[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
    }
};
}  // namespace

std::vector<Index> link_within(const Matrix& points, double distance) {
    const Index n = points.cols();
    UnionFind uf(n);
    if (n > 1) {
        // Exact and fast: two points closer than `distance` are closer than it along any unit
        // direction too. Sort along one random direction, sweep a window of that width, filter by
        // seven more directions, and only then compute the distance itself.
        constexpr int kDirections = 8;
        Rng rng(12345);
        Matrix dirs(points.rows(), kDirections);
        for (Index k = 0; k < dirs.size(); ++k)
            dirs.data()[k] = static_cast<Scalar>(rng.normal());
        dirs.colwise().normalize();
        const MatrixD proj = (dirs.transpose() * points).cast<double>();  // kDirections × n
        std::vector<Index> order(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), Index{0});
        std::sort(order.begin(), order.end(), [&](Index a, Index b) { return proj(0, a) < proj(0, b); });
        const double d2 = distance * distance;
        for (std::size_t i = 0; i < order.size(); ++i) {
            const Index a = order[i];
            for (std::size_t j = i + 1; j < order.size(); ++j) {
                const Index b = order[j];
                if (proj(0, b) - proj(0, a) >= distance) break;
                bool near = true;
                for (int k = 1; k < kDirections && near; ++k)
                    near = std::abs(proj(k, a) - proj(k, b)) < distance;
                if (near && (points.col(a) - points.col(b)).cast<double>().squaredNorm() < d2) uf.join(a, b);
            }
        }
    }
    std::vector<Index> group(static_cast<std::size_t>(n), -1);
    std::map<Index, Index> number;
    for (Index j = 0; j < n; ++j) {
        const Index root = uf.find(j);
        const auto it = number.emplace(root, static_cast<Index>(number.size())).first;
        group[static_cast<std::size_t>(j)] = it->second;
    }
    return group;
}

Census attractor_census(const Autoencoder& model, const Dataset& data, const Judge& judge, const CensusConfig& config,
                        RunObserver* observer) {
    if (!(config.distance > 0)) throw Error("attractor census: the distance must be positive");
    Census c;
    ObserverSection iterating(observer, "iterating to the fixed points", 0, 0.9);
    const IterationResult r = iterate(model, data.samples, config.iteration, &iterating);
    c.steps_run = r.steps_run;
    c.cancelled = r.cancelled;
    if (r.cancelled) return c;
    std::vector<Index> settled;
    for (Index j = 0; j < data.size(); ++j)
        if (r.ending[static_cast<std::size_t>(j)] == Ending::Converged) settled.push_back(j);
    c.unsettled = data.size() - static_cast<Index>(settled.size());
    Matrix points(data.dim(), static_cast<Index>(settled.size()));
    for (std::size_t i = 0; i < settled.size(); ++i)
        points.col(static_cast<Index>(i)) = r.fixed_points.col(settled[i]);
    const std::vector<Index> group = link_within(points, config.distance);
    const Index groups = group.empty() ? 0 : *std::max_element(group.begin(), group.end()) + 1;
    c.attractors.resize(static_cast<std::size_t>(groups));
    const int classes = std::max(data.num_classes, 1);
    for (std::size_t i = 0; i < settled.size(); ++i) {
        Attractor& a = c.attractors[static_cast<std::size_t>(group[i])];
        if (a.basin.empty()) {
            a.point = points.col(static_cast<Index>(i));
            a.labels.assign(static_cast<std::size_t>(classes), 0);
        }
        a.basin.push_back(settled[i]);
        const int l = data.labels.empty() ? -1 : data.labels[static_cast<std::size_t>(settled[i])];
        if (l >= 0 && l < classes) ++a.labels[static_cast<std::size_t>(l)];
    }
    std::stable_sort(c.attractors.begin(), c.attractors.end(),
                     [](const Attractor& x, const Attractor& y) { return x.basin.size() > y.basin.size(); });
    if (!c.attractors.empty()) {
        Matrix reps(data.dim(), static_cast<Index>(c.attractors.size()));
        for (std::size_t i = 0; i < c.attractors.size(); ++i)
            reps.col(static_cast<Index>(i)) = c.attractors[i].point;
        const Matrix p = judge.trained() ? judge.probabilities(reps) : Matrix();
        for (std::size_t i = 0; i < c.attractors.size(); ++i) {
            Attractor& a = c.attractors[i];
            a.explosion = a.point.maxCoeff() <= config.explosion_max;
            if (p.size() > 0) {
                Index best = 0;
                a.confidence = p.col(static_cast<Index>(i)).maxCoeff(&best);
                a.judged = static_cast<int>(best);
            }
        }
    }
    const Index spectral = std::min<Index>(config.spectral_for, static_cast<Index>(c.attractors.size()));
    for (Index i = 0; i < spectral; ++i) {
        if (observer && observer->stop_requested()) {
            c.cancelled = true;
            break;
        }
        ObserverSection s(observer, "spectral radii",
                          0.9 + 0.1 * static_cast<double>(i) / static_cast<double>(spectral), 1);
        s.report(0);
        c.attractors[static_cast<std::size_t>(i)].radius =
            spectral_radius(model, c.attractors[static_cast<std::size_t>(i)].point).radius;
    }
    return c;
}

void link_next(const CensusEpoch* before, CensusEpoch& now, Index& next_id) {
    const std::size_t n = now.census.attractors.size();
    now.id.assign(n, -1);
    now.parent.assign(n, -1);
    std::map<Index, std::size_t> owner_of;  // the earlier attractor of each input
    if (before)
        for (std::size_t i = 0; i < before->census.attractors.size(); ++i)
            for (Index s : before->census.attractors[i].basin)
                owner_of[s] = i;
    std::vector<bool> taken(before ? before->census.attractors.size() : 0, false);
    // Largest first (they are sorted): a larger attractor keeps an id before a smaller one.
    for (std::size_t i = 0; i < n; ++i) {
        std::map<std::size_t, Index> shared;
        for (Index s : now.census.attractors[i].basin)
            if (const auto it = owner_of.find(s); it != owner_of.end()) ++shared[it->second];
        if (shared.empty()) {
            now.id[i] = next_id++;
            continue;
        }
        const auto best = std::max_element(shared.begin(), shared.end(),
                                           [](const auto& a, const auto& b) { return a.second < b.second; });
        now.parent[i] = before->id[best->first];
        if (!taken[best->first]) {
            taken[best->first] = true;
            now.id[i] = before->id[best->first];  // the same attractor, moved
        } else {
            now.id[i] = next_id++;  // split off from its parent
        }
    }
}

void link_epochs(std::vector<CensusEpoch>& history) {
    Index next_id = 0;
    for (std::size_t e = 0; e < history.size(); ++e)
        link_next(e == 0 ? nullptr : &history[e - 1], history[e], next_id);
}

std::vector<CensusRow> census_rows(const CensusEpoch& e) {
    std::vector<CensusRow> rows;
    for (std::size_t i = 0; i < e.census.attractors.size(); ++i) {
        const Attractor& a = e.census.attractors[i];
        CensusRow r;
        r.epoch = e.epoch;
        r.id = i < e.id.size() ? e.id[i] : static_cast<Index>(i);
        r.parent = i < e.parent.size() ? e.parent[i] : -1;
        r.basin = static_cast<Index>(a.basin.size());
        r.judged = a.judged;
        r.confidence = a.confidence;
        r.majority = a.majority_label();
        r.radius = a.radius;
        r.explosion = a.explosion;
        rows.push_back(r);
    }
    return rows;
}

std::string census_csv_header() {
    return "epoch,id,parent,basin,judged_class,confidence,majority_label,spectral_radius,explosion\n";
}

std::string census_csv_rows(const CensusEpoch& e) {
    std::ostringstream s;
    for (const CensusRow& r : census_rows(e))
        s << r.epoch << ',' << r.id << ',' << r.parent << ',' << r.basin << ',' << r.judged << ','
          << static_cast<float>(r.confidence) << ',' << r.majority << ',' << r.radius << ',' << (r.explosion ? 1 : 0)
          << '\n';
    return s.str();
}

std::vector<CensusRow> parse_census_csv(const std::string& text, const std::string& name) {
    std::istringstream in(text);
    std::string line;
    const std::string header = census_csv_header().substr(0, census_csv_header().size() - 1);
    if (!std::getline(in, line) || line != header)
        throw Error(name + ": not an attractor census CSV (the first line must be " + header + ")");
    constexpr int kFields = 9;
    const char* names[kFields] = {"epoch",        "id",         "parent",         "basin",
                                  "judged_class", "confidence", "majority_label", "spectral_radius",
                                  "explosion"};
    std::vector<CensusRow> rows;
    std::set<std::pair<int, Index>> seen;
    for (int number = 2; std::getline(in, line); ++number) {
        if (line.empty()) continue;
        const std::string at = name + ", line " + std::to_string(number) + ": ";
        std::vector<std::string> f;
        std::stringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');)
            f.push_back(cell);
        if (f.size() != kFields)
            throw Error(at + std::to_string(f.size()) + " fields, " + std::to_string(kFields) + " expected");
        double v[kFields];
        for (int k = 0; k < kFields; ++k) {
            const auto number = parse_number(f[static_cast<std::size_t>(k)]);  // nan and inf too, as << writes them
            if (!number) throw Error(at + names[k] + " '" + f[static_cast<std::size_t>(k)] + "' is not a number");
            v[k] = *number;
        }
        auto whole = [&](int k, double lo) {
            if (!(v[k] >= lo) || v[k] != std::floor(v[k]) || v[k] > 1e15)
                throw Error(at + names[k] + " '" + f[static_cast<std::size_t>(k)] + "' must be a whole number ≥ " +
                            std::to_string(static_cast<long long>(lo)));
            return static_cast<long long>(v[k]);
        };
        CensusRow r;
        r.epoch = static_cast<int>(std::min<long long>(whole(0, 0), std::numeric_limits<int>::max()));
        r.id = whole(1, 0);
        r.parent = whole(2, -1);
        r.basin = whole(3, 1);
        r.judged = static_cast<int>(whole(4, -1));
        r.confidence = v[5];
        r.majority = static_cast<int>(whole(6, -1));
        r.radius = v[7];
        if (v[8] != 0 && v[8] != 1) throw Error(at + "explosion '" + f[8] + "' must be 0 or 1");
        r.explosion = v[8] == 1;
        if (!seen.emplace(r.epoch, r.id).second)
            throw Error(at + "attractor " + std::to_string(r.id) + " appears twice at epoch " +
                        std::to_string(r.epoch));
        rows.push_back(r);
    }
    return rows;
}

std::vector<CensusRow> read_census_csv(const std::string& path) { return parse_census_csv(read_text(path), path); }

BasinTracks basin_tracks(const std::vector<CensusRow>& rows, std::size_t count, const std::vector<int>& epochs) {
    BasinTracks t;
    t.epochs = epochs;
    for (const CensusRow& r : rows)
        t.epochs.push_back(r.epoch);
    std::sort(t.epochs.begin(), t.epochs.end());
    t.epochs.erase(std::unique(t.epochs.begin(), t.epochs.end()), t.epochs.end());
    if (t.epochs.empty()) return t;
    std::vector<CensusRow> last;
    for (const CensusRow& r : rows)
        if (r.epoch == t.epochs.back()) last.push_back(r);
    std::stable_sort(last.begin(), last.end(),
                     [](const CensusRow& a, const CensusRow& b) { return a.basin > b.basin; });
    for (std::size_t i = 0; i < last.size() && i < count; ++i)
        t.ids.push_back(last[i].id);
    t.sizes.assign(t.ids.size(), std::vector<Index>(t.epochs.size(), 0));
    for (const CensusRow& r : rows) {
        const auto id = std::find(t.ids.begin(), t.ids.end(), r.id);
        if (id == t.ids.end()) continue;
        const auto e = std::lower_bound(t.epochs.begin(), t.epochs.end(), r.epoch);
        t.sizes[static_cast<std::size_t>(id - t.ids.begin())][static_cast<std::size_t>(e - t.epochs.begin())] = r.basin;
    }
    return t;
}

}  // namespace dae
