#include "main_window.h"

#include "dae/default_data.h"
#include "dynamics/chain_panel.h"
#include "dynamics/dynamics_panel.h"
#include "dynamics/iteration_settings.h"
#include "dynamics/judge_keeper.h"
#include "dynamics/landscape_panel.h"
#include "dynamics/set_explorer.h"
#include "experiments/atlas_panel.h"
#include "experiments/attractor_panel.h"
#include "experiments/phase_panel.h"
#include "experiments/runs_panel.h"
#include "experiments/stacked_panel.h"
#include "experiments/sweep_panel.h"
#include "experiments/toy_panel.h"
#include "training/reconstruction_panel.h"
#include "training/replay_bar.h"
#include "training/settings_panel.h"
#include "training/status_line.h"
#include "training/training_lab.h"
#include "widgets/filter_grid.h"
#include "widgets/hidden_units_view.h"
#include "widgets/loss_chart.h"
#include "widgets/message_bar.h"
#include "widgets/sample_grid.h"
#include "workspaces.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace dae::ui {

MainWindow::MainWindow(const std::string& dataset_id, QSettings* settings, QWidget* parent)
    : QMainWindow(parent), m_store(settings) {
    DataSource source = load_data_source(dataset_id);  // before anything is built: an error leaves nothing behind
    if (!m_store) {
        m_store = new QSettings;
        m_own_store = true;
    }
    m_lab = new TrainingLab(m_store, this);
    setWindowTitle(QStringLiteral("daelab"));
    m_messages = new MessageBar(this);
    m_status = new StatusLine(statusBar(), m_messages);
    buildWorkspaces();
    buildActions();
    buildMenus();
    wire();
    if (m_store->contains(QStringLiteral("window/geometry"))) {
        restoreGeometry(m_store->value(QStringLiteral("window/geometry")).toByteArray());
        restoreState(m_store->value(QStringLiteral("window/state")).toByteArray());
    } else {
        firstLayout();
    }
    m_workspaces->restoreState(*m_store);
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
// A page that scrolls when the window is smaller than it wants: no page may force the window's
// minimum size up (it must fit a 1280 × 800 screen). Forms never scroll sideways.
QScrollArea* scrolled(QWidget* page, QWidget* parent, bool sideways = true) {
    auto* s = new QScrollArea(parent);
    s->setWidget(page);
    s->setWidgetResizable(true);
    s->setFrameShape(QFrame::NoFrame);
    if (!sideways) s->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return s;
}
}  // namespace

void MainWindow::buildWorkspaces() {
    m_workspaces = new Workspaces(this);
    m_filters = new FilterGrid(this);
    m_samples = new SampleGrid(this);
    m_dynamics = new DynamicsPanel(this);
    m_judges = new JudgeKeeper(this);
    m_atlas = new AtlasPanel(this);
    m_sweep = new SweepPanel(this);
    m_stacked = new StackedPanel(this);
    m_toy = new ToyPanel(this);
    m_chain = new ChainPanel(this);
    m_attractors = new AttractorPanel(this);
    m_landscape = new LandscapePanel(this);
    m_phase = new PhasePanel(this);
    m_runs = new RunsPanel(this);
    m_replay = new ReplayBar(&m_lab->ring(), this);
    m_settings_panel = new SettingsPanel(m_lab->settings(), this);
    m_reconstructions = new ReconstructionPanel(this);
    m_chart = new LossChart(this);
    m_hidden = new HiddenUnitsView(this);

    // Train: the settings | the filters over the reconstructions | the loss curves.
    auto* filters = new QWidget(this);
    auto* filters_layout = new QVBoxLayout(filters);
    filters_layout->setContentsMargins(0, 0, 0, 0);
    filters_layout->addWidget(m_replay);
    filters_layout->addWidget(m_filters, 1);
    auto* centre = new QSplitter(Qt::Vertical, this);
    centre->setObjectName(QStringLiteral("train-centre"));
    centre->addWidget(filters);
    centre->addWidget(m_reconstructions);
    centre->setStretchFactor(0, 1);
    centre->setStretchFactor(1, 1);
    centre->setChildrenCollapsible(false);
    auto* train = new QSplitter(Qt::Horizontal, this);
    train->setObjectName(QStringLiteral("train"));
    QScrollArea* settings = scrolled(m_settings_panel, this, false);
    settings->setMinimumWidth(m_settings_panel->minimumSizeHint().width() + 20);
    train->addWidget(settings);
    train->addWidget(centre);
    // The loss and, a tab away, what the hidden units do (where the sparse and contractive penalties act).
    // Its tab bar appears with the first statistics: a first start shows the loss alone.
    m_curves = new QTabWidget(this);
    m_curves->setObjectName(QStringLiteral("train-curves"));
    m_curves->setDocumentMode(true);
    m_curves->addTab(m_chart, tr("Loss"));
    m_curves->addTab(m_hidden, tr("Hidden units"));
    m_curves->tabBar()->setVisible(false);
    train->addWidget(m_curves);
    train->setStretchFactor(1, 1);
    train->setChildrenCollapsible(false);
    m_workspaces->setPage(Workspaces::Train, train);
    m_workspaces->rememberSplitter(train, QStringLiteral("train"));
    m_workspaces->rememberSplitter(centre, QStringLiteral("train-centre"));

    m_workspaces->setPage(Workspaces::Iterate, scrolled(m_dynamics, this));
    m_workspaces->addView(Workspaces::Explore, m_landscape, tr("Landscape"));
    m_workspaces->addView(Workspaces::Explore, m_chain, tr("Generative chain"));
    m_workspaces->addView(Workspaces::Explore, m_attractors, tr("Attractors"));
    m_workspaces->addView(Workspaces::Explore, m_toy, tr("2-D playground"));
    m_workspaces->addView(Workspaces::Explore, m_samples, tr("Data set"));
    m_workspaces->addView(Workspaces::Experiments, m_runs, tr("Runs"));
    m_workspaces->addView(Workspaces::Experiments, m_sweep, tr("Noise sweep"));
    m_workspaces->addView(Workspaces::Experiments, m_stacked, tr("Stacked DAEs"));
    m_workspaces->addView(Workspaces::Experiments, m_phase, tr("Phase diagram"));
    m_workspaces->addView(Workspaces::Experiments, m_atlas, tr("Outcome atlas"));
    auto* central = new QWidget(this);  // a message (when there is one) above the workspace
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_messages);
    layout->addWidget(m_workspaces, 1);
    setCentralWidget(central);
}

void MainWindow::firstLayout() {
    // First start: a size from the screen, never larger than it; the pictures keep most of the room.
    const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1280, 800);
    resize(std::min(1500, screen.width() * 9 / 10), std::min(950, screen.height() * 9 / 10));
    auto* train = findChild<QSplitter*>(QStringLiteral("train"));
    const int settings = train->widget(0)->minimumWidth();
    const int chart = std::max(260, width() / 5);
    train->setSizes({settings, width() - settings - chart, chart});
}

void MainWindow::buildActions() {
    // One row: the workspaces, the one next action (Start, or Pause while training), Stop, the data
    // set. Step and Reset are in the Training menu, the files in the File menu.
    auto* bar = addToolBar(tr("Workspaces and training"));
    bar->setObjectName(QStringLiteral("toolbar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addActions(m_workspaces->actions()->actions());
    bar->addSeparator();
    auto make = [&](const QString& text, QKeySequence key, const QString& tip, auto slot, QStyle::StandardPixmap icon) {
        auto* a = new QAction(style()->standardIcon(icon), text, this);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        connect(a, &QAction::triggered, this, slot);
        addAction(a);  // its shortcut works wherever the focus is
        return a;
    };
    m_start = make(
        tr("Start"), QKeySequence(Qt::Key_F5), tr("Train in the background; resumes when paused"),
        [this] {
            if (m_lab->wouldDiscard() && !confirmDiscard(tr("Start a new run"))) return;
            m_lab->startOrResume();
        },
        QStyle::SP_MediaPlay);
    m_pause = make(
        tr("Pause"), QKeySequence(Qt::Key_F6), tr("Pause after the current minibatch"), [this] { session()->pause(); },
        QStyle::SP_MediaPause);
    m_step = make(
        tr("Step"), QKeySequence(Qt::Key_F10), tr("Train exactly one minibatch"), [this] { m_lab->step(); },
        QStyle::SP_MediaSeekForward);
    m_stop = make(
        tr("Stop"), QKeySequence(Qt::SHIFT | Qt::Key_F5), tr("End the run (the model stays for saving)"),
        [this] { session()->stop(); }, QStyle::SP_MediaStop);
    m_reset = make(
        tr("Reset"), QKeySequence(Qt::CTRL | Qt::Key_R), tr("New weights from the seed, with the current settings"),
        [this] {
            if (m_lab->hasUnsavedWork() && !confirmDiscard(tr("Reset"))) return;
            m_lab->reset();
        },
        QStyle::SP_BrowserReload);
    bar->addAction(m_start);
    bar->addAction(m_pause);
    bar->addAction(m_stop);
    if (auto* start = qobject_cast<QToolButton*>(bar->widgetForAction(m_start))) {
        start->setObjectName(QStringLiteral("start-button"));
        QFont f = start->font();
        f.setBold(true);
        start->setFont(f);
    }
    m_problem = new QLabel(this);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problem->setWordWrap(true);
    m_problem->setMaximumWidth(360);
    bar->addWidget(m_problem);
    auto* spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    bar->addWidget(new QLabel(tr("Data set "), this));
    m_dataset_combo = new QComboBox(this);
    for (const DatasetInfo& d : list_datasets())
        if (d.available) m_dataset_combo->addItem(QString::fromStdString(d.id), QString::fromStdString(d.id));
    m_dataset_combo->addItem(tr("Open IDX pair…"), QString());
    m_dataset_combo->setToolTip(tr("mnist: the full MNIST (60,000 + 10,000 test); mnist-10k: 10,000 embedded digits"));
    m_dataset_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(m_dataset_combo);
    connect(m_dataset_combo, &QComboBox::activated, this, &MainWindow::chooseDataset);
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
        m_hidden->clear();
        m_curves->setCurrentWidget(m_chart);
        m_curves->tabBar()->setVisible(false);
        m_status->clearRun();
        m_replay->refresh();
        m_replay->setVisible(false);
        m_attractors->setHistoryAvailable(false);
        updateActions();
    });
    connect(m_lab, &TrainingLab::historyShown, this,
            [this](const std::vector<EpochReport>& epochs, const std::vector<double>& samples) {
                for (std::size_t i = 0; i < epochs.size(); ++i)
                    m_chart->addEpoch(epochs[i], samples[i]);
            });
    connect(m_lab, &TrainingLab::modelChanged, this, [this] {
        m_status->clearMessage();  // what was said of the last model is stale now
        showModelName();
    });
    connect(m_replay, &ReplayBar::showModel, this, [this](const Autoencoder& m, int epoch) {
        showModel(m, epoch > 0 || m_lab->modelTrained(), m_lab->epochsBefore() + epoch);
    });
    connect(m_replay, &ReplayBar::goLive, this, [this] {
        if (session()->hasSnapshot()) showModel(session()->latest().model, m_lab->modelTrained(), m_lab->modelEpochs());
    });
    connect(m_atlas, &AtlasPanel::computeRequested, this, &MainWindow::startAtlas);
    auto show = [this](const QString& m) { m_status->showMessage(m); };
    connect(m_dynamics, &DynamicsPanel::message, this, show);
    connect(m_sweep, &SweepPanel::message, this, show);
    connect(m_stacked, &StackedPanel::message, this, show);
    m_reconstructions->setTrainingCorruption(settings->config().corruption);
    m_sweep->setBaseConfig(settings->config());
    wireExperiments();
}

void MainWindow::trackJob(const QString& name, QProgressBar* bar) {
    // While the bar is between its ends, the job shows in the status line with its time left.
    connect(bar, &QProgressBar::valueChanged, this, [this, name, bar](int v) {
        if (v > bar->minimum() && v < bar->maximum())
            m_status->setJob(name, static_cast<double>(v - bar->minimum()) / (bar->maximum() - bar->minimum()));
        else
            m_status->endJob(name);
    });
}

void MainWindow::wireJobs() {
    // Every background job in one place, the status line: its view's progress, and its end (a
    // cancelled job ends too, wherever its bar stopped).
    auto ends = [this](const QString& name) { return [this, name] { m_status->endJob(name); }; };
    trackJob(tr("noise sweep"), m_sweep->progressBar());
    connect(m_sweep, &SweepPanel::finished, this, ends(tr("noise sweep")));
    trackJob(tr("stacked DAEs"), m_stacked->progressBar());
    connect(m_stacked, &StackedPanel::finished, this, ends(tr("stacked DAEs")));
    trackJob(tr("phase grid"), m_phase->progressBar());
    connect(m_phase, &PhasePanel::finished, this, ends(tr("phase grid")));
    trackJob(tr("outcome atlas"), m_atlas->progressBar());
    connect(m_atlas, &AtlasPanel::finished, this, ends(tr("outcome atlas")));
    trackJob(tr("attractor census"), m_attractors->progressBar());
    connect(m_attractors, &AttractorPanel::finished, this, ends(tr("attractor census")));
    trackJob(tr("landscape"), m_landscape->progressBar());
    connect(m_landscape, &LandscapePanel::mapped, this, ends(tr("landscape")));
    trackJob(tr("whole set"), m_dynamics->setExplorer()->progressBar());
    connect(m_dynamics, &DynamicsPanel::setFinished, this, ends(tr("whole set")));
    connect(m_judges, &JudgeKeeper::progress, this,
            [this](double f) { f < 1 ? m_status->setJob(tr("judge"), f) : m_status->endJob(tr("judge")); });
    connect(m_judges, &JudgeKeeper::changed, this, [this] {
        if (!m_judges->training()) m_status->endJob(tr("judge"));
    });
}

void MainWindow::wireExperiments() {
    wireJobs();
    auto show = [this](const QString& m) { m_status->showMessage(m); };
    connect(m_chain, &ChainPanel::message, this, show);
    connect(m_attractors, &AttractorPanel::message, this, show);
    connect(m_landscape, &LandscapePanel::message, this, show);
    connect(m_landscape, &LandscapePanel::trajectoryRequested, this, [this](Index digit) {
        m_dynamics->iterateSample(digit);
        m_workspaces->show(Workspaces::Iterate);
    });
    m_landscape->setConfigSource([this] { return m_dynamics->settings()->config(); });
    connect(m_phase, &PhasePanel::message, this, show);
    connect(m_runs, &RunsPanel::message, this, show);
    connect(m_runs, &RunsPanel::openModel, this, [this](const QString& path) {
        QString error;
        if (loadModelFile(path, &error))
            m_workspaces->show(Workspaces::Train);
        else
            m_status->showMessage(error);
    });
    connect(m_runs, &RunsPanel::openPhaseDiagram, this, [this](const QString& path) {
        QString error;
        if (m_phase->openGrid(path, &error))
            showTabOf(m_phase);
        else
            m_status->showMessage(error);
    });
    connect(m_judges, &JudgeKeeper::changed, this, [this] {  // one judge for every view that reads outcomes
        const Judge& j = m_judges->judge();
        m_dynamics->setJudge(j);
        m_dynamics->setJudgeState(m_judges->stateText(), m_judges->missing());
        m_chain->setJudge(j);
        m_attractors->setJudge(j);
        m_landscape->setJudge(j);
        if (m_atlas->waiting() && !m_judges->training()) startAtlas(m_atlas->probeSize());
    });
    connect(m_judges, &JudgeKeeper::failed, this, [this](const QString& why) { m_status->showMessage(why); });
    m_chain->setDrawingSource([this] { return m_dynamics->preparedDrawing(); });
    connect(m_attractors, &AttractorPanel::historyRequested, this,
            [this](int probe) { m_attractors->computeHistory(m_lab->ring().snapshots(), probe); });
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
    m_judges->setData(m_lab->sharedPartition());
    m_sweep->setData(m_lab->sharedPartition());
    m_stacked->setData(m_lab->sharedPartition());
    m_chain->setData(m_lab->sharedPartition());
    m_attractors->setData(p.test);
    m_landscape->setData(m_lab->sharedPartition());
    m_phase->setData(m_lab->datasetId(), m_lab->sharedSource());
    m_runs->setData(m_lab->sharedPartition());
    const int i = m_dataset_combo->findData(QString::fromStdString(m_lab->datasetId()));
    if (i >= 0) m_dataset_combo->setCurrentIndex(i);
    showModelName();
}

void MainWindow::showModelName() {
    const QString data = QString::fromStdString(m_lab->datasetId());
    const QString name = m_lab->modelName().isEmpty() ? tr("new model") : m_lab->modelName();
    setWindowTitle(QStringLiteral("%1 · %2 — daelab").arg(name, data));
    m_status->setModelText(QStringLiteral("%1 · %2").arg(m_lab->modelDescription(), data));
    m_filters->setHint(m_lab->modelTrained() ? QString()
                                             : tr("Press Start (F5): the hidden units' filters take shape here "
                                                  "within seconds, the reconstructions below sharpen."));
}

void MainWindow::showModel(const Autoencoder& model, bool trained, int epoch) {
    const QString note = trained ? QString() : untrained_note();
    m_dynamics->setModelNote(note);
    m_chain->setModelNote(note);
    m_attractors->setModelNote(note);
    m_filters->setWeights(model.w1, dataset().width, dataset().height);
    m_reconstructions->setModel(model);
    m_dynamics->setModel(model);
    m_sweep->setCurrentModel(model);
    m_chain->setModel(model, settingsModel()->config().corruption);
    m_attractors->setModel(model);
    m_landscape->setModelNote(note);
    m_landscape->setModel(model, epoch);
}

void MainWindow::onSnapshot(const TrainingSnapshot& s) {
    m_replay->refresh();
    m_replay->setVisible(m_lab->ring().size() >= 2);  // a history to go back in: two epochs at least
    if (!m_replay->replaying()) showModel(s.model, m_lab->modelTrained(), m_lab->modelEpochs());
    if (s.hidden && s.samples_seen > 0)  // from the first trained minibatches on: a point of the curves
        m_hidden->addStats(static_cast<double>(s.samples_seen), *s.hidden);
    else if (s.hidden && m_lab->modelTrained())  // an opened model: its histograms
        m_hidden->showStats(*s.hidden);
    if (m_hidden->latest()) m_curves->tabBar()->setVisible(true);
    // A history over training needs two epochs at least (the random start and one more).
    m_attractors->setHistoryAvailable(m_lab->ring().size() >= 2);
    m_status->showSnapshot(s);
    showModelName();
}

void MainWindow::updateActions() {
    const WorkerState s = session()->state();
    const QString problem = settingsModel()->firstProblem();
    const bool valid = problem.isEmpty();
    m_problem->setText(valid ? QString() : tr("Cannot train: %1").arg(problem));
    m_start->setEnabled(valid && s != WorkerState::Running);
    m_start->setText(s == WorkerState::Paused && !m_lab->settingsDirty() ? tr("Resume") : tr("Start"));
    // One of the two at a time in the toolbar: the next thing to do.
    m_start->setVisible(s != WorkerState::Running);
    m_pause->setVisible(s == WorkerState::Running);
    m_pause->setEnabled(s == WorkerState::Running);
    m_step->setEnabled(valid && s != WorkerState::Running);
    m_stop->setEnabled(s == WorkerState::Running || s == WorkerState::Paused);
    m_reset->setEnabled(valid);
}

void MainWindow::showTabOf(const QWidget* part) { m_workspaces->showPartOf(part); }

}  // namespace dae::ui
