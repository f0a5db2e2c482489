// MainWindow's menus and everything that asks the person: files, data sets, the autosave, and
// the question before trained work is discarded.
#include "dae/default_data.h"
#include "main_window.h"
#include "training/reconstruction_panel.h"
#include "training/status_line.h"
#include "training/training_lab.h"
#include "widgets/file_output.h"
#include "widgets/filter_grid.h"
#include "widgets/loss_chart.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QSettings>

namespace dae::ui {

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open model…"), QKeySequence::Open, this, &MainWindow::openModelDialog);
    file->addAction(tr("&Save model…"), QKeySequence::Save, this, &MainWindow::saveModelDialog);
    file->addSeparator();
    file->addAction(tr("Export panels as &PNG…"), this, &MainWindow::exportPng);
    file->addAction(tr("Export curves as &CSV…"), this, &MainWindow::exportCurves);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* run = menuBar()->addMenu(tr("&Training"));
    for (QAction* a : {m_start, m_pause, m_step, m_stop, m_reset})
        run->addAction(a);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* d : findChildren<QDockWidget*>())
        view->addAction(d->toggleViewAction());
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About daelab"), this, [this] {
        QMessageBox::about(
            this, tr("About daelab"),
            tr("<b>daelab %1</b><br>A laboratory for denoising autoencoders: train a DAE on real digits, "
               "watch its filters emerge, then iterate it — x<sup>i</sup> = r(x<sup>i−1</sup>) — and see where "
               "each digit ends (Bahdanau &amp; Jaeger 2014; Vincent et al. 2008).")
                .arg(QString::fromLatin1(daelab_version())));
    });
}

bool MainWindow::confirmDiscard(const QString& what) {
    const QString question = tr("%1 discards the model trained so far (%2 samples, not saved).")
                                 .arg(what)
                                 .arg(session()->latest().samples_seen);
    QMessageBox::StandardButton answer;
    if (m_ask) {
        answer = m_ask(question);
    } else {
        answer =
            QMessageBox::question(this, tr("daelab"), question + tr("\nSave it first?"),
                                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    }
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) {
        saveModelDialog();
        return !m_lab->hasUnsavedWork();  // the dialog may have been cancelled
    }
    return true;
}

void MainWindow::setDataset(const std::string& id) {
    DataSource source = load_data_source(id);  // throws: the current set stays
    m_lab->setData(id, std::move(source));
}

void MainWindow::chooseDataset(int index) {
    QString id = m_dataset_combo->itemData(index).toString();
    if (id.isEmpty()) {
        const QString images = QFileDialog::getOpenFileName(this, tr("IDX images (idx3, plain or .gz)"));
        if (images.isEmpty()) return;
        const QString labels = QFileDialog::getOpenFileName(this, tr("IDX labels (idx1, plain or .gz)"));
        if (labels.isEmpty()) return;
        id = images + ',' + labels;
    }
    if (m_lab->hasUnsavedWork() && !confirmDiscard(tr("Changing the data set"))) {
        m_dataset_combo->setCurrentIndex(m_dataset_combo->findData(QString::fromStdString(m_lab->datasetId())));
        return;
    }
    try {
        setDataset(id.toStdString());
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("daelab"), QString::fromStdString(e.what()));
        m_dataset_combo->setCurrentIndex(m_dataset_combo->findData(QString::fromStdString(m_lab->datasetId())));
    }
}

bool MainWindow::saveModelFile(const QString& path, QString* error) { return m_lab->saveModel(path, error); }

bool MainWindow::loadModelFile(const QString& path, QString* error) { return m_lab->loadModel(path, error); }

void MainWindow::saveModelDialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save model"), QStringLiteral("model.dae"),
                                                      tr("daelab model (*.dae);;NumPy weights (*.npz)"));
    QString error;
    if (path.isEmpty()) return;
    if (saveModelFile(path, &error))
        m_status->showMessage(tr("Model saved to %1").arg(path));
    else
        QMessageBox::warning(this, tr("daelab"), error);
}

void MainWindow::openModelDialog() {
    if (m_lab->hasUnsavedWork() && !confirmDiscard(tr("Opening another model"))) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open model"), QString(), tr("Models (*.dae *.npz)"));
    QString error;
    if (!path.isEmpty() && !loadModelFile(path, &error)) QMessageBox::warning(this, tr("daelab"), error);
}

bool MainWindow::exportPngs(const QString& dir, QString* error) {
    return save_image(m_filters->image(), dir + "/filters.png", error) &&
           save_image(m_reconstructions->image(), dir + "/reconstructions.png", error) &&
           save_image(m_chart->grabImage(), dir + "/curves.png", error);
}

void MainWindow::exportPng() {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Folder for filters.png, reconstructions.png, curves.png"));
    if (dir.isEmpty()) return;
    QString error;
    if (exportPngs(dir, &error))
        m_status->showMessage(tr("Saved PNGs in %1").arg(dir));
    else
        QMessageBox::warning(this, tr("daelab"), error);
}

void MainWindow::exportCurves() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save curves"), QStringLiteral("curves.csv"), tr("CSV (*.csv)"));
    QString error;
    if (!path.isEmpty() && !m_chart->writeCsv(path, &error)) QMessageBox::warning(this, tr("daelab"), error);
}

void MainWindow::offerResume() {
    QString error;
    const QString when = m_lab->pendingAutosave(&error);
    if (!error.isEmpty()) m_status->showMessage(error, 15000);
    if (when.isEmpty()) return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("daelab"),
                                tr("A training run on %1 was interrupted at %2. Resume it?")
                                    .arg(QString::fromStdString(m_lab->datasetId()), when),
                                QMessageBox::Yes | QMessageBox::Discard, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this](int result) {
        QString why;
        if (result == QMessageBox::Yes) {
            if (!resumeAutosave(&why)) QMessageBox::warning(this, tr("daelab"), why);
        } else {
            m_lab->discardAutosave();
        }
    });
    box->open();
}

bool MainWindow::resumeAutosave(QString* error) { return m_lab->resumeAutosave(error); }

bool MainWindow::saveSettings(QString* error) {
    m_store->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_store->setValue(QStringLiteral("window/state"), saveState());
    return m_lab->saveSettings(error);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    const WorkerState s = session()->state();
    if ((s == WorkerState::Running || s == WorkerState::Paused) && m_lab->hasUnsavedWork() &&
        !confirmDiscard(tr("Closing daelab"))) {
        event->ignore();
        return;
    }
    QString error;
    if (!saveSettings(&error)) {
        const QString question = error + tr("\nClose anyway? The settings of this session are then lost.");
        const auto answer = m_ask
                                ? m_ask(question)
                                : QMessageBox::warning(this, tr("daelab"), question,
                                                       QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
    }
    session()->stop();
    event->accept();
}

}  // namespace dae::ui
