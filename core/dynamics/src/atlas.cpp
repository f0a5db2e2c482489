#include "dae/atlas.h"

#include "dae/error.h"
#include "dae/numbers.h"

#include <cmath>
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

std::vector<AtlasRow> parse_atlas_csv(const std::string& text, const std::string& name) {
    std::istringstream lines(text);
    std::string line;
    if (!std::getline(lines, line) || line + '\n' != atlas_csv_header())
        throw Error(name + ": not an outcome atlas (its first line is not the header " +
                    atlas_csv_header().substr(0, 40) + "…)");
    constexpr int kColumns = 1 + kOutcomeCount + 3;
    std::vector<AtlasRow> rows;
    for (int number = 2; std::getline(lines, line); ++number) {
        const std::string where = name + ": line " + std::to_string(number);
        std::istringstream fields(line);
        std::vector<long long> v;
        for (std::string field; std::getline(fields, field, ',');) {
            const double d = parse_number(field).value_or(-1);
            if (!(d >= 0) || d != std::floor(d) || d > 1e12)
                throw Error(where + ": '" + field.substr(0, 20) + "' is not a count");
            v.push_back(static_cast<long long>(d));
        }
        if (static_cast<int>(v.size()) != kColumns)
            throw Error(where + ": " + std::to_string(v.size()) + " fields, an atlas row has " +
                        std::to_string(kColumns));
        AtlasRow row;
        row.epoch = static_cast<int>(std::min<long long>(v[0], 1 << 30));
        for (int o = 0; o < kOutcomeCount; ++o)
            row.summary.counts[static_cast<std::size_t>(o)] = static_cast<Index>(v[static_cast<std::size_t>(1 + o)]);
        row.summary.explosions = row.summary.count(Outcome::Explosion);
        if (row.summary.total() != static_cast<Index>(v[1 + kOutcomeCount]))
            throw Error(where + ": its counts add up to " + std::to_string(row.summary.total()) +
                        ", not to its probe " + std::to_string(v[1 + kOutcomeCount]));
        if (v[2 + kOutcomeCount] > 1) throw Error(where + ": explosions_coincide is neither 0 nor 1");
        row.summary.explosions_coincide = v[2 + kOutcomeCount] == 1;
        row.steps_run = static_cast<int>(std::min<long long>(v[3 + kOutcomeCount], 1 << 30));
        rows.push_back(row);
    }
    return rows;
}

}  // namespace dae
