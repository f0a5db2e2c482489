// The iteration's settings, in the Dynamics tab: the stopping rule (the paper's shared step, or
// daelab's per-sample freeze), ε, the step cap, the stop fraction, the reference step i₀ of dᵢ,
// the outcome definition and its thresholds. Defaults: Bahdanau & Jaeger's §5.4.
#pragma once

#include "dae/evaluation.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace dae::ui {

class IterationSettings : public QWidget {
    Q_OBJECT
public:
    explicit IterationSettings(QWidget* parent = nullptr);
    EvaluationConfig config() const;
    void setConfig(const EvaluationConfig& c);

signals:
    void changed();

private:
    QComboBox *m_rule, *m_definition;
    QDoubleSpinBox *m_epsilon, *m_fraction, *m_explosion, *m_stain;
    QSpinBox *m_cap, *m_reference;
    bool m_loading = false;
};

// "What do these outcomes mean?": the paper's words for each outcome, with the thresholds in use.
QString outcome_legend_html(const EvaluationConfig& config);

}  // namespace dae::ui
