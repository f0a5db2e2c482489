#include "main_window.h"

#include "sample_grid.h"

#include <QStatusBar>

namespace dae::ui {

MainWindow::MainWindow(Dataset data, QWidget* parent) : QMainWindow(parent), m_data(std::move(data)) {
    setWindowTitle(QStringLiteral("daelab"));
    m_samples = new SampleGrid(this);
    m_samples->setDataset(m_data);
    m_samples->setZoom(0);
    setCentralWidget(m_samples);
    statusBar()->showMessage(tr("Data set: %1, %2 samples").arg(QString::fromStdString(m_data.name)).arg(m_data.size()));
    resize(900, 700);
}

}  // namespace dae::ui
