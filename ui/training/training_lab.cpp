#include "training/training_lab.h"

#include "dae/checkpoint.h"
#include "dae/error.h"
#include "dae/model_io.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include <utility>

namespace dae::ui {

TrainingLab::TrainingLab(QSettings* settings, QObject* parent) : QObject(parent), m_store(settings) {
    m_settings_problems = m_settings.restore(*m_store);
    // Settings edits: the corruption is live (from the next minibatch); the rest waits for the
    // next run — at once while nothing has trained yet, else after Reset.
    connect(&m_settings, &SettingsModel::corruptionChanged, this, [this](const Corruption& c) {
        if (m_settings.valid()) m_session.setCorruption(c);
    });
    connect(&m_settings, &SettingsModel::changed, this, [this](const QString& key) {
        if (m_loading || key == QLatin1String("level") || key == QLatin1String("corruption")) return;
        if (m_session.state() == WorkerState::Idle &&
            (!m_session.hasSnapshot() || m_session.latest().samples_seen == 0)) {
            reset();
            return;
        }
        m_settings_dirty = true;
        emit message(tr("Settings changed: Reset (Ctrl+R) trains with them; Resume continues the current run"));
    });
    connect(&m_session, &TrainingSession::epochFinished, this, [this](const EpochReport& e) { m_run.push_back(e); });
    connect(&m_session, &TrainingSession::snapshot, this, [this](const TrainingSnapshot& s) {
        if (s.epoch > m_ring.lastEpoch() && s.batch == 0) m_ring.push(s.epoch, s.model);
    });
}

void TrainingLab::setData(const std::string& id, DataSource source) {
    m_id = id;
    m_source = std::make_shared<const DataSource>(std::move(source));
    m_partition = std::make_shared<const Partition>(make_partition(*m_source, m_source->default_split));
    const bool loading = std::exchange(m_loading, true);  // one reset below, not a second one from this
    m_settings.setTrainSize(m_partition->train.size());
    m_loading = loading;
    m_saved_samples = 0;
    emit dataChanged();
    reset();
}

Provenance TrainingLab::provenance() const {
    Provenance p;
    p.dataset = m_id;
    p.split = m_source->default_split;
    p.settings = m_settings.config();
    p.threads = compute_threads();
    p.curves = m_history;
    return p;
}

void TrainingLab::showHistory(const TrainingConfig& config) {
    if (m_history.empty()) return;
    const Index batch = std::max<Index>(1, config.batch);
    const double per_epoch = static_cast<double>(m_partition->train.size() / batch * batch);
    std::vector<double> samples;
    for (const EpochReport& e : m_history)
        samples.push_back((e.epoch + 1) * per_epoch);
    emit historyShown(m_history, samples);
}

bool TrainingLab::runEnded() const {
    const WorkerState s = m_session.state();
    return s == WorkerState::Stopped || s == WorkerState::Finished || s == WorkerState::Diverged;
}

bool TrainingLab::hasUnsavedWork() const {
    return m_session.hasSnapshot() && m_session.latest().samples_seen > m_saved_samples;
}

bool TrainingLab::wouldDiscard() const { return (m_settings_dirty || runEnded()) && hasUnsavedWork(); }

int TrainingLab::modelEpochs() const {
    return m_epochs_before + (m_session.hasSnapshot() ? m_session.latest().epoch : 0);
}

bool TrainingLab::modelTrained() const {
    return m_loaded || (m_session.hasSnapshot() && m_session.latest().samples_seen > 0);
}

QString TrainingLab::modelDescription() const {
    const QString name = m_model_name.isEmpty() ? tr("new model") : m_model_name;
    if (!modelTrained()) return tr("%1: untrained").arg(name);
    const int epochs = modelEpochs();
    if (epochs == 0) return tr("%1: trained less than an epoch").arg(name);
    return epochs == 1 ? tr("%1: 1 epoch").arg(name) : tr("%1: %2 epochs").arg(name).arg(epochs);
}

bool TrainingLab::reset(std::vector<EpochReport> history) {
    m_history = std::move(history);
    m_run.clear();
    m_ring.clear();
    m_settings_dirty = false;
    m_saved_samples = 0;
    m_model_name.clear();
    m_epochs_before = 0;
    m_loaded = false;
    emit modelChanged();
    emit runReset();
    if (!m_settings.valid()) {
        m_session.invalidate();  // the old run must not go on behind invalid settings
        return false;
    }
    TrainingConfig c = m_settings.config();
    c.model.visible = m_partition->train.dim();
    m_session.configure(c, m_partition->train.samples, m_partition->validation.samples, provenance(), autosavePath(),
                        m_autosave_ms);
    return true;
}

void TrainingLab::startOrResume() {
    // A paused run resumes as it was (edited settings wait for Reset); an ended one starts anew.
    if (runEnded() || m_settings_dirty) {
        if (!reset()) return;
    }
    m_session.start();
}

void TrainingLab::step() {
    if (runEnded() && !reset()) return;
    m_session.step();
}

bool TrainingLab::saveSettings(QString* error) {
    m_settings.save(*m_store);
    m_store->sync();
    // FormatError only says the file had unreadable lines when it was read: Qt rewrites it whole.
    if (m_store->status() != QSettings::AccessError) return true;
    if (error)
        *error = tr("%1: cannot write the settings (no access: a missing folder, a read-only disk?)")
                     .arg(m_store->fileName());
    return false;
}

bool TrainingLab::saveModel(const QString& path, QString* error) {
    if (!m_session.hasSnapshot()) {
        if (error) *error = tr("there is no model yet");
        return false;
    }
    try {
        const TrainingSnapshot& snap = m_session.latest();
        if (path.endsWith(QLatin1String(".npz"), Qt::CaseInsensitive)) {
            export_npz(path.toStdString(), snap.model);
        } else {
            Provenance p = provenance();
            p.settings = snap.config;  // the run's own settings (the panel may have been edited since)
            p.epochs_trained = m_epochs_before + snap.epoch;
            for (EpochReport e : m_run) {  // after a loaded model's own epochs
                e.epoch += m_epochs_before;
                p.curves.push_back(e);
            }
            p.status = worker_state_name(m_session.state());
            save_model(path.toStdString(), {snap.model, p});
        }
        m_saved_samples = snap.samples_seen;
        m_model_name = QFileInfo(path).fileName();
        emit modelChanged();
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

bool TrainingLab::loadModel(const QString& path, QString* error) {
    try {
        Autoencoder model;
        int epochs = 0;
        std::vector<EpochReport> history;
        TrainingConfig c = m_settings.config();
        if (path.endsWith(QLatin1String(".npz"), Qt::CaseInsensitive)) {
            model = import_npz(path.toStdString(), c.model.encoder, c.model.decoder);
        } else {
            const SavedModel saved = load_model(path.toStdString());
            model = saved.model;
            epochs = saved.provenance.epochs_trained;
            history = saved.provenance.curves;
            if (saved.provenance.settings) c = *saved.provenance.settings;  // the settings it was trained with
        }
        if (model.visible() != m_partition->train.dim())
            throw Error(path.toStdString() + ": the model takes " + std::to_string(model.visible()) +
                        " values per sample, the data set '" + m_id + "' has " +
                        std::to_string(m_partition->train.dim()));
        c.model = model.config();
        m_loading = true;  // one reset below, not one per changed field
        m_settings.setConfig(c);
        m_loading = false;
        if (!reset(history))
            throw Error(tr("the current settings are invalid for this model; fix them first").toStdString());
        m_session.loadModel(model);
        m_model_name = QFileInfo(path).fileName();
        m_epochs_before = epochs;
        m_loaded = true;
        emit modelChanged();
        showHistory(c);
    } catch (const std::exception& e) {
        m_loading = false;
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

QString TrainingLab::autosavePath() const {
    const QString dir = QFileInfo(m_store->fileName()).absolutePath();
    QDir().mkpath(dir);  // on a first start the settings folder does not exist yet
    return dir + QStringLiteral("/daelab-autosave.ckpt");
}

QString TrainingLab::pendingAutosave(QString* error) const {
    if (!QFileInfo::exists(autosavePath())) return {};
    try {
        const Checkpoint c = load_checkpoint(autosavePath().toStdString());
        if (c.provenance.dataset != m_id) return {};
        return tr("epoch %1 of %2").arg(c.state.epoch + 1).arg(c.config.epochs);
    } catch (const std::exception& e) {
        if (error) *error = tr("An autosave was found but cannot be read: %1").arg(QString::fromStdString(e.what()));
        return {};
    }
}

bool TrainingLab::resumeAutosave(QString* error) {
    try {
        const Checkpoint c = load_checkpoint(autosavePath().toStdString());
        if (c.train_rows != m_partition->train.dim() || c.train_cols != m_partition->train.size())
            throw Error("the autosave was made on other data (" + std::to_string(c.train_cols) +
                        " training samples of " + std::to_string(c.train_rows) + " values)");
        m_loading = true;
        m_settings.setConfig(c.config);
        m_loading = false;
        if (!reset(c.provenance.curves)) throw Error("the autosaved settings are not valid here");
        m_session.restoreState(c.state);
        showHistory(c.config);  // the run goes on with its curves so far
    } catch (const std::exception& e) {
        m_loading = false;
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

void TrainingLab::discardAutosave() { QFile::remove(autosavePath()); }

}  // namespace dae::ui
