// The attractor census over a training run, one epoch at a time (daelab-cli train --census): after
// every epoch the census of a fixed probe, linked to the epoch before (attractors followed by their
// basins, link_next), appended to a CSV — the headless form of the Attractors tab's "over
// training". A resumed run cuts the file to its checkpoint's epoch and takes that epoch's census
// again, so the attractors keep their ids and the file is the one an uninterrupted run writes.
#pragma once

#include "dae/attractors.h"
#include "dae/text_log.h"

#include <optional>
#include <string>

namespace dae {

class CensusLog {
public:
    CensusLog() = default;
    // Writes `path` at once (a fresh file; with `resume`, the file as it is until resume()).
    CensusLog(std::string path, Dataset probe, Judge judge, CensusConfig config, bool resume = false);

    bool is_open() const { return m_log.is_open(); }
    const std::string& text() const { return m_log.text(); }

    // Going on after `epoch` from `model` (the checkpoint's): keeps the rows of the epochs up to
    // it and retakes its census to carry the ids on. False when that census differs from the
    // file's rows for the epoch (e.g. another thread count moved a fixed point across the
    // distance): the rows are kept and the attractors from here on are numbered afresh.
    bool resume(int epoch, const Autoencoder& model);
    // The census of `model` after `epoch` (the spectral radii of its config.spectral_for largest
    // attractors included), linked to the last one, appended.
    const CensusEpoch& append(int epoch, const Autoencoder& model);

private:
    CensusEpoch take(int epoch, const Autoencoder& model) const;

    TextLog m_log;
    Dataset m_probe;
    Judge m_judge;
    CensusConfig m_config;
    std::optional<CensusEpoch> m_last;
    Index m_next_id = 0;
};

}  // namespace dae
