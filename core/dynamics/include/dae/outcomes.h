// What became of each iterated sample — Bahdanau & Jaeger 2014, §6.1, in the paper's words:
//   converged      "becomes a smoothed but very easy to recognize typical representative of its
//                  class": the judge reads the input's own label
//   other class    "leaves its original class and ends as a very clear sample of some other
//                  class": the judge reads another label, confidently
//   stain          "converges to a something unrecognizable but consisting mostly of black and
//                  white pixels": settled, not an explosion, and the judge is unsure
//   explosion      "a gray stain with no white pixels" (all explosions of one DAE coincide)
//   not converged  still moving when the iteration stopped; cycle: a period-2 oscillation
//
// The judge is a classifier much stronger than the linear one of Table 1 (judge.h), so that
// "other class" means the digit really changed. Two definitions of an explosion, both counted:
//   paper   no white pixel: the brightest pixel ≤ 0.95 (the paper's "white" is > 0.95)
//   daelab  the brightest pixel < 0.35 (a faint but readable digit is not an explosion)
#pragma once

#include "dae/dynamics.h"

#include <array>
#include <optional>
#include <string>

namespace dae {

enum class Outcome : std::uint8_t { Converged, OtherClass, Stain, Explosion, NotConverged, Cycle };
constexpr int kOutcomeCount = 6;
const char* outcome_name(Outcome o);
// The outcome's name in metric names (RunResult, results.csv): "other_class" for "other-class".
std::string outcome_metric_name(Outcome o);
// One sentence for people: the paper's words and the threshold in use.
std::string outcome_meaning(Outcome o, double explosion_max, double stain_confidence);

enum class OutcomeDefinition { Paper, Daelab };
const char* outcome_definition_name(OutcomeDefinition d);  // "paper", "daelab"
std::optional<OutcomeDefinition> outcome_definition_from_name(const std::string& name);

struct OutcomeThresholds {
    double explosion_max = 0.35;                       // explosion: the brightest pixel is below this
    double stain_confidence = 0.6;                     // stain: the judge's top probability is below this
    double coincide_distance = 1e-2;                   // explosions closer than this (L2) coincide
    static OutcomeThresholds of(OutcomeDefinition d);  // paper: explosion_max = 0.95 (+ε: "≤ 0.95")
    bool validate(std::string* why) const;
};

struct SampleOutcome {
    Outcome outcome = Outcome::NotConverged;
    int predicted = -1;       // the judge's label for the end point
    float confidence = 0;     // its top probability
    float max_intensity = 0;  // brightest pixel of the end point
};

struct OutcomeSummary {
    std::array<Index, kOutcomeCount> counts{};
    Index explosions = 0;  // settled end points with no bright pixel: the outcome "explosion"
    // End points with no bright pixel, settled or not. The paper does not say whether its EX counts
    // samples still moving at the stop step; it speaks of "the fully converged explosions" as a
    // subset, so it may have counted these too: `explosions` is then a lower bound of its EX.
    Index explosions_any = 0;
    bool explosions_coincide = false;  // all explosions within coincide_distance of each other
    double explosion_spread = 0;       // largest pairwise distance between explosions
    Index total() const;
    Index count(Outcome o) const { return counts[static_cast<std::size_t>(o)]; }
};

// `judge_probabilities` is classes × N: the judge's reading of each end point (fixed_points).
std::vector<SampleOutcome> classify_outcomes(const IterationResult& iteration, const std::vector<int>& labels,
                                             const Matrix& judge_probabilities, const OutcomeThresholds& t);
OutcomeSummary summarize_outcomes(const IterationResult& iteration, const std::vector<SampleOutcome>& outcomes,
                                  const OutcomeThresholds& t);

// Contact sheets (the paper's Fig. 4 and 6, the CLI's --sheet, the Dynamics tab's gallery): the
// first `max` samples with outcome `o`, drawn as pairs of rows, originals above their end points.
constexpr int kSheetPerRow = 10;
std::vector<Index> outcome_members(const std::vector<SampleOutcome>& outcomes, Outcome o, Index max);
// d × (2·rows·per_row) tiles: row 2r holds originals, row 2r+1 their end points; unused tiles are 0.
Matrix contact_sheet(const Matrix& originals, const Matrix& ends, const std::vector<Index>& members,
                     int per_row = kSheetPerRow);

}  // namespace dae
