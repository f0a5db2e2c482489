// MainWindow's menus and everything that asks the person: files, data sets, the autosave, and
// the question before trained work is discarded.
#include "dae/default_data.h"
#include "dynamics/dynamics_panel.h"
#include "dynamics/iteration_settings.h"
#include "dynamics/judge_keeper.h"
#include "experiments/atlas_panel.h"
#include "guided_tour.h"
#include "main_window.h"
#include "render/file_output.h"
#include "training/reconstruction_panel.h"
#include "training/settings_panel.h"
#include "training/status_line.h"
#include "training/training_lab.h"
#include "widgets/filter_grid.h"
#include "widgets/loss_chart.h"
#include "workspaces.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QComboBox>
#include <QFileDialog>
#include <QMenuBar>
#include <QSettings>
#include <QTabWidget>
#include <QToolBar>

namespace dae::ui {

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open model…"), QKeySequence::Open, this,
                    &MainWindow::openModelDialog);
    file->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save model…"), QKeySequence::Save, this,
                    &MainWindow::saveModelDialog);
    file->addSeparator();
    file->addAction(tr("Export panels as &PNG…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::exportPng);
    file->addAction(tr("Export curves as &CSV…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this,
                    &MainWindow::exportCurves);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* run = menuBar()->addMenu(tr("&Training"));
    for (QAction* a : {m_start, m_pause, m_step, m_stop, m_reset})
        run->addAction(a);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    // The workspaces (Ctrl+1 … Ctrl+4), and the views of the current one by keyboard from anywhere.
    view->addActions(m_workspaces->actions()->actions());
    view->addSeparator();
    auto step_view = [this](int by) {
        if (QTabWidget* tabs = m_workspaces->views(m_workspaces->current()))
            tabs->setCurrentIndex((tabs->currentIndex() + by + tabs->count()) % tabs->count());
    };
    view->addAction(tr("&Next view"), QKeySequence(Qt::CTRL | Qt::Key_PageDown), this, [step_view] { step_view(1); });
    view->addAction(tr("&Previous view"), QKeySequence(Qt::CTRL | Qt::Key_PageUp), this,
                    [step_view] { step_view(-1); });
    view->addAction(tr("&Settings"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this, [this] {
        m_workspaces->show(Workspaces::Train);
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
    // Each step brings its part into view (its workspace) and outlines it.
    auto part = [this](QWidget* w) -> std::function<QWidget*()> {
        return [this, w]() -> QWidget* {
            m_workspaces->showPartOf(w);
            return w;
        };
    };
    std::vector<GuidedTour::Step> steps{
        {tr("Welcome to daelab"),
         tr("daelab trains a <b>denoising autoencoder</b> r(x) = g(W₂ f(W₁x̃ + b₁) + b₂) to undo noise on real "
            "handwritten digits (Vincent et al. 2008), then iterates it — x<sup>i</sup> = r(x<sup>i−1</sup>) — to see "
            "where each digit ends (Bahdanau &amp; Jaeger 2014).<br><br>Seven steps; Esc skips. "
            "<i>Help → Guided tour</i> shows them again."),
         nullptr},
        {tr("Four workspaces"),
         tr("<b>Train</b> a DAE, <b>Iterate</b> it on digits, <b>Explore</b> its chain, attractors and a 2-D "
            "playground, and compare runs in <b>Experiments</b> (Ctrl+1 … Ctrl+4). Training goes on whichever you "
            "look at."),
         [this]() -> QWidget* { return findChild<QToolBar*>(QStringLiteral("toolbar")); }},
        {tr("Settings"),
         tr("The model, the corruption q(x̃|x), walkback k and SGD; <i>Advanced settings</i> unfolds the rest. Hover a "
            "field for its symbol and the paper it comes from; a recipe sets a paper's set-up at once. A setting "
            "that makes no sense is named in red, and Start waits until it is fixed. Ctrl+, jumps here."),
         part(m_settings_panel)},
        {tr("Filters"),
         tr("Each tile is one hidden unit's incoming weights (a row of W₁) drawn as a 28×28 image. Watch them turn "
            "from noise into strokes and blobs as training goes on; hover a tile for its unit and norm."),
         part(m_filters)},
        {tr("Reconstructions and noise"),
         tr("Clean digits, the same digits corrupted, and the DAE's reconstructions r(x̃). The preview slider redraws "
            "them at once; <i>Use for training</i> carries the level over to training."),
         part(m_reconstructions)},
        {tr("Loss curves"),
         tr("The running minibatch loss and, per epoch, the training and validation loss and the clean "
            "reconstruction error. Markers show where a setting changed."),
         part(m_chart)},
        {tr("Press Start"),
         tr("<b>Start</b> (F5) trains on the digits in the background; the filters take shape within seconds. "
            "<b>Pause</b> (F6), <b>Step</b> one minibatch (F10) and <b>Stop</b> (Shift+F5) are in the toolbar and the "
            "Training menu. Then open <b>Iterate</b> (Ctrl+2) to follow a digit to where the trained DAE takes it."),
         [this]() -> QWidget* {
             m_workspaces->show(Workspaces::Train);
             return findChild<QToolBar*>(QStringLiteral("toolbar"))->widgetForAction(m_start);
         }},
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

void MainWindow::startAtlas(int probe) {
    if (!m_judges->ready() && m_judges->training()) {
        m_atlas->waitFor(tr("Waiting for the outcomes' judge (it is trained once per data set): the atlas starts "
                            "when it is ready."));
        return;
    }
    std::vector<std::pair<int, Autoencoder>> snapshots = m_lab->ring().snapshots();
    if (!m_judges->ready() && !snapshots.empty()) {
        m_atlas->stopped(m_judges->missing());
        return;
    }
    m_atlas->start(std::move(snapshots), m_lab->sharedPartition()->test.head(probe), m_judges->judge(),
                   m_dynamics->settings()->config());
}

bool MainWindow::showNamed(const QString& name) {
    if (m_workspaces->showNamed(name)) return true;
    for (int i = 0; i < m_curves->count(); ++i)
        if (m_curves->tabText(i).compare(name, Qt::CaseInsensitive) == 0) {
            m_workspaces->show(Workspaces::Train);
            m_curves->setCurrentIndex(i);
            return true;
        }
    return false;
}

QStringList MainWindow::viewNames() const {
    QStringList names = m_workspaces->names();
    for (int i = 0; i < m_curves->count(); ++i)
        names << m_curves->tabText(i);
    return names;
}

}  // namespace dae::ui
