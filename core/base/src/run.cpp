#include "dae/run.h"

#include <algorithm>

namespace dae {

void ObserverSection::report(double fraction) {
    if (m_parent) m_parent->on_progress({m_stage, m_from + (m_to - m_from) * std::clamp(fraction, 0.0, 1.0)});
}

void ObserverSection::on_progress(const Progress& p) {
    if (!m_parent) return;
    const std::string stage = p.stage.empty() ? m_stage : (m_stage.empty() ? p.stage : m_stage + ": " + p.stage);
    m_parent->on_progress({stage, m_from + (m_to - m_from) * std::clamp(p.fraction, 0.0, 1.0)});
}

Verdict ObserverSection::on_batch(const BatchReport& r) {
    if (r.epochs > 0 && r.batches_per_epoch > 0)
        report((r.epoch + (r.batch + 1.0) / static_cast<double>(r.batches_per_epoch)) / r.epochs);
    if (!m_parent) return Verdict::Continue;
    return m_parent->on_batch(r);
}

Verdict ObserverSection::on_epoch(const EpochReport& e) { return m_parent ? m_parent->on_epoch(e) : Verdict::Continue; }

void ObserverSection::on_iteration(const IterationStep& s) {
    if (s.target > 0) report(static_cast<double>(s.converged) / static_cast<double>(s.target));
    if (m_parent) m_parent->on_iteration(s);
}

}  // namespace dae
