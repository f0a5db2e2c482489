#include "training/replay_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

namespace dae::ui {

ReplayBar::ReplayBar(SnapshotRing* ring, QWidget* parent) : QWidget(parent), m_ring(ring) {
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, 0);
    m_slider->setToolTip(
        tr("Replay: show the filters, reconstructions and dynamics of an earlier epoch (right end: live)"));
    m_label = new QLabel(tr("live"), this);
    m_label->setMinimumWidth(110);
    m_budget = new QLabel(this);
    m_budget->setToolTip(
        tr("Epoch snapshots are kept within a memory budget; when it is full, every other one is dropped"));
    auto* bar = new QHBoxLayout(this);
    bar->setContentsMargins(6, 2, 6, 0);
    bar->addWidget(new QLabel(tr("Replay"), this));
    bar->addWidget(m_slider, 1);
    bar->addWidget(m_label);
    bar->addWidget(m_budget);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) { show(v >= m_slider->maximum() ? -1 : v); });
    refresh();
}

QString ReplayBar::budgetText() const {
    // The epochs it holds by number (a resumed run's history starts where it was resumed).
    if (m_ring->size() == 0) return {};
    const int first = m_ring->at(0).epoch, last = m_ring->lastEpoch();
    return (first == last ? tr("epoch %1").arg(first) : tr("epochs %1 – %2").arg(first).arg(last)) +
           tr(", %1 of %2 MB").arg(m_ring->bytes() / 1e6, 0, 'f', 0).arg(m_ring->budget() / 1e6, 0, 'f', 0);
}

void ReplayBar::refresh() {
    const QSignalBlocker b(m_slider);
    m_slider->setRange(0, static_cast<int>(m_ring->size()));  // the last position is "live"
    if (m_index >= static_cast<int>(m_ring->size())) m_index = -1;
    m_slider->setValue(m_index < 0 ? m_slider->maximum() : m_index);
    m_budget->setText(budgetText());
    if (m_index < 0) m_label->setText(tr("live"));
}

void ReplayBar::show(int index) {
    if (index >= static_cast<int>(m_ring->size())) index = -1;
    m_index = index;
    if (index < 0) {
        m_label->setText(tr("live"));
        emit goLive();
    } else {
        const auto& e = m_ring->at(static_cast<std::size_t>(index));
        m_label->setText(tr("epoch %1 (replay)").arg(e.epoch));
        emit showModel(e.model, e.epoch);
    }
    const int want = index < 0 ? m_slider->maximum() : index;
    if (m_slider->value() != want) {
        const QSignalBlocker b(m_slider);
        m_slider->setValue(want);
    }
}

}  // namespace dae::ui
