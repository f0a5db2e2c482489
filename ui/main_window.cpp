#include "main_window.h"

#include "dae/default_data.h"
#include "dynamics/chain_panel.h"
#include "dynamics/dynamics_panel.h"
#include "experiments/atlas_panel.h"
#include "experiments/attractor_panel.h"
#include "experiments/phase_panel.h"
#include "experiments/stacked_panel.h"
#include "experiments/sweep_panel.h"
#include "experiments/toy_panel.h"
#include "training/reconstruction_panel.h"
#include "training/replay_bar.h"
#include "training/settings_panel.h"
#include "training/status_line.h"
#include "training/training_lab.h"
#include "widgets/filter_grid.h"
#include "widgets/loss_chart.h"
#include "widgets/sample_grid.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace dae::ui {

MainWindow::MainWindow(const std::string& dataset_id, QSettings* settings, QWidget* parent)
    : QMainWindow(parent), m_store(settings) {
    if (!m_store) {
        m_store = new QSettings;
        m_own_store = true;
    }
    DataSource source = load_data_source(dataset_id);  // before anything is built: an error leaves nothing behind
    m_lab = new TrainingLab(m_store, this);
    setWindowTitle(QStringLiteral("daelab"));
    m_status = new StatusLine(statusBar());
    buildTabs();
    buildDocks();
    buildActions();
    buildMenus();
    wire();
    restoreGeometry(m_store->value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(m_store->value(QStringLiteral("window/state")).toByteArray());
    if (!m_store->contains(QStringLiteral("window/geometry"))) {
        // First start: a size from the screen, never larger than it.
        const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1280, 800);
        resize(std::min(1500, screen.width() * 9 / 10), std::min(950, screen.height() * 9 / 10));
        // The docks' first sizes, once the window has its own: the filters keep most of the room.
        const auto docks = findChildren<QDockWidget*>();
        auto by_name = [&](const char* name) {
            for (QDockWidget* d : docks)
                if (d->objectName() == QLatin1String(name)) return d;
            return static_cast<QDockWidget*>(nullptr);
        };
        resizeDocks({by_name("settings"), by_name("loss")}, {330, width() / 4}, Qt::Horizontal);
        resizeDocks({by_name("reconstructions")}, {std::max(150, height() / 5)}, Qt::Vertical);
    }
    m_lab->setData(dataset_id, std::move(source));
    if (const QStringList& skipped = m_lab->settingsProblems(); !skipped.isEmpty())
        m_status->showMessage(tr("Skipped %1 saved %2 of %3: %4")
                                  .arg(skipped.size())
                                  .arg(skipped.size() == 1 ? tr("setting") : tr("settings"), m_store->fileName(),
                                       skipped.join(QStringLiteral("; "))),
                              30000);
    QTimer::singleShot(0, this, &MainWindow::offerResume);
}

MainWindow::~MainWindow() {
    if (m_own_store) delete m_store;
}

TrainingSession* MainWindow::session() const { return m_lab->session(); }
SettingsModel* MainWindow::settingsModel() const { return m_lab->settings(); }
const SnapshotRing& MainWindow::replayRing() const { return m_lab->ring(); }
bool MainWindow::replaying() const { return m_replay->replaying(); }
void MainWindow::showReplay(int index) { m_replay->show(index); }
const Dataset& MainWindow::dataset() const { return m_lab->source().pool; }
QString MainWindow::autosavePath() const { return m_lab->autosavePath(); }
void MainWindow::setAutosaveInterval(int ms) { m_lab->setAutosaveInterval(ms); }
QString MainWindow::problemText() const { return m_problem->text(); }

namespace {
// Every page scrolls when the window is smaller than the page wants: no page may force the
// window's minimum size up (it must fit a 1280 × 800 screen).
QScrollArea* scrolled(QWidget* page, QWidget* parent) {
    auto* s = new QScrollArea(parent);
    s->setWidget(page);
    s->setWidgetResizable(true);
    s->setFrameShape(QFrame::NoFrame);
    return s;
}
}  // namespace

void MainWindow::buildTabs() {
    m_tabs = new QTabWidget(this);
    m_tabs->setUsesScrollButtons(true);
    m_filters = new FilterGrid(this);
    m_samples = new SampleGrid(this);
    m_dynamics = new DynamicsPanel(this);
    m_atlas = new AtlasPanel(this);
    m_sweep = new SweepPanel(this);
    m_stacked = new StackedPanel(this);
    m_toy = new ToyPanel(this);
    m_chain = new ChainPanel(this);
    m_attractors = new AttractorPanel(this);
    m_phase = new PhasePanel(this);
    m_tabs->addTab(scrolled(m_filters, this), tr("Filters"));
    m_tabs->addTab(scrolled(m_dynamics, this), tr("Dynamics"));
    m_tabs->addTab(scrolled(m_chain, this), tr("Generative chain"));
    m_tabs->addTab(scrolled(m_attractors, this), tr("Attractors"));
    m_tabs->addTab(scrolled(m_phase, this), tr("Phase diagram"));
    m_tabs->addTab(scrolled(m_atlas, this), tr("Outcome atlas"));
    m_tabs->addTab(scrolled(m_sweep, this), tr("Noise sweep"));
    m_tabs->addTab(scrolled(m_stacked, this), tr("Stacked DAEs"));
    m_tabs->addTab(scrolled(m_samples, this), tr("Data"));
    m_tabs->addTab(scrolled(m_toy, this), tr("2-D vector field"));
    m_replay = new ReplayBar(&m_lab->ring(), this);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_replay);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
}

void MainWindow::buildDocks() {
    m_settings_panel = new SettingsPanel(m_lab->settings(), this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_settings_panel);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(240);
    auto dock = [this](const QString& title, const char* name, QWidget* w, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(QString::fromLatin1(name));
        d->setWidget(w);
        addDockWidget(area, d);
        return d;
    };
    dock(tr("Settings"), "settings", scroll, Qt::LeftDockWidgetArea);
    m_reconstructions = new ReconstructionPanel(this);
    dock(tr("Reconstructions"), "reconstructions", scrolled(m_reconstructions, this), Qt::BottomDockWidgetArea);
    m_chart = new LossChart(this);
    dock(tr("Loss curves"), "loss", m_chart, Qt::RightDockWidgetArea);
}

void MainWindow::buildActions() {
    auto* bar = addToolBar(tr("Training"));
    bar->setObjectName(QStringLiteral("toolbar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addWidget(new QLabel(tr(" Data set "), this));
    m_dataset_combo = new QComboBox(this);
    for (const DatasetInfo& d : list_datasets())
        if (d.available) m_dataset_combo->addItem(QString::fromStdString(d.id), QString::fromStdString(d.id));
    m_dataset_combo->addItem(tr("Open IDX pair…"), QString());
    m_dataset_combo->setToolTip(tr("mnist: the full MNIST (60,000 + 10,000 test); mnist-10k: 10,000 embedded digits"));
    bar->addWidget(m_dataset_combo);
    connect(m_dataset_combo, &QComboBox::activated, this, &MainWindow::chooseDataset);
    bar->addSeparator();
    auto add = [&](const QString& text, QKeySequence key, const QString& tip, auto slot, QStyle::StandardPixmap icon) {
        auto* a = bar->addAction(style()->standardIcon(icon), text);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_start = add(
        tr("Start"), QKeySequence(Qt::Key_F5), tr("Train in the background; resumes when paused"),
        [this] {
            if (m_lab->wouldDiscard() && !confirmDiscard(tr("Start a new run"))) return;
            m_lab->startOrResume();
        },
        QStyle::SP_MediaPlay);
    m_pause = add(
        tr("Pause"), QKeySequence(Qt::Key_F6), tr("Pause after the current minibatch"), [this] { session()->pause(); },
        QStyle::SP_MediaPause);
    m_step = add(
        tr("Step"), QKeySequence(Qt::Key_F10), tr("Train exactly one minibatch"), [this] { m_lab->step(); },
        QStyle::SP_MediaSeekForward);
    m_stop = add(
        tr("Stop"), QKeySequence(Qt::SHIFT | Qt::Key_F5), tr("End the run (the model stays for saving)"),
        [this] { session()->stop(); }, QStyle::SP_MediaStop);
    m_reset = add(
        tr("Reset"), QKeySequence(Qt::CTRL | Qt::Key_R), tr("New weights from the seed, with the current settings"),
        [this] {
            if (m_lab->hasUnsavedWork() && !confirmDiscard(tr("Reset"))) return;
            m_lab->reset();
        },
        QStyle::SP_BrowserReload);
    m_problem = new QLabel(this);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problem->setMaximumWidth(320);
    bar->addWidget(m_problem);
    bar->addSeparator();
    add(tr("Open model…"), QKeySequence::Open, tr("Load a .dae or .npz model"), &MainWindow::openModelDialog,
        QStyle::SP_DialogOpenButton);
    add(tr("Save model…"), QKeySequence::Save, tr("Save the model (.dae, or .npz for NumPy)"),
        &MainWindow::saveModelDialog, QStyle::SP_DialogSaveButton);
    add(tr("Export PNG…"), QKeySequence(Qt::CTRL | Qt::Key_E),
        tr("Save the filters, reconstructions and curves as PNG"), &MainWindow::exportPng,
        QStyle::SP_FileDialogDetailedView);
    add(tr("Curves CSV…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), tr("Save the loss curves as CSV"),
        &MainWindow::exportCurves, QStyle::SP_FileIcon);
}

void MainWindow::wire() {
    TrainingSession* s = session();
    connect(s, &TrainingSession::snapshot, this, &MainWindow::onSnapshot);
    connect(s, &TrainingSession::lossPoints, m_chart, &LossChart::addLossPoints);
    connect(s, &TrainingSession::epochFinished, this, [this](const EpochReport& e) {
        const TrainingSnapshot& snap = session()->latest();  // the run's own batch size, not the panel's
        m_chart->addEpoch(e, static_cast<double>((e.epoch + 1) * snap.batches_per_epoch * snap.config.batch));
    });
    connect(s, &TrainingSession::stateChanged, this, [this](WorkerState state, const QString& message) {
        m_status->setState(state);
        if (!message.isEmpty()) m_status->showMessage(message, 15000);
        if (!message.isEmpty() && (state == WorkerState::Diverged || state == WorkerState::Idle)) {
            // Non-modal: a scripted run (or the test suite) must never block on a dialog.
            auto* box = new QMessageBox(QMessageBox::Warning, tr("daelab"), message, QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
        updateActions();
    });
    SettingsModel* settings = m_lab->settings();
    connect(settings, &SettingsModel::changed, this, [this] {
        m_sweep->setBaseConfig(settingsModel()->config());
        updateActions();
    });
    connect(settings, &SettingsModel::corruptionChanged, m_reconstructions,
            &ReconstructionPanel::setTrainingCorruption);
    connect(m_reconstructions, &ReconstructionPanel::useForTraining, settings, &SettingsModel::setCorruption);
    connect(m_lab, &TrainingLab::message, this, [this](const QString& m) { m_status->showMessage(m); });
    connect(m_lab, &TrainingLab::dataChanged, this, &MainWindow::onData);
    connect(m_lab, &TrainingLab::runReset, this, [this] {
        m_atlas->clear();
        m_chart->clear();
        m_status->clearRun();
        m_replay->refresh();
        updateActions();
    });
    connect(m_replay, &ReplayBar::showModel, this, [this](const Autoencoder& m) { showModel(m); });
    connect(m_replay, &ReplayBar::goLive, this, [this] {
        if (session()->hasSnapshot()) showModel(session()->latest().model);
    });
    connect(m_atlas, &AtlasPanel::computeRequested, this, [this](int probe) {
        std::vector<std::pair<int, Autoencoder>> snapshots;
        for (std::size_t i = 0; i < m_lab->ring().size(); ++i)
            snapshots.emplace_back(m_lab->ring().at(i).epoch, m_lab->ring().at(i).model);
        if (!m_dynamics->startAtlas(std::move(snapshots), probe))
            m_atlas->stopped(tr("Nothing to compute yet: train a model first (the atlas uses its epoch snapshots), and "
                                "wait for the judge."));
    });
    connect(m_atlas, &AtlasPanel::cancelRequested, m_dynamics, &DynamicsPanel::cancel);
    connect(m_dynamics, &DynamicsPanel::atlasRow, m_atlas, &AtlasPanel::addRow);
    connect(m_dynamics, &DynamicsPanel::atlasStopped, m_atlas, &AtlasPanel::stopped);
    auto show = [this](const QString& m) { m_status->showMessage(m); };
    connect(m_dynamics, &DynamicsPanel::message, this, show);
    connect(m_sweep, &SweepPanel::message, this, show);
    connect(m_stacked, &StackedPanel::message, this, show);
    m_reconstructions->setTrainingCorruption(settings->config().corruption);
    m_sweep->setBaseConfig(settings->config());
    wireExperiments();
}

void MainWindow::wireExperiments() {
    auto show = [this](const QString& m) { m_status->showMessage(m); };
    connect(m_chain, &ChainPanel::message, this, show);
    connect(m_attractors, &AttractorPanel::message, this, show);
    connect(m_phase, &PhasePanel::message, this, show);
    connect(m_dynamics, &DynamicsPanel::judgeReadyChanged, this, [this] {
        m_chain->setJudge(m_dynamics->judge());
        m_attractors->setJudge(m_dynamics->judge());
    });
    m_chain->setDrawingSource([this] { return m_dynamics->preparedDrawing(); });
    connect(m_attractors, &AttractorPanel::historyRequested, this, [this](int probe) {
        std::vector<std::pair<int, Autoencoder>> snapshots;
        for (std::size_t i = 0; i < m_lab->ring().size(); ++i)
            snapshots.emplace_back(m_lab->ring().at(i).epoch, m_lab->ring().at(i).model);
        m_attractors->computeHistory(std::move(snapshots), probe);
    });
    connect(settingsModel(), &SettingsModel::changed, m_phase,
            [this] { m_phase->setBaseConfig(settingsModel()->config()); });
    m_phase->setBaseConfig(settingsModel()->config());
}

void MainWindow::onData() {
    const Partition& p = m_lab->partition();
    m_samples->setDataset(m_lab->source().pool);
    std::vector<Index> shown = pick_samples_per_class(p.validation, 1, 3);
    if (shown.size() < 8)  // few classes (toy sets): take the first ones
        for (Index j = 0; j < std::min<Index>(10, p.validation.size()) && shown.size() < 10; ++j)
            shown.push_back(j);
    m_reconstructions->setSamples(p.validation.subset(shown).samples, p.validation.width, p.validation.height);
    m_dynamics->setData(m_lab->sharedPartition());
    m_sweep->setData(m_lab->sharedPartition());
    m_stacked->setData(m_lab->sharedPartition());
    m_chain->setData(m_lab->sharedPartition());
    m_attractors->setData(p.test);
    m_phase->setData(m_lab->datasetId(), m_lab->sharedSource());
    const int i = m_dataset_combo->findData(QString::fromStdString(m_lab->datasetId()));
    if (i >= 0) m_dataset_combo->setCurrentIndex(i);
    setWindowTitle(QStringLiteral("daelab — %1").arg(QString::fromStdString(m_lab->datasetId())));
}

void MainWindow::showModel(const Autoencoder& model) {
    m_filters->setWeights(model.w1, dataset().width, dataset().height);
    m_reconstructions->setModel(model);
    m_dynamics->setModel(model);
    m_sweep->setCurrentModel(model);
    m_chain->setModel(model, settingsModel()->config().corruption);
    m_attractors->setModel(model);
}

void MainWindow::onSnapshot(const TrainingSnapshot& s) {
    m_replay->refresh();
    if (!m_replay->replaying()) showModel(s.model);
    m_status->showSnapshot(s);
}

void MainWindow::updateActions() {
    const WorkerState s = session()->state();
    const QString problem = settingsModel()->firstProblem();
    const bool valid = problem.isEmpty();
    m_problem->setText(valid ? QString() : tr("Cannot train: %1").arg(problem));
    m_start->setEnabled(valid && s != WorkerState::Running);
    m_start->setText(s == WorkerState::Paused && !m_lab->settingsDirty() ? tr("Resume") : tr("Start"));
    m_pause->setEnabled(s == WorkerState::Running);
    m_step->setEnabled(valid && s != WorkerState::Running);
    m_stop->setEnabled(s == WorkerState::Running || s == WorkerState::Paused);
    m_reset->setEnabled(valid);
}

void MainWindow::showTabOf(const QWidget* part) {
    for (int i = 0; i < m_tabs->count(); ++i)
        if (const QWidget* page = m_tabs->widget(i); page == part || page->isAncestorOf(part))
            m_tabs->setCurrentIndex(i);
}

}  // namespace dae::ui
