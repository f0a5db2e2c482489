// A bounded history of epoch-end weight snapshots for replaying a run. The bound is memory, not a
// count: a 784-500-784 model takes 3 MB, a 784-2000-784 one 12.6 MB, so a fixed count would cost
// anything from kilobytes to gigabytes. When the next snapshot would exceed the budget, every
// other entry is dropped, so a long run keeps an evenly thinned history, not just its end.
#pragma once

#include "dae/autoencoder.h"

#include <cstddef>
#include <utility>
#include <vector>

namespace dae::ui {

class SnapshotRing {
public:
    static constexpr std::size_t kDefaultBudget = std::size_t{256} << 20;  // 256 MiB
    explicit SnapshotRing(std::size_t budget_bytes = kDefaultBudget, std::size_t max_entries = 512)
        : m_budget(budget_bytes), m_max_entries(std::max<std::size_t>(max_entries, 2)) {}
    struct Entry {
        int epoch;  // epochs finished when the weights were taken
        Autoencoder model;
    };
    void push(int epoch, const Autoencoder& model);
    void clear() { m_entries.clear(); }
    std::size_t size() const { return m_entries.size(); }
    const Entry& at(std::size_t i) const { return m_entries.at(i); }
    // Every entry as (epoch, weights), oldest first: what the atlas and the census over training iterate.
    std::vector<std::pair<int, Autoencoder>> snapshots() const {
        std::vector<std::pair<int, Autoencoder>> out;
        for (const Entry& e : m_entries)
            out.emplace_back(e.epoch, e.model);
        return out;
    }
    int lastEpoch() const { return m_entries.empty() ? -1 : m_entries.back().epoch; }
    std::size_t budget() const { return m_budget; }
    void setBudget(std::size_t bytes);
    std::size_t bytes() const;  // held now
    // How many snapshots of this model fit the budget (at least 2).
    std::size_t capacityFor(const Autoencoder& model) const;
    static std::size_t bytesOf(const Autoencoder& model);

private:
    void thin();
    std::size_t m_budget, m_max_entries;
    std::vector<Entry> m_entries;
};

}  // namespace dae::ui
