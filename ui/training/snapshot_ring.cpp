#include "training/snapshot_ring.h"

namespace dae::ui {

std::size_t SnapshotRing::bytesOf(const Autoencoder& m) {
    return static_cast<std::size_t>(m.w1.size() + m.w2.size() + m.b1.size() + m.b2.size()) * sizeof(Scalar);
}

std::size_t SnapshotRing::bytes() const {
    std::size_t n = 0;
    for (const Entry& e : m_entries)
        n += bytesOf(e.model);
    return n;
}

std::size_t SnapshotRing::capacityFor(const Autoencoder& model) const {
    const std::size_t each = std::max<std::size_t>(1, bytesOf(model));
    return std::clamp<std::size_t>(m_budget / each, 2, m_max_entries);
}

void SnapshotRing::thin() {
    std::vector<Entry> kept;  // keep entries 0, 2, 4, …: an even thinning of the history
    for (std::size_t i = 0; i < m_entries.size(); i += 2)
        kept.push_back(std::move(m_entries[i]));
    m_entries = std::move(kept);
}

void SnapshotRing::setBudget(std::size_t bytes) {
    m_budget = bytes;
    while (!m_entries.empty() && m_entries.size() > capacityFor(m_entries.back().model))
        thin();
}

void SnapshotRing::push(int epoch, const Autoencoder& model) {
    if (!m_entries.empty() && m_entries.back().epoch >= epoch) return;  // one entry per epoch
    if (m_entries.size() >= capacityFor(model)) thin();
    m_entries.push_back({epoch, model});
}

}  // namespace dae::ui
