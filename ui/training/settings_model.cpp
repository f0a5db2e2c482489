#include "training/settings_model.h"

#include "dae/training_options.h"

#include <QCoreApplication>
#include <QSettings>

#include <cmath>

namespace dae::ui {

QString option_label(const std::string& key) {
    const TrainingSetting* s = find_training_setting(key);
    return s ? QCoreApplication::translate("Settings", s->label) : QString::fromStdString(key);
}

SettingsModel::SettingsModel(QObject* parent) : QObject(parent) {}

void SettingsModel::emitChanged(const std::string& key, const Corruption& before) {
    emit changed(QString::fromStdString(key));
    if (!(m_config.corruption == before)) emit corruptionChanged(m_config.corruption);
}

void SettingsModel::setConfig(const TrainingConfig& config) {
    const Corruption before = m_config.corruption;
    m_config = config;
    m_unparsed.clear();
    emitChanged({}, before);
}

void SettingsModel::setOption(const std::string& key, const QString& text) {
    const Corruption before = m_config.corruption;
    std::string why;
    TrainingConfig c = m_config;
    if (set_training_option(c, key, text.trimmed().toStdString(), &why)) {
        m_config = c;
        m_unparsed.erase(key);
    } else {
        m_unparsed[key] = text;
    }
    emitChanged(key, before);
}

QString SettingsModel::text(const std::string& key) const {
    if (const auto it = m_unparsed.find(key); it != m_unparsed.end()) return it->second;
    const TrainingSetting* s = find_training_setting(key);
    if (!s) return {};
    if (s->numeric()) {  // numbers as people write them
        const double v = s->value(m_config);
        return s->kind == SettingKind::Integer ? QString::number(static_cast<long long>(v))
                                               : QString::number(v, 'g', 10);
    }
    return QString::fromStdString(s->get(m_config));
}

void SettingsModel::setCorruption(const Corruption& c) {
    const Corruption before = m_config.corruption;
    m_config.corruption = c;
    m_unparsed.erase("level");
    m_unparsed.erase("corruption");
    emitChanged("level", before);
}

void SettingsModel::setTrainSize(Index n) {
    m_train_size = n;
    emit changed(QString());
}

QString SettingsModel::problem(const std::string& key) const {
    if (m_unparsed.count(key))
        return tr("%1: '%2' is not a valid value").arg(option_label(key), m_unparsed.at(key).left(30));
    const TrainingSetting* s = find_training_setting(key);
    if (s && s->numeric() && !s->range_in(m_config).contains(s->value(m_config)))
        return tr("%1 must be %2").arg(option_label(key), QString::fromStdString(s->range_in(m_config).text()));
    if (key == "batch" && m_train_size >= 0 && m_config.batch > m_train_size)
        return tr("the minibatch is larger than the training set (%1 samples)").arg(m_train_size);
    return {};
}

QString SettingsModel::firstProblem(std::string* key) const {
    for (const auto& o : training_settings()) {
        const QString p = problem(o.key);
        if (!p.isEmpty()) {
            if (key) *key = o.key;
            return p;
        }
    }
    std::string why;
    if (!m_config.validate(&why, m_train_size)) {  // combinations (cross-entropy needs a sigmoid decoder, …)
        if (key) key->clear();
        return QString::fromStdString(why);
    }
    return {};
}

void SettingsModel::save(QSettings& settings) const {
    settings.beginGroup(QStringLiteral("training"));
    for (const auto& [key, value] : training_options(m_config))
        settings.setValue(QString::fromStdString(key), QString::fromStdString(value));
    settings.endGroup();
}

QStringList SettingsModel::restore(QSettings& settings) {
    TrainingConfig c;
    QStringList skipped;
    settings.beginGroup(QStringLiteral("training"));
    for (const QString& key : settings.childKeys()) {
        std::string why;
        const QString value = settings.value(key).toString();
        TrainingConfig next = c;  // an entry that would make valid settings invalid is skipped too
        if (set_training_option(next, key.toStdString(), value.toStdString(), &why) && next.validate(&why))
            c = next;
        else
            skipped << QStringLiteral("%1 = '%2' (%3)").arg(key, value.left(30), QString::fromStdString(why));
    }
    settings.endGroup();
    setConfig(c);
    return skipped;
}

}  // namespace dae::ui
