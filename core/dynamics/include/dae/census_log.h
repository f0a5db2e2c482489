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

    // Going on after `epoch` from `model`, the checkpoint's model at the end of that epoch: the
    // file's rows for the epoch must be that model's census (retaken), else an Error naming the
    // file and what differs, and the file stays as it is; then the rows of later epochs (written
    // after the checkpoint) go and the attractors keep their ids. A file without rows starts
    // afresh. With model == nullptr (a checkpoint taken mid-epoch, whose model is no epoch's
    // end) the rows up to the epoch are kept and the attractors from here on get new ids.
    void resume(int epoch, const Autoencoder* model);
    // The census of `model` after `epoch` (the spectral radii of its config.spectral_for largest
    // attractors included), linked to the last one, appended.
    const CensusEpoch& append(int epoch, const Autoencoder& model);

private:
    CensusEpoch take(int epoch, const Autoencoder& model, const CensusConfig& config) const;

    TextLog m_log;
    Dataset m_probe;
    Judge m_judge;
    CensusConfig m_config;
    std::optional<CensusEpoch> m_last;
    Index m_next_id = 0;
};

}  // namespace dae
