#include "dae/paper_figures.h"

#include "dae/error.h"
#include "dae/rng.h"

#include <numeric>
#include <set>
#include <span>
#include <string>

namespace dae {

namespace {

// 0 … n−1 in a seeded random order.
std::vector<Index> shuffled(Index n, std::uint64_t seed) {
    std::vector<Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Index{0});
    Rng rng(seed);
    rng.shuffle(std::span<Index>(order));
    return order;
}

void check_sizes(const Matrix& originals, const Matrix& fixed_points, std::size_t labels, const char* what) {
    if (fixed_points.rows() != originals.rows() || fixed_points.cols() != originals.cols() ||
        labels != static_cast<std::size_t>(originals.cols()))
        throw Error(std::string(what) + ": " + std::to_string(originals.cols()) + " originals, " +
                    std::to_string(fixed_points.cols()) + " fixed points and " + std::to_string(labels) +
                    " labels do not belong together");
}

}  // namespace

Fig6Choice choose_fig6(const Matrix& originals, const Matrix& fixed_points, const std::vector<int>& labels,
                       const std::vector<int>& predicted, int count, double min_distance, std::uint64_t seed) {
    check_sizes(originals, fixed_points, labels.size(), "Fig. 6");
    if (predicted.size() != labels.size()) throw Error("Fig. 6: a prediction for each sample is needed");
    Fig6Choice c;
    const auto n = static_cast<std::size_t>(count);
    for (const Index j : shuffled(originals.cols(), seed)) {
        const auto s = static_cast<std::size_t>(j);
        if (predicted[s] != labels[s]) {
            if (c.misclassified.size() < n) c.misclassified.push_back(j);
        } else if (c.correct.size() < n && (originals.col(j) - fixed_points.col(j)).norm() >= min_distance) {
            c.correct.push_back(j);
        }
        if (c.correct.size() == n && c.misclassified.size() == n) break;
    }
    return c;
}

std::vector<Index> choose_fig4(const Matrix& originals, const std::vector<Matrix>& fixed_points,
                               const std::vector<int>& labels, int count, double min_distance, std::uint64_t seed) {
    for (const Matrix& f : fixed_points)
        check_sizes(originals, f, labels.size(), "Fig. 4");
    std::vector<Index> chosen;
    std::set<int> classes;
    for (const Index j : shuffled(originals.cols(), seed)) {
        if (static_cast<int>(chosen.size()) == count) break;
        if (classes.count(labels[static_cast<std::size_t>(j)])) continue;
        bool far = true;
        for (const Matrix& f : fixed_points)
            far = far && (originals.col(j) - f.col(j)).norm() >= min_distance;
        if (!far) continue;
        chosen.push_back(j);
        classes.insert(labels[static_cast<std::size_t>(j)]);
    }
    return chosen;
}

}  // namespace dae
