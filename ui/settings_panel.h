// Model and training settings as a form. config() builds a TrainingConfig; every edit re-runs
// TrainingConfig::validate() and shows the reason when the settings are absurd (Start is then
// disabled by the window). Persisted with QSettings through the core's named options.
#pragma once

#include "dae/training.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSettings;
class QSpinBox;

namespace dae::ui {

class SettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPanel(QWidget* parent = nullptr);

    TrainingConfig config() const;
    void setConfig(const TrainingConfig& config);
    // Validates against a training set of `train_size` samples; the message is shown in the panel.
    bool validate(Index train_size, QString* why = nullptr);
    void setTrainSize(Index n);

    void save(QSettings& settings) const;
    void restore(QSettings& settings);
    void setNoiseLevel(double level);  // from the slider, without emitting changed()

signals:
    void changed();
    void corruptionTypeChanged(dae::CorruptionType type);

private:
    QComboBox* m_preset;
    QSpinBox* m_hidden;
    QCheckBox* m_tied;
    QComboBox *m_encoder, *m_decoder, *m_init, *m_loss, *m_corruption;
    QDoubleSpinBox *m_level, *m_lr, *m_annealing, *m_momentum, *m_sparsity, *m_contraction, *m_decay;
    QSpinBox *m_batch, *m_walkback, *m_epochs, *m_seed;
    QLabel* m_problem;
    Index m_train_size = -1;
    bool m_loading = false;
};

}  // namespace dae::ui
