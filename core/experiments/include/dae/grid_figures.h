// The figures drawn from a grid's runs (their RunResults, from result.json files or a results.csv):
// the phase diagram of outcome shares over σ × k, and Bahdanau & Jaeger's Fig. 5 — "the
// classification accuracy and the number of explosions for the test set against the test
// reconstruction error", one point per run.
#pragma once

#include "dae/experiment.h"

#include <array>
#include <string>
#include <vector>

namespace dae {

// The phase diagram: the share of each outcome on the test set over a grid of two settings
// (e.g. σ × k), the mean over the runs (seeds) of each cell.
struct PhaseDiagram {
    std::string x_key, y_key;
    std::vector<double> xs, ys;  // ascending
    // share[outcome][row: y][column: x]; NaN where no run has those settings
    std::array<std::vector<std::vector<double>>, kOutcomeCount> share;
    std::vector<std::vector<int>> runs;  // [row][column]: runs averaged
};
PhaseDiagram phase_diagram(const std::vector<RunResult>& results, const std::string& x_key, const std::string& y_key,
                           OutcomeDefinition definition);

// Fig. 5: acc_test and EX_test against MSE_test (the one-step denoising error with the training noise
// on the test set), a point per finished run; a panel per value of `column_key` (the paper's: the
// noise level) and a series per value of `colour_key` (its: walkback k). Values are compared and
// sorted as numbers when they are numbers ("0.69999999999999996" is 0.7) and shown with %.10g.
struct Fig5Point {
    std::string id;
    double mse_test, acc_test, ex_test;
};
struct Fig5 {
    std::string column_key, colour_key;
    std::vector<std::string> columns, colours;                // ascending
    std::vector<std::vector<std::vector<Fig5Point>>> points;  // [column][colour], in the runs' order
    std::vector<std::string> left_out;                        // "id: why" for finished runs it cannot place
};
Fig5 fig5(const std::vector<RunResult>& results, const std::string& column_key, const std::string& colour_key);

// Whether two results are one run's, read from two places (its folder and a results.csv): the same
// id, no setting both have different (as numbers when they are numbers), and no metric both have
// different beyond the 6 significant digits a results.csv keeps. Ids repeat across grids (they name
// only the axes' values and the seed), so the id alone is not enough.
bool same_run(const RunResult& a, const RunResult& b);

}  // namespace dae
