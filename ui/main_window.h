#pragma once

#include "dae/dataset.h"

#include <QMainWindow>

namespace dae::ui {

class SampleGrid;

// The daelab window. Thin: it assembles panels and wires them; each panel owns its work.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Dataset data, QWidget* parent = nullptr);

    SampleGrid* sampleGrid() const { return m_samples; }
    const Dataset& dataset() const { return m_data; }

private:
    Dataset m_data;
    SampleGrid* m_samples = nullptr;
};

}  // namespace dae::ui
