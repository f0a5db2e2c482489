// MainWindow's menus and everything that asks the person: files, data sets, the autosave, and
// the question before trained work is discarded.
#include "dae/default_data.h"
#include "dynamics/dynamics_panel.h"
#include "guided_tour.h"
#include "main_window.h"
#include "training/reconstruction_panel.h"
#include "training/settings_panel.h"
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
#include <QTabWidget>
#include <QToolBar>

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
    // The tabs by keyboard from anywhere in the window: Alt+1 … Alt+9, and the next/previous one.
    view->addSeparator();
    view->addAction(tr("&Next tab"), QKeySequence(Qt::CTRL | Qt::Key_PageDown), this,
                    [this] { m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count()); });
    view->addAction(tr("&Previous tab"), QKeySequence(Qt::CTRL | Qt::Key_PageUp), this, [this] {
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
    });
    QMenu* go = view->addMenu(tr("&Go to tab"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction* a = go->addAction(m_tabs->tabText(i), this, [this, i] {
            m_tabs->setCurrentIndex(i);
            m_tabs->currentWidget()->setFocus();
        });
        if (i < 9) a->setShortcut(QKeySequence(Qt::ALT | (Qt::Key_1 + i)));
        m_tabs->setTabToolTip(i, i < 9 ? tr("%1 (Alt+%2)").arg(m_tabs->tabText(i)).arg(i + 1) : m_tabs->tabText(i));
    }
    view->addAction(tr("&Settings"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this, [this] {
        auto* dock = findChild<QDockWidget*>(QStringLiteral("settings"));
        dock->show();
        dock->raise();
        m_settings_panel->focusFirstField();
    });
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Guided &tour"), this, [this] { tour()->start(); });
    help->addAction(tr("&About daelab"), this, [this] {
        QMessageBox::about(
            this, tr("About daelab"),
            tr("<b>daelab %1</b><br>A laboratory for denoising autoencoders: train a DAE on real digits, "
               "watch its filters emerge, then iterate it — x<sup>i</sup> = r(x<sup>i−1</sup>) — and see where "
               "each digit ends (Bahdanau &amp; Jaeger 2014; Vincent et al. 2008).")
                .arg(QString::fromLatin1(daelab_version())));
    });
}

GuidedTour* MainWindow::tour() {
    if (m_tour) return m_tour;
    auto dock = [this](const char* name) -> std::function<QWidget*()> {
        return [this, name]() -> QWidget* {
            auto* d = findChild<QDockWidget*>(QLatin1String(name));
            d->show();
            d->raise();
            return d;
        };
    };
    auto tab = [this](QWidget* page) -> std::function<QWidget*()> {
        return [this, page]() -> QWidget* {
            for (int i = 0; i < m_tabs->count(); ++i)
                if (m_tabs->widget(i)->isAncestorOf(page)) m_tabs->setCurrentIndex(i);
            return m_tabs;
        };
    };
    std::vector<GuidedTour::Step> steps{
        {tr("Welcome to daelab"),
         tr("daelab trains a <b>denoising autoencoder</b> r(x) = g(W₂ f(W₁x̃ + b₁) + b₂) to undo noise on real "
            "handwritten digits (Vincent et al. 2008), then iterates it — x<sup>i</sup> = r(x<sup>i−1</sup>) — to see "
            "where each digit ends (Bahdanau &amp; Jaeger 2014).<br><br>Seven steps; Esc skips. "
            "<i>Help → Guided tour</i> shows them again."),
         nullptr},
        {tr("Settings"),
         tr("The model, the corruption q(x̃|x), the loss, walkback k and SGD. Hover a field for its symbol and the "
            "paper it comes from; a recipe sets a paper's set-up at once. A setting that makes no sense is named "
            "in red, and Start waits until it is fixed. Ctrl+, jumps here."),
         dock("settings")},
        {tr("Train"),
         tr("<b>Start</b> (F5) trains in a worker thread while the window stays responsive; <b>Pause</b> (F6), "
            "<b>Step</b> one minibatch (F10), <b>Stop</b> (Shift+F5). The data set chooser opens the full MNIST, "
            "the 10,000 embedded digits, Fashion-MNIST or any IDX files."),
         [this]() -> QWidget* { return findChild<QToolBar*>(QStringLiteral("toolbar")); }},
        {tr("Filters"),
         tr("Each tile is one hidden unit's incoming weights (a row of W₁) drawn as a 28×28 image. Watch them turn "
            "from noise into strokes and blobs as training goes on; hover a tile for its unit and norm."),
         tab(m_filters)},
        {tr("Reconstructions and noise"),
         tr("Clean digits, the same digits corrupted, and the DAE's reconstructions r(x̃). The noise slider redraws "
            "them at once; <i>Use for training</i> carries the level over to training."),
         dock("reconstructions")},
        {tr("Loss curves"),
         tr("The running minibatch loss and, per epoch, the training and validation loss and the clean "
            "reconstruction error. Markers show where a setting changed."),
         dock("loss")},
        {tr("Dynamics"),
         tr("Iterate the trained DAE on a held-out digit or one you draw and step through the trajectory: it settles "
            "into its own class, drifts to another, or ends as a <i>stain</i> or an <i>explosion</i>. <i>Iterate "
            "all</i> "
            "counts the outcomes over the whole set. The other tabs go beyond the papers: the generative chain, "
            "attractors, phase diagram, outcome atlas, noise sweep and stacked DAEs (Alt+1 … Alt+9)."),
         tab(m_dynamics)},
    };
    m_tour = new GuidedTour(this, m_store, std::move(steps));
    return m_tour;
}

void MainWindow::startTourIfFirstTime() {
    if (!GuidedTour::seen(*m_store)) tour()->start();
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
