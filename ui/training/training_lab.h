// The training lab's logic, without widgets: the data (a data set's partition, with its one
// split rule), the settings model, the training session, the replay history and the crash-safe
// autosave. MainWindow shows it and asks the person; this class decides what happens.
#pragma once

#include "dae/provenance.h"
#include "training/settings_model.h"
#include "training/snapshot_ring.h"
#include "training/training_session.h"

#include <QObject>
#include <QString>

class QSettings;

namespace dae::ui {

class TrainingLab : public QObject {
    Q_OBJECT
public:
    // `settings` (the application's store) holds the settings and locates the autosave.
    TrainingLab(QSettings* settings, QObject* parent = nullptr);

    // A data set by id with its default split (the full MNIST: 50,000 random training digits train,
    // the other 10,000 validate; its test set is kept apart). dae::Error when it cannot be loaded.
    void setData(const std::string& id, DataSource source);
    const std::string& datasetId() const { return m_id; }
    const DataSource& source() const { return *m_source; }
    const Partition& partition() const { return *m_partition; }
    const SharedSource& sharedSource() const { return m_source; }
    const SharedPartition& sharedPartition() const { return m_partition; }
    SplitSpec split() const { return m_source->default_split; }

    SettingsModel* settings() { return &m_settings; }
    TrainingSession* session() { return &m_session; }
    SnapshotRing& ring() { return m_ring; }

    // Run control. reset(): a new run from the settings (false when they are invalid: the old
    // run is then dropped). startOrResume(): a paused run resumes; an ended one starts anew.
    // `history`: the learning curves of the epochs before this run's (a resumed autosave's).
    bool reset(std::vector<EpochReport> history = {});
    void startOrResume();
    void step();
    bool runEnded() const;
    bool settingsDirty() const { return m_settings_dirty; }
    // Trained samples not yet saved to a file (what Reset, Start after Stop, closing or opening
    // another model would discard).
    bool hasUnsavedWork() const;
    bool wouldDiscard() const;  // startOrResume() would start a new run over unsaved work

    // The model shown: its file name (empty for a new one), the epochs it has been trained in all
    // (a file's own and this run's), and whether it is trained at all — for the title, the status
    // line and the views that have nothing to show for an untrained model.
    QString modelName() const { return m_model_name; }
    int modelEpochs() const;
    int epochsBefore() const { return m_epochs_before; }  // a loaded model's own, before this run's
    bool modelTrained() const;
    QString modelDescription() const;  // "trained.dae: 12 epochs", "new model: untrained"

    // The application's settings: what restoring them skipped ("key = 'value' (why)"), and
    // saving them (false with the file and the reason when the store cannot be written).
    const QStringList& settingsProblems() const { return m_settings_problems; }
    bool saveSettings(QString* error);

    // Files. Models carry their provenance (data set, split, settings, threads).
    bool saveModel(const QString& path, QString* error);
    bool loadModel(const QString& path, QString* error);
    QString autosavePath() const;  // its folder exists (created when missing)
    void setAutosaveInterval(int ms) { m_autosave_ms = ms; }
    // An autosave of an interrupted run on this data set: its description ("epoch 3 of 100"), or empty.
    QString pendingAutosave(QString* error) const;
    bool resumeAutosave(QString* error);
    void discardAutosave();

signals:
    void dataChanged();
    void runReset();      // the views clear (curves, replay)
    void modelChanged();  // another model, or one saved under a name
    // The learning curves of the model's earlier training (an opened file's, a resumed autosave's),
    // each epoch with the samples seen by its end: for the loss chart.
    void historyShown(const std::vector<dae::EpochReport>& epochs, const std::vector<double>& samples);
    void message(const QString& text);

private:
    Provenance provenance() const;
    void showHistory(const TrainingConfig& config);

    QSettings* m_store;
    std::string m_id;
    SharedSource m_source = std::make_shared<const DataSource>();
    SharedPartition m_partition = std::make_shared<const Partition>();
    SettingsModel m_settings;
    SnapshotRing m_ring;
    QStringList m_settings_problems;
    bool m_settings_dirty = false;
    bool m_loading = false;
    Index m_saved_samples = 0;  // samples_seen of the last save (or load)
    QString m_model_name;
    std::vector<EpochReport> m_history;  // the curves of the model's training before this run
    std::vector<EpochReport> m_run;      // and this run's
    int m_epochs_before = 0;             // epochs a loaded model had been trained before this run
    bool m_loaded = false;
    int m_autosave_ms = 60000;
    TrainingSession m_session;  // last: its thread is joined first
};

}  // namespace dae::ui
