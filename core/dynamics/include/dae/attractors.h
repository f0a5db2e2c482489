// The attractor census: iterate a whole set to its fixed points, group the fixed points that lie
// within `distance` of each other (single linkage: two points closer than it share an
// attractor), and describe each attractor — a representative point, its basin (the inputs that
// flow into it), the judge's reading of it, the labels of its basin, and the spectral radius of the
// Jacobian there (stable when < 1). Across the epochs of a run, attractors are followed by their
// basins: an attractor descends from the earlier one whose basin it shares most with, so one sees
// them appear, merge and split.
#pragma once

#include "dae/dataset.h"
#include "dae/dynamics.h"
#include "dae/judge.h"

#include <string>
#include <vector>

namespace dae {

struct CensusConfig {
    IterationConfig iteration = default_iteration();
    double distance = 1e-2;                      // fixed points closer than this (L2) are one attractor
    Index spectral_for = 20;                     // the spectral radius of the largest this many attractors (0: none)
    double explosion_max = 0.95;                 // an attractor with no pixel above this is an explosion (the paper's)
    static IterationConfig default_iteration();  // every sample to its fixed point (or 2,000 steps)
};

struct Attractor {
    Vector point;               // the fixed point of the basin's first member
    std::vector<Index> basin;   // indices of the inputs that end here, ascending
    std::vector<Index> labels;  // label histogram of the basin (num_classes entries)
    int judged = -1;            // the judge's class of the point
    float confidence = 0;
    double radius = -1;  // spectral radius of ∂r/∂x at the point (−1: not computed)
    bool explosion = false;
    int majority_label() const;  // the most frequent label of the basin
};

struct Census {
    std::vector<Attractor> attractors;  // largest basin first
    Index unsettled = 0;                // inputs that did not reach a fixed point
    int steps_run = 0;
    bool cancelled = false;
};

Census attractor_census(const Autoencoder& model, const Dataset& data, const Judge& judge, const CensusConfig& config,
                        RunObserver* observer = nullptr);

// Single-linkage groups of the columns of `points` within `distance`: group[j] is the group of
// column j, groups numbered 0, 1, … in the order of their first member.
std::vector<Index> link_within(const Matrix& points, double distance);

// One epoch of the census over a run.
struct CensusEpoch {
    int epoch = 0;
    Census census;
    std::vector<Index> id;      // a lasting identity per attractor (same id: the same attractor)
    std::vector<Index> parent;  // the id it descends from (−1: new)
};
// Follows attractors from one epoch to the next by basin overlap: each attractor descends from the
// earlier attractor its basin shares the most inputs with; the largest of those that descend from
// one keeps its id, the others split off under new ids, and an attractor sharing no input is new.
void link_epochs(std::vector<CensusEpoch>& history);
// One step of that: `now` linked to `before` (nullptr: the first epoch, every attractor new);
// next_id is the first id not yet given and grows with every new one.
void link_next(const CensusEpoch* before, CensusEpoch& now, Index& next_id);

// One row of the census CSV: an attractor at one epoch.
struct CensusRow {
    int epoch = 0;
    Index id = 0, parent = -1, basin = 0;
    int judged = -1;
    double confidence = 0;
    int majority = -1;
    double radius = -1;
    bool explosion = false;
};
std::vector<CensusRow> census_rows(const CensusEpoch& e);

// CSV: epoch, id, parent, basin size, judged class, confidence, majority label, radius, explosion.
std::string census_csv_header();
std::string census_csv_rows(const CensusEpoch& e);
// Parses that CSV (`name` for the errors, which name the line and what is wrong in it).
std::vector<CensusRow> parse_census_csv(const std::string& text, const std::string& name);
std::vector<CensusRow> read_census_csv(const std::string& path);

// Basin sizes by epoch of the `count` attractors largest at the last epoch, followed back by their
// ids (0 at an epoch where the attractor does not exist): the chart "basin sizes by epoch". The
// epochs are those of the rows and `epochs` (an epoch whose census found no attractor has no row).
struct BasinTracks {
    std::vector<int> epochs;                // ascending
    std::vector<Index> ids;                 // largest at the last epoch first
    std::vector<std::vector<Index>> sizes;  // [track][epoch index]
};
BasinTracks basin_tracks(const std::vector<CensusRow>& rows, std::size_t count, const std::vector<int>& epochs = {});

}  // namespace dae
