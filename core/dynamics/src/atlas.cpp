#include "dae/atlas.h"

#include <sstream>

namespace dae {

AtlasRow probe_outcomes(const Autoencoder& model, int epoch, const Dataset& probe, const Judge& judge,
                        const IterationConfig& config, const OutcomeThresholds& thresholds, RunObserver* observer) {
    const IterationResult r = iterate(model, probe.samples, config, observer);
    AtlasRow row;
    row.epoch = epoch;
    row.steps_run = r.steps_run;
    row.summary = summarize_outcomes(
        r, classify_outcomes(r, probe.labels, judge.probabilities(r.fixed_points), thresholds), thresholds);
    return row;
}

std::string atlas_csv_header() {
    std::string h = "epoch";
    for (int o = 0; o < kOutcomeCount; ++o)
        h += std::string(",") + outcome_name(Outcome(o));
    return h + ",probe,explosions_coincide,steps\n";
}

std::string atlas_csv_row(const AtlasRow& row) {
    std::ostringstream s;
    s << row.epoch;
    for (Index c : row.summary.counts)
        s << ',' << c;
    s << ',' << row.summary.total() << ',' << (row.summary.explosions_coincide ? 1 : 0) << ',' << row.steps_run << '\n';
    return s.str();
}

}  // namespace dae
