#include "dynamics/iteration_settings.h"

#include "render/outcome_style.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

#include <cmath>

namespace dae::ui {

IterationSettings::IterationSettings(QWidget* parent) : QWidget(parent) {
    m_rule = new QComboBox(this);
    m_rule->addItem(tr("shared step (paper)"), int(StoppingRule::SharedStep));
    m_rule->addItem(tr("freeze each at its first small step"), int(StoppingRule::Freeze));
    m_rule->setToolTip(
        tr("Bahdanau & Jaeger §5.4: all samples iterate together and stop at the same step, once more than "
           "the stop fraction moved less than ε. 'Freeze' lets each sample leave at its first small step (faster)."));
    m_epsilon = new QDoubleSpinBox(this);
    m_epsilon->setDecimals(8);
    m_epsilon->setRange(1e-8, 1);
    m_epsilon->setSingleStep(1e-5);
    m_epsilon->setToolTip(tr("ε: a sample has settled while its step length ‖xⁱ − xⁱ⁻¹‖₂ < ε (paper: 10⁻⁴)"));
    m_cap = new QSpinBox(this);
    m_cap->setRange(1, 100000);
    m_cap->setToolTip(tr("The step cap: iteration ends here if the stop fraction has not settled by then (Bahdanau & "
                         "Jaeger §5.4 iterate until the criterion holds; daelab needs a bound)"));
    m_fraction = new QDoubleSpinBox(this);
    m_fraction->setRange(0, 1);
    m_fraction->setDecimals(3);
    m_fraction->setSingleStep(0.05);
    m_fraction->setToolTip(tr("A set stops once MORE than this share has settled (paper: 0.75)"));
    m_reference = new QSpinBox(this);
    m_reference->setRange(0, 100000);
    m_reference->setToolTip(tr("i₀ of the distances dᵢ = ‖xⁱ − x^{i₀}‖ in the plot (paper's Fig. 7: the 500th step)"));
    m_definition = new QComboBox(this);
    m_definition->addItem(tr("paper: no pixel > 0.95"), int(OutcomeDefinition::Paper));
    m_definition->addItem(tr("daelab: no pixel > 0.35"), int(OutcomeDefinition::Daelab));
    m_definition->setToolTip(
        tr("An explosion is \"a gray stain with no white pixels\"; the paper's white is > 0.95. Both "
           "definitions are always counted."));
    m_explosion = new QDoubleSpinBox(this);
    m_explosion->setRange(0, 1);
    m_explosion->setDecimals(3);
    m_explosion->setSingleStep(0.05);
    m_explosion->setToolTip(tr("An end point whose brightest pixel is at most this is an explosion (Bahdanau & Jaeger "
                               "§6.1: \"no white pixels\", white being > 0.95; the definition above sets it)"));
    m_stain = new QDoubleSpinBox(this);
    m_stain->setRange(0, 1);
    m_stain->setDecimals(2);
    m_stain->setSingleStep(0.05);
    m_stain->setToolTip(tr("A settled point the judge (an MLP, ≥ 97 % on test digits) reads with less confidence than "
                           "this is a stain: \"unrecognisable but mostly black and white pixels\" (Bahdanau & "
                           "Jaeger §6.1)"));
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Stopping rule"), m_rule);
    form->addRow(tr("ε"), m_epsilon);
    form->addRow(tr("Step cap"), m_cap);
    form->addRow(tr("Stop fraction"), m_fraction);
    form->addRow(tr("i₀ of dᵢ"), m_reference);
    form->addRow(tr("Explosion"), m_definition);
    form->addRow(tr("… max pixel ≤"), m_explosion);
    form->addRow(tr("Stain: judge <"), m_stain);
    setConfig(EvaluationConfig{});
    auto notify = [this] {
        if (!m_loading) emit changed();
    };
    for (QDoubleSpinBox* s : {m_epsilon, m_fraction, m_explosion, m_stain})
        connect(s, &QDoubleSpinBox::valueChanged, this, notify);
    for (QSpinBox* s : {m_cap, m_reference})
        connect(s, &QSpinBox::valueChanged, this, notify);
    connect(m_rule, &QComboBox::currentIndexChanged, this, notify);
    connect(m_definition, &QComboBox::currentIndexChanged, this, [this, notify] {
        if (m_loading) return;
        const QSignalBlocker b(m_explosion);
        m_explosion->setValue(
            OutcomeThresholds::of(OutcomeDefinition(m_definition->currentData().toInt())).explosion_max);
        notify();
    });
}

EvaluationConfig IterationSettings::config() const {
    EvaluationConfig c;
    c.iteration.rule = StoppingRule(m_rule->currentData().toInt());
    c.iteration.epsilon = m_epsilon->value();
    c.iteration.max_steps = m_cap->value();
    c.iteration.stop_fraction = m_fraction->value();
    c.iteration.reference_step = m_reference->value();
    c.definition = OutcomeDefinition(m_definition->currentData().toInt());
    c.thresholds.explosion_max = m_explosion->value();
    c.thresholds.stain_confidence = m_stain->value();
    return c;
}

void IterationSettings::setConfig(const EvaluationConfig& c) {
    m_loading = true;
    m_rule->setCurrentIndex(std::max(0, m_rule->findData(int(c.iteration.rule))));
    m_epsilon->setValue(c.iteration.epsilon);
    m_cap->setValue(c.iteration.max_steps);
    m_fraction->setValue(c.iteration.stop_fraction);
    m_reference->setValue(c.iteration.reference_step);
    m_definition->setCurrentIndex(std::max(0, m_definition->findData(int(c.definition))));
    m_explosion->setValue(c.thresholds.explosion_max);
    m_stain->setValue(c.thresholds.stain_confidence);
    m_loading = false;
    emit changed();
}

QString outcome_legend_html(const EvaluationConfig& c) {
    QString html =
        QObject::tr("<b>What do these outcomes mean?</b> (Bahdanau &amp; Jaeger 2014, §6.1; the judge is an MLP "
                    "trained on the original digits)<br>");
    for (int o = 0; o < kOutcomeCount; ++o)
        html += QStringLiteral("<span style='color:%1'>■</span> <b>%2</b>: %3<br>")
                    .arg(QString::fromLatin1(outcome_colour(Outcome(o))), QString::fromLatin1(outcome_name(Outcome(o))),
                         QString::fromStdString(
                             outcome_meaning(Outcome(o), c.thresholds.explosion_max, c.thresholds.stain_confidence))
                             .toHtmlEscaped());
    html += QObject::tr(
                "A sample <i>settles</i> while its step length ‖xⁱ − xⁱ⁻¹‖ is below ε = %1; the iteration stops at one "
                "step once more than %2 % of the set have settled (%3).")
                .arg(c.iteration.epsilon, 0, 'g', 3)
                .arg(100 * c.iteration.stop_fraction, 0, 'g', 3)
                .arg(c.iteration.rule == StoppingRule::SharedStep
                         ? QObject::tr("the paper's rule")
                         : QObject::tr("each sample frozen at its first small step"));
    return html;
}

}  // namespace dae::ui
