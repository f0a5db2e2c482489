#include "dae/census_log.h"

#include "dae/error.h"

#include <algorithm>
#include <sstream>

namespace dae {

CensusLog::CensusLog(std::string path, Dataset probe, Judge judge, CensusConfig config, bool resume)
    : m_log(std::move(path), census_csv_header(), resume), m_probe(std::move(probe)), m_judge(std::move(judge)),
      m_config(config) {}

CensusEpoch CensusLog::take(int epoch, const Autoencoder& model, const CensusConfig& config) const {
    CensusEpoch e;
    e.epoch = epoch;
    e.census = attractor_census(model, m_probe, m_judge, config);
    return e;
}

void CensusLog::resume(int epoch, const Autoencoder* model) {
    const std::vector<CensusRow> rows = parse_census_csv(m_log.text(), m_log.path());
    // The rows of the epochs up to `epoch`, as the file has them (text, so nothing is reformatted).
    std::istringstream in(m_log.text());
    std::string line, kept;
    std::getline(in, line);
    kept = line + '\n';
    std::vector<CensusRow> at;
    Index next_id = 0;
    for (const CensusRow& r : rows) {
        do
            std::getline(in, line);
        while (line.empty());
        if (r.epoch > epoch) continue;
        kept += line + '\n';
        next_id = std::max(next_id, r.id + 1);
        if (r.epoch == epoch) at.push_back(r);
    }
    std::optional<CensusEpoch> last;
    if (model && !rows.empty()) {
        const std::string where = m_log.path() + ": ";
        if (at.empty())
            throw Error(where + "no census rows for epoch " + std::to_string(epoch) +
                        ", the checkpoint's: the file of another run? (give a new --census file)");
        CensusConfig quick = m_config;
        quick.spectral_for = 0;  // the radii are not compared
        CensusEpoch e = take(epoch, *model, quick);
        const auto& a = e.census.attractors;
        if (a.size() != at.size())
            throw Error(where + "epoch " + std::to_string(epoch) + " has " + std::to_string(at.size()) +
                        " attractors, the checkpoint's model " + std::to_string(a.size()) +
                        " on this probe: the file of another run or probe? (give a new --census file)");
        for (std::size_t i = 0; i < a.size(); ++i)
            if (static_cast<Index>(a[i].basin.size()) != at[i].basin || a[i].judged != at[i].judged ||
                a[i].majority_label() != at[i].majority || a[i].explosion != at[i].explosion)
                throw Error(where + "attractor " + std::to_string(at[i].id) + " of epoch " + std::to_string(epoch) +
                            " is not the checkpoint's model's (basin " + std::to_string(at[i].basin) + " vs " +
                            std::to_string(a[i].basin.size()) +
                            "): the file of another run or probe? (give a new --census file)");
        for (const CensusRow& r : at) {
            e.id.push_back(r.id);
            e.parent.push_back(r.parent);
        }
        last = std::move(e);
    }
    m_log = TextLog(m_log.path(), kept);  // only now, when nothing can fail any more
    m_last = std::move(last);
    m_next_id = next_id;
}

const CensusEpoch& CensusLog::append(int epoch, const Autoencoder& model) {
    CensusEpoch e = take(epoch, model, m_config);
    link_next(m_last ? &*m_last : nullptr, e, m_next_id);
    m_log.append(census_csv_rows(e));
    m_last = std::move(e);
    return *m_last;
}

}  // namespace dae
