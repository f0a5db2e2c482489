#include "main_window.h"

#include "dae/checkpoint.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/model_io.h"
#include "dae/training_options.h"
#include "atlas_panel.h"
#include "dynamics_panel.h"
#include "filter_grid.h"
#include "loss_chart.h"
#include "reconstruction_panel.h"
#include "sample_grid.h"
#include "stacked_panel.h"
#include "sweep_panel.h"
#include "settings_panel.h"
#include "toy_panel.h"
#include "training_session.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QSlider>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QToolBar>

namespace dae::ui {

namespace {
constexpr std::uint64_t kSplitSeed = 1;  // as daelab-cli train: 80 % train, 20 % validation

QString format_eta(double seconds) {
    if (!(seconds >= 0) || seconds > 1e7) return QStringLiteral("–");
    const int s = static_cast<int>(seconds);
    if (s >= 3600) return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60);
    if (s >= 60) return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 s").arg(s);
}
}  // namespace

MainWindow::MainWindow(Dataset data, QSettings* settings, QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_session(new TrainingSession(this)) {
    if (!m_settings) {
        m_settings = new QSettings;
        m_own_settings = true;
    }
    setWindowTitle(QStringLiteral("daelab"));
    m_tabs = new QTabWidget(this);
    m_filters = new FilterGrid(this);
    m_samples = new SampleGrid(this);
    // Replay bar above the tabs: an earlier epoch's weights in every view, or live.
    m_replay = new QSlider(Qt::Horizontal, this);
    m_replay->setRange(0, 0);
    m_replay->setToolTip(tr("Replay: show the filters, reconstructions and dynamics of an earlier epoch (right end: live)"));
    m_replay_label = new QLabel(tr("live"), this);
    m_replay_label->setMinimumWidth(110);
    connect(m_replay, &QSlider::valueChanged, this, [this](int v) { showReplay(v >= m_replay->maximum() ? -1 : v); });
    m_dynamics = new DynamicsPanel(this);
    m_toy = new ToyPanel(this);
    m_tabs->addTab(m_filters, tr("Filters"));
    m_tabs->addTab(m_dynamics, tr("Dynamics"));
    m_tabs->addTab(m_samples, tr("Data"));
    m_tabs->addTab(m_toy, tr("2-D vector field"));
    m_atlas = new AtlasPanel(this);
    m_tabs->insertTab(2, m_atlas, tr("Outcome atlas"));
    m_sweep = new SweepPanel(this);
    m_tabs->insertTab(3, m_sweep, tr("Noise sweep"));
    connect(m_sweep, &SweepPanel::message, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    m_stacked = new StackedPanel(this);
    m_tabs->insertTab(4, m_stacked, tr("Stacked DAEs"));
    connect(m_stacked, &StackedPanel::message, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    connect(m_atlas, &AtlasPanel::computeRequested, this, [this](int probe) {
        std::vector<std::pair<int, Autoencoder>> snapshots;
        for (std::size_t i = 0; i < m_ring.size(); ++i) snapshots.emplace_back(m_ring.at(i).epoch, m_ring.at(i).model);
        if (!m_dynamics->startAtlas(std::move(snapshots), probe))
            m_atlas->stopped(tr("Nothing to compute yet: train a model first (the atlas uses its epoch snapshots), "
                                "and wait for the reference classifier."));
    });
    connect(m_atlas, &AtlasPanel::cancelRequested, m_dynamics, &DynamicsPanel::cancel);
    connect(m_dynamics, &DynamicsPanel::atlasRow, m_atlas, &AtlasPanel::addRow);
    connect(m_dynamics, &DynamicsPanel::atlasStopped, m_atlas, &AtlasPanel::stopped);
    connect(m_dynamics, &DynamicsPanel::message, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    auto* central = new QWidget(this);
    auto* central_layout = new QVBoxLayout(central);
    central_layout->setContentsMargins(0, 0, 0, 0);
    auto* replay_bar = new QHBoxLayout;
    replay_bar->setContentsMargins(6, 2, 6, 0);
    replay_bar->addWidget(new QLabel(tr("Replay"), this));
    replay_bar->addWidget(m_replay, 1);
    replay_bar->addWidget(m_replay_label);
    central_layout->addLayout(replay_bar);
    central_layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    buildDocks();
    buildActions();

    connect(m_session, &TrainingSession::snapshot, this, &MainWindow::onSnapshot);
    connect(m_session, &TrainingSession::lossPoints, m_chart, &LossChart::addLossPoints);
    connect(m_session, &TrainingSession::epochFinished, this, [this](const EpochReport& e) {
        const TrainingSnapshot& s = m_session->latest();  // the run's own batch size, not the panel's
        m_chart->addEpoch(e, static_cast<double>((e.epoch + 1) * s.batches_per_epoch * s.config.batch));
    });
    connect(m_session, &TrainingSession::stateChanged, this, &MainWindow::onState);
    connect(m_reconstructions, &ReconstructionPanel::levelChanged, this, [this](double level) {
        m_session->setNoiseLevel(level);  // next minibatch, nothing reset
        m_settings_panel->setNoiseLevel(level);
    });
    connect(m_settings_panel, &SettingsPanel::corruptionTypeChanged, m_reconstructions, &ReconstructionPanel::setCorruptionType);
    connect(m_settings_panel, &SettingsPanel::changed, this, &MainWindow::onSettingsChanged);
    m_reinit.setSingleShot(true);
    m_reinit.setInterval(300);  // debounce: re-initialise once typing pauses, not per keystroke
    connect(&m_reinit, &QTimer::timeout, this, [this] { resetRun(); });

    m_settings_panel->restore(*m_settings);
    restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
    if (!m_settings->contains(QStringLiteral("window/geometry"))) resize(1400, 900);
    m_dataset_id = QString::fromStdString(data.name);
    setDataset(std::move(data));
    QTimer::singleShot(0, this, &MainWindow::offerResume);
}

QString MainWindow::autosavePath() const {
    return QFileInfo(m_settings->fileName()).absolutePath() + QStringLiteral("/daelab-autosave.ckpt");
}

void MainWindow::offerResume() {
    if (!QFile::exists(autosavePath())) return;
    QString when;
    try {
        const Checkpoint c = load_checkpoint(autosavePath().toStdString());
        if (c.metadata.count("dataset") == 0 || QString::fromStdString(c.metadata.at("dataset")) != m_dataset_id) return;
        when = tr("epoch %1 of %2").arg(c.state.epoch + 1).arg(c.config.epochs);
    } catch (const std::exception& e) {
        statusBar()->showMessage(tr("An autosave was found but cannot be read: %1").arg(QString::fromStdString(e.what())), 15000);
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("daelab"),
                                tr("A training run on %1 was interrupted at %2. Resume it?").arg(m_dataset_id, when),
                                QMessageBox::Yes | QMessageBox::Discard, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this](int result) {
        QString error;
        if (result == QMessageBox::Yes) {
            if (!resumeAutosave(&error)) QMessageBox::warning(this, tr("daelab"), error);
        } else {
            QFile::remove(autosavePath());
        }
    });
    box->open();
}

bool MainWindow::resumeAutosave(QString* error) {
    try {
        const Checkpoint c = load_checkpoint(autosavePath().toStdString());
        if (c.train_rows != m_train.rows() || c.train_cols != m_train.cols())
            throw Error("the autosave was made on other data (" + std::to_string(c.train_cols) + " training samples of " +
                        std::to_string(c.train_rows) + " values)");
        m_loading_model = true;
        m_settings_panel->setConfig(c.config);
        m_loading_model = false;
        if (!resetRun()) throw Error("the autosaved settings are not valid here");
        m_session->restoreState(c.state);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

MainWindow::~MainWindow() {
    if (m_own_settings) delete m_settings;
}

void MainWindow::buildDocks() {
    m_settings_panel = new SettingsPanel(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_settings_panel);
    scroll->setWidgetResizable(true);
    auto* settings_dock = new QDockWidget(tr("Settings"), this);
    settings_dock->setObjectName(QStringLiteral("settings"));
    settings_dock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, settings_dock);

    m_reconstructions = new ReconstructionPanel(this);
    auto* rec_dock = new QDockWidget(tr("Reconstructions"), this);
    rec_dock->setObjectName(QStringLiteral("reconstructions"));
    rec_dock->setWidget(m_reconstructions);
    addDockWidget(Qt::BottomDockWidgetArea, rec_dock);

    m_chart = new LossChart(this);
    m_chart->setMinimumWidth(300);
    auto* chart_dock = new QDockWidget(tr("Loss curves"), this);
    chart_dock->setObjectName(QStringLiteral("loss"));
    chart_dock->setWidget(m_chart);
    addDockWidget(Qt::RightDockWidgetArea, chart_dock);
    scroll->setMinimumWidth(m_settings_panel->sizeHint().width() + 24);
    resizeDocks({settings_dock, chart_dock}, {m_settings_panel->sizeHint().width() + 24, 460}, Qt::Horizontal);
    resizeDocks({rec_dock}, {330}, Qt::Vertical);

    m_state_label = new QLabel(this);
    m_epoch_label = new QLabel(this);
    m_rate_label = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(240);
    statusBar()->addWidget(m_state_label);
    statusBar()->addWidget(m_epoch_label);
    statusBar()->addWidget(m_rate_label, 1);
    statusBar()->addPermanentWidget(m_progress);
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
    m_start = add(tr("Start"), QKeySequence(Qt::Key_F5), tr("Train in the background; resumes when paused"),
                  &MainWindow::startOrResume, QStyle::SP_MediaPlay);
    m_pause = add(tr("Pause"), QKeySequence(Qt::Key_F6), tr("Pause after the current minibatch"),
                  [this] { m_session->pause(); }, QStyle::SP_MediaPause);
    m_step = add(tr("Step"), QKeySequence(Qt::Key_F10), tr("Train exactly one minibatch"), [this] {
        if (runEnded()) resetRun();
        m_session->step();
    }, QStyle::SP_MediaSeekForward);
    m_stop = add(tr("Stop"), QKeySequence(Qt::SHIFT | Qt::Key_F5), tr("End the run (the model stays for saving)"),
                 [this] { m_session->stop(); }, QStyle::SP_MediaStop);
    m_reset = add(tr("Reset"), QKeySequence(Qt::CTRL | Qt::Key_R), tr("New weights from the seed, with the current settings"),
                  &MainWindow::resetRun, QStyle::SP_BrowserReload);
    bar->addSeparator();
    add(tr("Open model…"), QKeySequence::Open, tr("Load a .dae or .npz model"), &MainWindow::openModelDialog,
        QStyle::SP_DialogOpenButton);
    add(tr("Save model…"), QKeySequence::Save, tr("Save the model (.dae, or .npz for NumPy)"), &MainWindow::saveModelDialog,
        QStyle::SP_DialogSaveButton);
    add(tr("Export PNG…"), QKeySequence(Qt::CTRL | Qt::Key_E), tr("Save the filters, reconstructions and curves as PNG"),
        &MainWindow::exportPng, QStyle::SP_FileDialogDetailedView);
    add(tr("Curves CSV…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), tr("Save the loss curves as CSV"),
        &MainWindow::exportCurves, QStyle::SP_FileIcon);
}

void MainWindow::setDataset(Dataset data) {
    m_data = std::move(data);
    const Split split = make_split(m_data.size(), 0.2, 0.0, kSplitSeed);
    m_train = m_data.subset(split.train).samples;
    const Dataset validation = m_data.subset(split.validation);
    m_validation = validation.samples;
    m_samples->setDataset(m_data);
    std::vector<Index> shown = pick_samples_per_class(validation, 1, 3);
    if (shown.size() < 8)  // few classes (toy sets): take the first ones
        for (Index j = 0; j < std::min<Index>(10, validation.size()) && shown.size() < 10; ++j) shown.push_back(j);
    m_reconstructions->setSamples(validation.subset(shown).samples, m_data.width, m_data.height);
    m_dynamics->setData(m_data.subset(split.train), validation);
    m_sweep->setData(m_data.subset(split.train), validation);
    m_stacked->setData(m_data.subset(split.train), validation);
    m_sweep->setBaseConfig(m_settings_panel->config());
    m_settings_panel->setTrainSize(m_train.cols());
    const int i = m_dataset_combo->findData(QString::fromStdString(m_data.name));
    if (i >= 0) m_dataset_combo->setCurrentIndex(i);
    resetRun();
}

bool MainWindow::runEnded() const {
    const WorkerState s = m_session->state();
    return s == WorkerState::Stopped || s == WorkerState::Finished || s == WorkerState::Diverged;
}

bool MainWindow::resetRun() {
    QString why;
    m_reinit.stop();
    m_ring.clear();
    m_atlas->clear();
    m_replay_index = -1;
    m_replay->setRange(0, 0);
    m_replay_label->setText(tr("live"));
    m_chart->clear();
    m_rate_label->clear();
    m_progress->setValue(0);
    m_settings_dirty = false;
    if (!m_settings_panel->validate(m_train.cols(), &why)) {
        m_session->invalidate();  // the old run must not go on behind invalid settings
        m_state_label->setText(tr("Settings need attention"));
        updateActions();
        return false;
    }
    m_session->setAutosave(autosavePath(), m_autosave_ms, {{QStringLiteral("dataset"), m_dataset_id}});
    m_session->configure(m_settings_panel->config(), m_train, m_validation);
    m_reconstructions->setCorruptionType(m_settings_panel->config().corruption.type);
    m_reconstructions->setLevel(m_settings_panel->config().corruption.level);
    updateActions();
    return true;
}

void MainWindow::startOrResume() {
    // A paused run resumes as it was (edited settings wait for Reset); an ended one starts anew.
    if (m_reinit.isActive() || runEnded()) {
        if (!resetRun()) return;
    }
    m_session->start();
}

void MainWindow::onSettingsChanged() {
    m_sweep->setBaseConfig(m_settings_panel->config());
    if (m_loading_model) return;
    if (m_session->state() == WorkerState::Idle) {
        m_reinit.start();  // nothing trained yet: show the new initial filters once typing pauses
        return;
    }
    m_settings_dirty = true;
    statusBar()->showMessage(tr("Settings changed: press Reset (Ctrl+R) to train with them; Resume continues the current run"), 8000);
    updateActions();
}

void MainWindow::showModel(const Autoencoder& model) {
    m_filters->setWeights(model.w1, m_data.width, m_data.height);
    m_reconstructions->setModel(model);
    m_dynamics->setModel(model);
    m_sweep->setCurrentModel(model);
}

void MainWindow::showReplay(int index) {
    if (index >= static_cast<int>(m_ring.size())) index = -1;
    m_replay_index = index;
    if (index < 0) {
        m_replay_label->setText(tr("live"));
        if (m_session->hasSnapshot()) showModel(m_session->latest().model);
    } else {
        const auto& e = m_ring.at(static_cast<std::size_t>(index));
        m_replay_label->setText(tr("epoch %1 (replay)").arg(e.epoch));
        showModel(e.model);
    }
    if (m_replay->value() != (index < 0 ? m_replay->maximum() : index)) {
        const QSignalBlocker b(m_replay);
        m_replay->setValue(index < 0 ? m_replay->maximum() : index);
    }
}

void MainWindow::onSnapshot(const TrainingSnapshot& s) {
    if (s.epoch > m_ring.lastEpoch() && s.batch == 0) {  // an epoch's end weights
        m_ring.push(s.epoch, s.model);
        const QSignalBlocker b(m_replay);
        m_replay->setRange(0, static_cast<int>(m_ring.size()));  // the last position is "live"
        if (!replaying()) m_replay->setValue(m_replay->maximum());
    }
    if (!replaying()) showModel(s.model);
    const double done = s.epochs > 0 && s.batches_per_epoch > 0
                            ? (s.epoch + static_cast<double>(s.batch) / static_cast<double>(s.batches_per_epoch)) / s.epochs
                            : 0;
    m_progress->setValue(static_cast<int>(1000 * std::clamp(done, 0.0, 1.0)));
    m_epoch_label->setText(tr("epoch %1 / %2  ·  %3 samples").arg(std::min(s.epoch + 1, s.epochs)).arg(s.epochs).arg(s.samples_seen));
    if (s.samples_per_second > 0) {
        const double remaining = (1 - done) * static_cast<double>(s.epochs) * static_cast<double>(s.batches_per_epoch) *
                                 static_cast<double>(s.config.batch) / s.samples_per_second;
        m_rate_label->setText(tr("%1 samples/s  ·  ETA %2").arg(s.samples_per_second, 0, 'f', 0).arg(format_eta(remaining)));
    }
}

void MainWindow::onState(WorkerState state, const QString& message) {
    m_state_label->setText(QStringLiteral("<b>%1</b>").arg(QString::fromLatin1(worker_state_name(state))));
    if (!message.isEmpty()) {
        statusBar()->showMessage(message, 15000);
        if (state == WorkerState::Diverged || state == WorkerState::Idle) {
            // Non-modal: a scripted run (or the test suite) must never block on a dialog.
            auto* box = new QMessageBox(QMessageBox::Warning, tr("daelab"), message, QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    }
    if (state == WorkerState::Finished || state == WorkerState::Stopped) m_rate_label->setText(QString());
    updateActions();
}

void MainWindow::updateActions() {
    const WorkerState s = m_session->state();
    const bool valid = m_settings_panel->validate(m_train.cols());
    m_start->setEnabled(valid && s != WorkerState::Running);
    m_start->setText(s == WorkerState::Paused ? tr("Resume") : tr("Start"));
    m_pause->setEnabled(s == WorkerState::Running);
    m_step->setEnabled(valid && s != WorkerState::Running);
    m_stop->setEnabled(s == WorkerState::Running || s == WorkerState::Paused);
    m_reset->setEnabled(valid);
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
    try {
        Dataset data = load_dataset(id.toStdString());
        m_dataset_id = id;
        setDataset(std::move(data));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("daelab"), QString::fromStdString(e.what()));  // the current set stays
    }
}

bool MainWindow::saveModelFile(const QString& path, QString* error) {
    if (!m_session->hasSnapshot()) {
        if (error) *error = tr("there is no model yet");
        return false;
    }
    try {
        const TrainingSnapshot& snap = m_session->latest();
        const Autoencoder& model = snap.model;
        if (path.endsWith(QLatin1String(".npz"), Qt::CaseInsensitive)) {
            export_npz(path.toStdString(), model);
        } else {
            SavedModel saved{model, {}};
            for (const auto& [k, v] : training_options(snap.config)) saved.metadata["train." + k] = v;  // the run's settings
            saved.metadata["dataset"] = m_data.name;
            saved.metadata["epochs-trained"] = std::to_string(m_session->latest().epoch);
            save_model(path.toStdString(), saved);
        }
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

bool MainWindow::loadModelFile(const QString& path, QString* error) {
    try {
        Autoencoder model;
        if (path.endsWith(QLatin1String(".npz"), Qt::CaseInsensitive)) {
            const TrainingConfig c = m_settings_panel->config();
            model = import_npz(path.toStdString(), c.model.encoder, c.model.decoder);
        } else {
            model = load_model(path.toStdString()).model;
        }
        if (model.visible() != m_data.dim())
            throw Error(path.toStdString() + ": the model takes " + std::to_string(model.visible()) + " values per sample, the data set '" +
                        m_data.name + "' has " + std::to_string(m_data.dim()));
        TrainingConfig c = m_settings_panel->config();
        c.model = model.config();
        m_loading_model = true;  // one reset below, not one per changed field
        m_settings_panel->setConfig(c);
        m_loading_model = false;
        if (!resetRun()) throw Error(tr("the current settings are invalid for this model; fix them first").toStdString());
        m_session->loadModel(model);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

void MainWindow::saveModelDialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save model"), QStringLiteral("model.dae"),
                                                      tr("daelab model (*.dae);;NumPy weights (*.npz)"));
    QString error;
    if (!path.isEmpty() && !saveModelFile(path, &error)) QMessageBox::warning(this, tr("daelab"), error);
}

void MainWindow::openModelDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open model"), QString(), tr("Models (*.dae *.npz)"));
    QString error;
    if (!path.isEmpty() && !loadModelFile(path, &error)) QMessageBox::warning(this, tr("daelab"), error);
}

void MainWindow::exportPng() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for filters.png, reconstructions.png, curves.png"));
    if (dir.isEmpty()) return;
    const bool ok = m_filters->image().save(dir + "/filters.png") && m_reconstructions->image().save(dir + "/reconstructions.png") &&
                    m_chart->grabImage().save(dir + "/curves.png");
    statusBar()->showMessage(ok ? tr("Saved PNGs in %1").arg(dir) : tr("Could not write into %1").arg(dir), 5000);
}

void MainWindow::exportCurves() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save curves"), QStringLiteral("curves.csv"), tr("CSV (*.csv)"));
    QString error;
    if (!path.isEmpty() && !m_chart->writeCsv(path, &error)) QMessageBox::warning(this, tr("daelab"), error);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_session->stop();
    m_settings_panel->save(*m_settings);
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), saveState());
    m_settings->sync();
    event->accept();
}

}  // namespace dae::ui
