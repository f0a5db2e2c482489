// The landscape map: where a set's digits lie, where iterating the DAE carries them, and which
// basin each ends in, drawn in two dimensions.
//
// The plane is the first two principal components of the set's pixels (PCA of the clean inputs,
// mean-centred, from the d × d covariance). It depends on the data alone, never on a model, so
// maps of one set compare across epochs and across models: a digit that does not move between
// two maps stayed where it was in pixel space. Each digit's path is kept at a few steps
// (0, 1, 2, 3, 4, 6, 8, 12, 16, …: dense where the motion is fast) and at its end point; its end
// is classified as in the Dynamics tab (outcomes.h), and the settled end points are grouped into
// attractors by the census's rule (link_within at the census distance): under the census's
// iteration settings (every digit to its fixed point) a basin marker is one attractor of
// attractors.h; under the paper's 75 % rule the digits still moving at the stop are in no basin.
#pragma once

#include "dae/evaluation.h"

#include <string>
#include <vector>

namespace dae {

struct PlaneProjection {
    Vector mean;                            // d: the set's mean image
    Matrix axes;                            // 2 × d, orthonormal rows: the first two principal directions
    double explained[2] = {0, 0};           // the share of the set's variance along each axis
    Matrix project(const Matrix& x) const;  // 2 × N: axes · (x − mean)
};

// PCA of the columns of `samples` (at least two samples). A principal direction's sign is chosen so
// that its largest-magnitude entry is positive: the same data give the same plane.
PlaneProjection fit_plane(const Matrix& samples);

// The steps at which a path is kept: 0, 1, 2, 3, 4, 6, 8, 12, 16, 24, … (each power of two and the
// midpoint to the next), up to and including max_steps.
std::vector<int> landscape_frame_steps(int max_steps);

struct LandscapeBasin {
    float x = 0, y = 0;        // the attractor's position in the plane
    std::vector<Index> basin;  // the digits that end there, ascending
    int judged = -1;           // the judge's class of the attractor
    int majority = -1;         // the most frequent label of its basin (−1: unlabelled)
    // The attractor's own outcome: explosion or stain as its point is (label-free), else converged
    // when the judge reads it as its basin's majority label and other class when not.
    Outcome outcome = Outcome::Converged;
};

struct Landscape {
    PlaneProjection plane;
    std::vector<int> frame_step;          // ascending, 0 first; the last is the end (steps_run)
    std::vector<Matrix> paths;            // [frame] 2 × N: each digit at that step
    Matrix end_points;                    // d × N: the images the digits end as
    std::vector<int> labels;              // N
    std::vector<SampleOutcome> outcomes;  // N, under the evaluation's thresholds
    std::vector<Index> basin_of;          // N: index into `basins`, −1 when the digit did not settle
    std::vector<LandscapeBasin> basins;   // largest first
    OutcomeSummary summary;
    int steps_run = 0;
    bool cancelled = false;

    Index size() const { return static_cast<Index>(labels.size()); }
    int frames() const { return static_cast<int>(paths.size()); }
    const Matrix& starts() const { return paths.front(); }
    const Matrix& ends() const { return paths.back(); }
    // A digit's position at time t ∈ [0, frames − 1], straight between the kept steps.
    std::pair<float, float> at(Index sample, double t) const;
    // The step a time t stands for, and the time a step is reached (between two kept steps: in proportion).
    int step_at(double t) const;
    double time_of_step(int step) const;
};

// Iterates `data` under the evaluation's rule, keeping the paths in the plane, and maps the end
// points: outcomes by the judge, settled ends grouped within `link_distance` into basins.
Landscape compute_landscape(const Autoencoder& model, const Dataset& data, const Judge& judge,
                            const EvaluationConfig& config, const PlaneProjection& plane, double link_distance = 1e-2,
                            RunObserver* observer = nullptr);

// One row per digit: index, label, x, y (start), end_x, end_y, outcome, predicted, basin (−1: none),
// basin_size. Plain CSV with a header.
std::string landscape_csv(const Landscape& map);

}  // namespace dae
