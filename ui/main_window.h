#pragma once

#include "dae/dataset.h"
#include "snapshot_ring.h"
#include "training_snapshot.h"

#include <QMainWindow>
#include <QTimer>

class QAction;
class QComboBox;
class QLabel;
class QProgressBar;
class QSettings;
class QCheckBox;
class QSlider;
class QTabWidget;

namespace dae::ui {

class AtlasPanel;
class StackedPanel;
class SweepPanel;
class DynamicsPanel;
class FilterGrid;
class ToyPanel;
class LossChart;
class ReconstructionPanel;
class SampleGrid;
class SettingsPanel;
class TrainingSession;

// The daelab window: it assembles the panels and wires them to the training session. Panels get
// what they show through setters; the session owns the worker thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `settings` (may be null: the application's) is read now and written on close.
    explicit MainWindow(Dataset data, QSettings* settings = nullptr, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Parts, for tests and scripted screenshots.
    SampleGrid* sampleGrid() const { return m_samples; }
    FilterGrid* filterGrid() const { return m_filters; }
    ReconstructionPanel* reconstructions() const { return m_reconstructions; }
    LossChart* lossChart() const { return m_chart; }
    SettingsPanel* settingsPanel() const { return m_settings_panel; }
    TrainingSession* session() const { return m_session; }
    DynamicsPanel* dynamicsPanel() const { return m_dynamics; }
    ToyPanel* toyPanel() const { return m_toy; }
    AtlasPanel* atlasPanel() const { return m_atlas; }
    SweepPanel* sweepPanel() const { return m_sweep; }
    StackedPanel* stackedPanel() const { return m_stacked; }
    QTabWidget* tabs() const { return m_tabs; }
    // Replay: epoch-end snapshots of the current run; showReplay(i) shows entry i, −1 goes live.
    const SnapshotRing& replayRing() const { return m_ring; }
    void showReplay(int index);
    bool replaying() const { return m_replay_index >= 0; }
    const Dataset& dataset() const { return m_data; }
    QAction* startAction() const { return m_start; }
    QAction* pauseAction() const { return m_pause; }
    QAction* stepAction() const { return m_step; }
    QAction* stopAction() const { return m_stop; }
    QAction* resetAction() const { return m_reset; }

    void setDataset(Dataset data);
    bool loadModelFile(const QString& path, QString* error);
    // Crash safety: where the running session autosaves, and going on from that file.
    QString autosavePath() const;
    void setAutosaveInterval(int ms) { m_autosave_ms = ms; }
    bool resumeAutosave(QString* error);
    bool saveModelFile(const QString& path, QString* error);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void buildDocks();
    bool resetRun();  // false when the settings are invalid (the old run is then dropped)
    bool runEnded() const;
    void startOrResume();
    void onSnapshot(const TrainingSnapshot& s);
    void onState(WorkerState state, const QString& message);
    void onSettingsChanged();
    void updateActions();
    void chooseDataset(int index);
    void exportPng();
    void exportCurves();
    void saveModelDialog();
    void openModelDialog();

    Dataset m_data;
    Matrix m_train, m_validation;
    QSettings* m_settings;
    bool m_own_settings = false;
    TrainingSession* m_session;
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
    QTabWidget* m_tabs = nullptr;
    QComboBox* m_dataset_combo = nullptr;
    QAction *m_start = nullptr, *m_pause = nullptr, *m_step = nullptr, *m_stop = nullptr, *m_reset = nullptr;
    QLabel *m_state_label = nullptr, *m_epoch_label = nullptr, *m_rate_label = nullptr;
    QProgressBar* m_progress = nullptr;
    bool m_settings_dirty = false;  // settings changed since the run was configured
    bool m_loading_model = false;
    QString m_dataset_id;      // what load_dataset() takes to get m_data back
    int m_autosave_ms = 60000;
    void offerResume();
    QTimer m_reinit;
    SnapshotRing m_ring;
    int m_replay_index = -1;
    QSlider* m_replay = nullptr;
    QLabel* m_replay_label = nullptr;
    void showModel(const Autoencoder& model);
};

}  // namespace dae::ui
