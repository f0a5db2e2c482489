#include "dae/census_log.h"

#include <algorithm>
#include <sstream>

namespace dae {

CensusLog::CensusLog(std::string path, Dataset probe, Judge judge, CensusConfig config, bool resume)
    : m_log(std::move(path), census_csv_header(), resume), m_probe(std::move(probe)), m_judge(std::move(judge)),
      m_config(config) {}

CensusEpoch CensusLog::take(int epoch, const Autoencoder& model) const {
    CensusEpoch e;
    e.epoch = epoch;
    e.census = attractor_census(model, m_probe, m_judge, m_config);
    return e;
}

bool CensusLog::resume(int epoch, const Autoencoder& model) {
    const std::vector<CensusRow> rows = parse_census_csv(m_log.text(), m_log.path());
    // The rows of the epochs up to `epoch`, as the file has them (text, so nothing is reformatted).
    std::istringstream in(m_log.text());
    std::string line, kept;
    std::getline(in, line);
    kept = line + '\n';
    std::vector<CensusRow> at;
    m_next_id = 0;
    for (const CensusRow& r : rows) {
        do
            std::getline(in, line);
        while (line.empty());
        if (r.epoch > epoch) continue;
        kept += line + '\n';
        m_next_id = std::max(m_next_id, r.id + 1);
        if (r.epoch == epoch) at.push_back(r);
    }
    m_log = TextLog(m_log.path(), kept);
    m_last.reset();
    if (at.empty()) return m_next_id == 0;  // no census yet (e.g. added when extending a run): nothing to carry
    CensusEpoch e = take(epoch, model);
    const auto& a = e.census.attractors;
    const bool same =
        a.size() == at.size() && std::equal(a.begin(), a.end(), at.begin(), [](const auto& x, const auto& r) {
            return static_cast<Index>(x.basin.size()) == r.basin;
        });
    if (!same) return false;
    for (const CensusRow& r : at) {
        e.id.push_back(r.id);
        e.parent.push_back(r.parent);
    }
    m_last = std::move(e);
    return true;
}

const CensusEpoch& CensusLog::append(int epoch, const Autoencoder& model) {
    CensusEpoch e = take(epoch, model);
    link_next(m_last ? &*m_last : nullptr, e, m_next_id);
    m_log.append(census_csv_rows(e));
    m_last = std::move(e);
    return *m_last;
}

}  // namespace dae
