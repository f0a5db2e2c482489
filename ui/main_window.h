// The daelab window: it assembles the panels around the training lab (training/training_lab.h)
// and asks the person before anything trained would be lost. Panels get what they show through
// setters; the lab and the panels own their worker threads.
#pragma once

#include "dae/provenance.h"

#include <QMainWindow>
#include <QMessageBox>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QProgressBar;
class QSettings;
class QTabWidget;

namespace dae::ui {

class AtlasPanel;
class AttractorPanel;
class ChainPanel;
class PhasePanel;
class RunsPanel;
class DynamicsPanel;
class FilterGrid;
class JudgeKeeper;
class HiddenUnitsView;
class LandscapePanel;
class GuidedTour;
class LossChart;
class MessageBar;
class ReconstructionPanel;
class ReplayBar;
class SampleGrid;
class SettingsModel;
class SettingsPanel;
class StackedPanel;
class StatusLine;
class SweepPanel;
class ToyPanel;
class TrainingLab;
class TrainingSession;
class Workspaces;
class SnapshotRing;
struct TrainingSnapshot;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `settings` (may be null: the application's) is read now and written on close. The data set
    // is loaded by id (dae::Error when it cannot be).
    explicit MainWindow(const std::string& dataset_id, QSettings* settings = nullptr, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Parts, for tests and scripted screenshots.
    TrainingLab* lab() const { return m_lab; }
    TrainingSession* session() const;
    SettingsModel* settingsModel() const;
    SettingsPanel* settingsPanel() const { return m_settings_panel; }
    SampleGrid* sampleGrid() const { return m_samples; }
    FilterGrid* filterGrid() const { return m_filters; }
    ReconstructionPanel* reconstructions() const { return m_reconstructions; }
    LossChart* lossChart() const { return m_chart; }
    DynamicsPanel* dynamicsPanel() const { return m_dynamics; }
    ToyPanel* toyPanel() const { return m_toy; }
    AtlasPanel* atlasPanel() const { return m_atlas; }
    SweepPanel* sweepPanel() const { return m_sweep; }
    StackedPanel* stackedPanel() const { return m_stacked; }
    ChainPanel* chainPanel() const { return m_chain; }
    AttractorPanel* attractorPanel() const { return m_attractors; }
    LandscapePanel* landscapePanel() const { return m_landscape; }
    JudgeKeeper* judgeKeeper() const { return m_judges; }
    HiddenUnitsView* hiddenUnitsView() const { return m_hidden; }
    PhasePanel* phasePanel() const { return m_phase; }
    RunsPanel* runsPanel() const { return m_runs; }
    StatusLine* statusLine() const { return m_status; }
    Workspaces* workspaces() const { return m_workspaces; }
    void showTabOf(const QWidget* part);  // brings the workspace (and view) that holds `part` to the front
    // A workspace or view by name (Workspaces::names()), or the Train workspace's curve tabs ("Loss",
    // "Hidden units"); false when none has that name.
    bool showNamed(const QString& name);
    QStringList viewNames() const;
    ReplayBar* replayBar() const { return m_replay; }
    const SnapshotRing& replayRing() const;
    void showReplay(int index);  // an epoch-end snapshot, or −1: live
    bool replaying() const;
    const Dataset& dataset() const;
    QAction* startAction() const { return m_start; }
    QAction* pauseAction() const { return m_pause; }
    QAction* stepAction() const { return m_step; }
    QAction* stopAction() const { return m_stop; }
    QAction* resetAction() const { return m_reset; }
    QString problemText() const;  // why Start is disabled, shown beside it
    // The guided tour (Help → Guided tour); the program offers it on a first start (never in tests).
    GuidedTour* tour();
    void startTourIfFirstTime();

    void setDataset(const std::string& id);  // dae::Error when it cannot be loaded (the current set stays)
    bool loadModelFile(const QString& path, QString* error);
    bool saveModelFile(const QString& path, QString* error);
    // filters.png, reconstructions.png and curves.png into `dir` (File → Export panels as PNG).
    bool exportPngs(const QString& dir, QString* error);
    // The settings and the window's geometry into the store (also on close; a failure is shown).
    bool saveSettings(QString* error);
    QString autosavePath() const;
    void setAutosaveInterval(int ms);
    bool resumeAutosave(QString* error);

    // Asked before trained work is discarded (Start after Stop, Reset, closing mid-run, opening
    // another model): Save, Discard or Cancel. A modal question by default; tests replace it.
    using DiscardQuestion = std::function<QMessageBox::StandardButton(const QString& what)>;
    void setDiscardQuestion(DiscardQuestion q) { m_ask = std::move(q); }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildWorkspaces();
    void firstLayout();
    void buildActions();
    void buildMenus();
    void wire();
    void wireExperiments();  // the chain, attractor and phase-diagram tabs
    void trackJob(const QString& name, QProgressBar* bar);
    void wireJobs();
    bool confirmDiscard(const QString& what);  // false: the person cancelled
    void showModel(const Autoencoder& model, bool trained, int epoch);
    void onSnapshot(const TrainingSnapshot& s);
    void onData();
    void showModelName();  // the title and the status line name the model, its training and the data
    void updateActions();
    // The outcome atlas over the replay ring's snapshots on the first `probe` test digits, once
    // the outcomes' judge is ready (it waits while the judge trains).
    void startAtlas(int probe);
    void chooseDataset(int index);
    void saveModelDialog();
    void openModelDialog();
    void exportPng();
    void exportCurves();
    void offerResume();

    QSettings* m_store;
    bool m_own_store = false;
    TrainingLab* m_lab;
    SettingsPanel* m_settings_panel = nullptr;
    FilterGrid* m_filters = nullptr;
    SampleGrid* m_samples = nullptr;
    ReconstructionPanel* m_reconstructions = nullptr;
    LossChart* m_chart = nullptr;
    DynamicsPanel* m_dynamics = nullptr;
    ToyPanel* m_toy = nullptr;
    AtlasPanel* m_atlas = nullptr;
    SweepPanel* m_sweep = nullptr;
    StackedPanel* m_stacked = nullptr;
    ChainPanel* m_chain = nullptr;
    AttractorPanel* m_attractors = nullptr;
    LandscapePanel* m_landscape = nullptr;
    JudgeKeeper* m_judges = nullptr;  // the outcomes' judge, for every view that reads them
    HiddenUnitsView* m_hidden = nullptr;
    QTabWidget* m_curves = nullptr;  // Loss | Hidden units
    PhasePanel* m_phase = nullptr;
    RunsPanel* m_runs = nullptr;
    Workspaces* m_workspaces = nullptr;
    MessageBar* m_messages = nullptr;
    ReplayBar* m_replay = nullptr;
    StatusLine* m_status = nullptr;
    QComboBox* m_dataset_combo = nullptr;
    QLabel* m_problem = nullptr;
    QAction *m_start = nullptr, *m_pause = nullptr, *m_step = nullptr, *m_stop = nullptr, *m_reset = nullptr;
    DiscardQuestion m_ask;
    GuidedTour* m_tour = nullptr;
};

}  // namespace dae::ui
