// Which samples the paper's figures show (Bahdanau & Jaeger 2014), chosen the way its captions say:
//
//   Fig. 4  "The other 5 samples were chosen randomly with the constraints that Euclidean distance
//           between the sample and the resulting fixed point must be at least 5 for the three
//           considered models and that they all must represent different classes."
//   Fig. 6  "The top row are the original samples chosen randomly with two requirements: a) their
//           transformed versions are correctly classified b) the Euclidean distance is at least 5
//           between the original and the transformed sample. … The fourth row are randomly chosen
//           misclassified transformed samples and the third row are the respective originals."
//   Fig. 7  the convergence of the Fig. 6 samples: step lengths ‖xⁱ⁻¹ − xⁱ‖₂ (first 20, first 100)
//           and the distance to the 500th step.
//
// The paper's Fig. 4 shows the "8" of its Fig. 3 and 5 such digits; we have no Fig. 3, so all of
// ours are chosen by the rule. "Correctly classified" is the paper's §5.5 classifier: logistic regression trained on
// the transformed training set (DynamicsEvaluation::predicted_test). Random means seeded here, so a figure is drawn
// again the same.
#pragma once

#include "dae/eigen_types.h"

#include <cstdint>
#include <vector>

namespace dae {

inline constexpr double kFigureMinDistance = 5.0;  // both captions' "at least 5"

struct Fig6Choice {
    std::vector<Index> correct;        // classified right, ‖x − x*‖ ≥ min_distance
    std::vector<Index> misclassified;  // classified wrong (no distance requirement)
};

// Up to `count` of each kind, in random order (fewer when fewer qualify). dae::Error when the
// sizes disagree.
Fig6Choice choose_fig6(const Matrix& originals, const Matrix& fixed_points, const std::vector<int>& labels,
                       const std::vector<int>& predicted, int count, double min_distance, std::uint64_t seed);

// Up to `count` samples of pairwise different classes, each at least `min_distance` from its fixed
// point under every model (fixed_points[m] is model m's end points of the same originals).
std::vector<Index> choose_fig4(const Matrix& originals, const std::vector<Matrix>& fixed_points,
                               const std::vector<int>& labels, int count, double min_distance, std::uint64_t seed);

}  // namespace dae
