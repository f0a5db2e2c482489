// What became of each iterated sample (Bahdanau & Jaeger 2014, §6.1), with every threshold here:
//   not converged / cycle  the iteration did not settle (see dynamics.h)
//   explosion              settled on a point with no high-intensity pixel: max < explosion_max
//                          (the paper's explosions are gray stains, max ≈ 0.149)
//   stain                  settled, has bright pixels, but the reference classifier is unsure:
//                          confidence < stain_confidence
//   other class            recognisable (confidence ≥ stain_confidence), not the input's label
//   converged              recognisable, the input's own label
#pragma once

#include "dae/classifier.h"
#include "dae/dynamics.h"

#include <array>
#include <string>

namespace dae {

enum class Outcome : std::uint8_t { Converged, OtherClass, Stain, Explosion, NotConverged, Cycle };
constexpr int kOutcomeCount = 6;
const char* outcome_name(Outcome o);

struct OutcomeThresholds {
    double explosion_max = 0.35;     // a fixed point whose brightest pixel is below this is an explosion
    double stain_confidence = 0.6;   // the classifier's top probability below this: unrecognisable
    double coincide_distance = 1e-2; // explosions closer than this (L2) coincide
};

struct SampleOutcome {
    Outcome outcome = Outcome::NotConverged;
    int predicted = -1;       // the reference classifier's label for the fixed point
    float confidence = 0;     // its top probability
    float max_intensity = 0;  // brightest pixel of the fixed point
};

struct OutcomeSummary {
    std::array<Index, kOutcomeCount> counts{};
    Index explosions = 0;
    bool explosions_coincide = false;  // all explosions within coincide_distance of each other
    double explosion_spread = 0;       // largest pairwise distance between explosions
    Index total() const;
};

std::vector<SampleOutcome> classify_outcomes(const IterationResult& iteration, const std::vector<int>& labels,
                                             const SoftmaxClassifier& reference, const OutcomeThresholds& t = {});
OutcomeSummary summarize_outcomes(const IterationResult& iteration, const std::vector<SampleOutcome>& outcomes,
                                  const OutcomeThresholds& t = {});

}  // namespace dae
