#include "dae/outcomes.h"

#include "dae/error.h"

namespace dae {

const char* outcome_name(Outcome o) {
    switch (o) {
    case Outcome::Converged: return "converged";
    case Outcome::OtherClass: return "other-class";
    case Outcome::Stain: return "stain";
    case Outcome::Explosion: return "explosion";
    case Outcome::NotConverged: return "not-converged";
    case Outcome::Cycle: return "cycle";
    }
    return "?";
}

Index OutcomeSummary::total() const {
    Index n = 0;
    for (Index c : counts) n += c;
    return n;
}

std::vector<SampleOutcome> classify_outcomes(const IterationResult& it, const std::vector<int>& labels,
                                             const SoftmaxClassifier& reference, const OutcomeThresholds& t) {
    const Index n = it.fixed_points.cols();
    if (static_cast<Index>(labels.size()) != n) throw Error("outcomes: one label per sample needed");
    const Matrix p = reference.probabilities(it.fixed_points);
    std::vector<SampleOutcome> out(static_cast<std::size_t>(n));
    for (Index j = 0; j < n; ++j) {
        SampleOutcome& o = out[static_cast<std::size_t>(j)];
        Index best = 0;
        o.confidence = p.col(j).maxCoeff(&best);
        o.predicted = static_cast<int>(best);
        o.max_intensity = it.fixed_points.col(j).maxCoeff();
        const Ending e = it.ending[static_cast<std::size_t>(j)];
        if (e == Ending::Cycle)
            o.outcome = Outcome::Cycle;
        else if (e == Ending::NotConverged)
            o.outcome = Outcome::NotConverged;
        else if (o.max_intensity < t.explosion_max)
            o.outcome = Outcome::Explosion;
        else if (o.confidence < t.stain_confidence)
            o.outcome = Outcome::Stain;
        else if (o.predicted != labels[static_cast<std::size_t>(j)])
            o.outcome = Outcome::OtherClass;
        else
            o.outcome = Outcome::Converged;
    }
    return out;
}

OutcomeSummary summarize_outcomes(const IterationResult& it, const std::vector<SampleOutcome>& outcomes,
                                  const OutcomeThresholds& t) {
    OutcomeSummary s;
    std::vector<Index> explosions;
    for (std::size_t j = 0; j < outcomes.size(); ++j) {
        ++s.counts[static_cast<std::size_t>(outcomes[j].outcome)];
        if (outcomes[j].outcome == Outcome::Explosion) explosions.push_back(static_cast<Index>(j));
    }
    s.explosions = static_cast<Index>(explosions.size());
    // The paper's "remarkable fact": all explosions of one DAE are the same point. The spread is
    // the set's diameter, exact up to 300 explosions; beyond, 2·max‖xₐ − x₀‖ (an upper bound by the
    // triangle inequality), so "coincide" is never claimed wrongly.
    double spread = 0;
    const auto col = [&](std::size_t a) { return it.fixed_points.col(explosions[a]); };
    if (explosions.size() <= 300) {
        for (std::size_t a = 0; a < explosions.size(); ++a)
            for (std::size_t b = a + 1; b < explosions.size(); ++b)
                spread = std::max(spread, static_cast<double>((col(a) - col(b)).norm()));
    } else {
        for (std::size_t a = 1; a < explosions.size(); ++a)
            spread = std::max(spread, 2.0 * static_cast<double>((col(a) - col(0)).norm()));
    }
    s.explosion_spread = spread;
    s.explosions_coincide = explosions.size() >= 2 && spread < t.coincide_distance;
    return s;
}

}  // namespace dae
