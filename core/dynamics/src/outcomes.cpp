#include "dae/outcomes.h"

#include "dae/dataset.h"
#include "dae/error.h"

#include <cmath>
#include <sstream>

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

std::string outcome_metric_name(Outcome o) {
    std::string name = outcome_name(o);
    for (char& ch : name)
        if (ch == '-') ch = '_';
    return name;
}

std::string outcome_meaning(Outcome o, double explosion_max, double stain_confidence) {
    std::ostringstream s;
    s.precision(3);
    switch (o) {
    case Outcome::Converged:
        s << "settled on a \"typical representative of its class\": the judge reads the input's own label";
        break;
    case Outcome::OtherClass:
        s << "\"leaves its original class and ends as a very clear sample of some other class\": the judge reads "
             "another label with confidence ≥ "
          << stain_confidence;
        break;
    case Outcome::Stain:
        s << "\"something unrecognizable but consisting mostly of black and white pixels\": settled, has pixels "
             "above "
          << explosion_max << ", but the judge's confidence is below " << stain_confidence;
        break;
    case Outcome::Explosion:
        s << "\"a gray stain with no white pixels\": settled with no pixel above " << explosion_max;
        break;
    case Outcome::NotConverged: s << "still moving (step length ≥ ε) when the iteration stopped"; break;
    case Outcome::Cycle: s << "oscillates between two points (a period-2 cycle) instead of settling"; break;
    }
    return s.str();
}

const char* outcome_definition_name(OutcomeDefinition d) { return d == OutcomeDefinition::Paper ? "paper" : "daelab"; }

std::optional<OutcomeDefinition> outcome_definition_from_name(const std::string& name) {
    if (name == "paper") return OutcomeDefinition::Paper;
    if (name == "daelab") return OutcomeDefinition::Daelab;
    return std::nullopt;
}

OutcomeThresholds OutcomeThresholds::of(OutcomeDefinition d) {
    OutcomeThresholds t;
    t.explosion_max = d == OutcomeDefinition::Paper ? PixelStats::white_above : 0.35;
    return t;
}

bool OutcomeThresholds::validate(std::string* why) const {
    std::string e;
    if (!(std::isfinite(explosion_max) && explosion_max >= 0 && explosion_max <= 1))
        e = "the explosion threshold must be in [0, 1]";
    else if (!(stain_confidence >= 0 && stain_confidence <= 1))
        e = "the stain confidence must be in [0, 1]";
    else if (!(std::isfinite(coincide_distance) && coincide_distance > 0))
        e = "the coincidence distance must be positive";
    if (why) *why = e;
    return e.empty();
}

Index OutcomeSummary::total() const {
    Index n = 0;
    for (Index c : counts)
        n += c;
    return n;
}

std::vector<SampleOutcome> classify_outcomes(const IterationResult& it, const std::vector<int>& labels, const Matrix& p,
                                             const OutcomeThresholds& t) {
    const Index n = it.fixed_points.cols();
    if (static_cast<Index>(labels.size()) != n) throw Error("outcomes: one label per sample needed");
    if (p.cols() != n) throw Error("outcomes: one judgement per sample needed");
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
        else if (o.max_intensity <= t.explosion_max)
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
        if (outcomes[j].max_intensity <= t.explosion_max) ++s.explosions_any;
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

std::vector<Index> outcome_members(const std::vector<SampleOutcome>& outcomes, Outcome o, Index max) {
    std::vector<Index> members;
    for (std::size_t j = 0; j < outcomes.size() && static_cast<Index>(members.size()) < max; ++j)
        if (outcomes[j].outcome == o) members.push_back(static_cast<Index>(j));
    return members;
}

Matrix contact_sheet(const Matrix& originals, const Matrix& ends, const std::vector<Index>& members, int per_row) {
    if (per_row < 1) throw Error("contact sheet: at least one sample per row");
    const Index rows = (static_cast<Index>(members.size()) + per_row - 1) / per_row;
    Matrix tiles = Matrix::Zero(originals.rows(), 2 * rows * per_row);
    for (std::size_t i = 0; i < members.size(); ++i) {
        const Index r = static_cast<Index>(i) / per_row, c = static_cast<Index>(i) % per_row;
        tiles.col(2 * r * per_row + c) = originals.col(members[i]);
        tiles.col((2 * r + 1) * per_row + c) = ends.col(members[i]);
    }
    return tiles;
}

}  // namespace dae
