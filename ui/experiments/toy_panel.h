// The 2-D toy mode: pick spiral / circle / moons, train a small DAE on the same engine, and see
// its vector field r(x) − x, the basins of its attractors, and trajectories from clicked points.
#pragma once

#include "dae/training.h"
#include "workers/worker_thread.h"

#include <QWidget>

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
    void train();  // in the panel's worker thread; toyTrained() follows
    VectorFieldView* view() const { return m_view; }
    TrainingConfig config() const;

signals:
    void toyTrained();

private:
    QComboBox* m_set;
    QSpinBox* m_hidden;
    QDoubleSpinBox* m_sigma;
    QSpinBox* m_epochs;
    QPushButton* m_train;
    QLabel* m_status;
    VectorFieldView* m_view;
    WorkerThread m_worker{QStringLiteral("daelab toy")};  // last: joined first
};

}  // namespace dae::ui
