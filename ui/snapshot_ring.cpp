#include "snapshot_ring.h"

namespace dae::ui {

void SnapshotRing::push(int epoch, const Autoencoder& model) {
    if (!m_entries.empty() && m_entries.back().epoch >= epoch) return;  // one entry per epoch
    if (m_entries.size() == m_capacity) {
        std::vector<Entry> kept;  // keep entries 0, 2, 4, …: an even thinning of the history
        for (std::size_t i = 0; i < m_entries.size(); i += 2) kept.push_back(std::move(m_entries[i]));
        m_entries = std::move(kept);
    }
    m_entries.push_back({epoch, model});
}

}  // namespace dae::ui
