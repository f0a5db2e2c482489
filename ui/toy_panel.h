// The 2-D toy mode: pick spiral / circle / moons, train a small DAE on the same engine, and see
// its vector field r(x) − x, the basins of its attractors, and trajectories from clicked points.
#pragma once

#include "dynamics_worker.h"

#include <QWidget>

#include <mutex>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace dae::ui {

class VectorFieldView;

class ToyPanel : public QWidget {
    Q_OBJECT
public:
    explicit ToyPanel(QWidget* parent = nullptr);
    ~ToyPanel() override;
    void train();  // in the worker; toyTrained() follows
    VectorFieldView* view() const { return m_view; }
    TrainingConfig config() const;

    Q_INVOKABLE void drainEvents() { m_events.drain(); }

signals:
    void toyTrained();

private:
    QThread m_thread;
    DynamicsWorker* m_worker;
    Mailbox m_events{this, "drainEvents"};
    std::mutex m_joined;
    quint64 m_job = 0;
    QComboBox* m_set;
    QSpinBox* m_hidden;
    QDoubleSpinBox* m_sigma;
    QSpinBox* m_epochs;
    QPushButton* m_train;
    QLabel* m_status;
    VectorFieldView* m_view;
};

}  // namespace dae::ui
