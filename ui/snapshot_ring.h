// A bounded history of epoch-end weight snapshots for replaying a run. When full, every other
// entry is dropped, so a long run keeps an evenly thinned history of fixed size, not just its end.
#pragma once

#include "dae/autoencoder.h"

#include <vector>

namespace dae::ui {

class SnapshotRing {
public:
    explicit SnapshotRing(std::size_t capacity = 64) : m_capacity(std::max<std::size_t>(capacity, 2)) {}
    struct Entry {
        int epoch;  // epochs finished when the weights were taken
        Autoencoder model;
    };
    void push(int epoch, const Autoencoder& model);
    void clear() { m_entries.clear(); }
    std::size_t size() const { return m_entries.size(); }
    const Entry& at(std::size_t i) const { return m_entries.at(i); }
    int lastEpoch() const { return m_entries.empty() ? -1 : m_entries.back().epoch; }

private:
    std::size_t m_capacity;
    std::vector<Entry> m_entries;
};

}  // namespace dae::ui
