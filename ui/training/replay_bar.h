// The replay bar above the tabs: a slider over the run's epoch-end snapshots (the right end is
// "live"), and what the history costs against its memory budget.
#pragma once

#include "training/snapshot_ring.h"

#include <QWidget>

class QLabel;
class QSlider;

namespace dae::ui {

class ReplayBar : public QWidget {
    Q_OBJECT
public:
    explicit ReplayBar(SnapshotRing* ring, QWidget* parent = nullptr);
    void refresh();        // after the ring changed
    void show(int index);  // an entry, or −1: live
    int index() const { return m_index; }
    bool replaying() const { return m_index >= 0; }
    QString budgetText() const;

signals:
    void showModel(const dae::Autoencoder& model, int epoch);  // an earlier epoch's weights
    void goLive();

private:
    SnapshotRing* m_ring;
    int m_index = -1;
    QSlider* m_slider;
    QLabel *m_label, *m_budget;
};

}  // namespace dae::ui
