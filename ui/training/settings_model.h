// The training lab's settings — ONE object that the settings panel's fields, the reconstruction
// panel's noise controls and the training session bind to. Each option keeps what was typed: a
// value that is not a number, or outside the option's one range (the core's
// training_option_range(), the same TrainingConfig::validate() checks), becomes a problem of that
// field, shown beside it and next to Start; nothing is snapped or clamped.
// The corruption (type and level) is live: a change reaches a running trainer from its next
// minibatch (corruptionChanged); every other change takes effect with the next run.
#pragma once

#include "dae/training.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <map>
#include <string>

class QSettings;

namespace dae::ui {

class SettingsModel : public QObject {
    Q_OBJECT
public:
    explicit SettingsModel(QObject* parent = nullptr);

    const TrainingConfig& config() const { return m_config; }
    void setConfig(const TrainingConfig& config);  // every option; clears the typing problems
    // One option by its core name (training_options.h) as typed. A number out of range is kept
    // (and reported by problem()); text that is no number leaves the old value and is reported.
    void setOption(const std::string& key, const QString& text);
    QString text(const std::string& key) const;  // what the field shows

    void setCorruption(const Corruption& c);

    void setTrainSize(Index n);
    Index trainSize() const { return m_train_size; }
    // The problem of one field ("" when fine), and the first problem of all, with its field.
    QString problem(const std::string& key) const;
    bool valid() const { return firstProblem().isEmpty(); }
    QString firstProblem(std::string* key = nullptr) const;

    void save(QSettings& settings) const;
    // Stale or hand-edited entries are skipped, the rest applies; returns what was skipped and why
    // ("hidden = 'banana': …"), for the window to say so.
    QStringList restore(QSettings& settings);

signals:
    void changed(const QString& key);  // one option, or "" for many
    void corruptionChanged(const dae::Corruption& corruption);

private:
    void emitChanged(const std::string& key, const Corruption& before);
    TrainingConfig m_config;
    std::map<std::string, QString> m_unparsed;  // key → text that is not a valid value
    Index m_train_size = -1;
};

// People's names of the options, for the fields and the problems ("learning rate ρ").
QString option_label(const std::string& key);

}  // namespace dae::ui
