#include "training/settings_panel.h"

#include "dae/training_options.h"
#include "training/settings_model.h"
#include "widgets/number_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace dae::ui {

namespace {

// The setting's label, what it does and where it comes from in the papers.
QString tip(const TrainingSetting& s) {
    QString t = QStringLiteral("<b>%1</b> (%2)<br>%3")
                    .arg(option_label(s.key), QString::fromLatin1(s.key), QString::fromUtf8(s.help).toHtmlEscaped());
    if (*s.source) t += QStringLiteral("<br><i>%1</i>").arg(QString::fromUtf8(s.source).toHtmlEscaped());
    return t;
}

}  // namespace

SettingsPanel::SettingsPanel(SettingsModel* model, QWidget* parent) : QWidget(parent), m_model(model) {
    m_preset = new QComboBox(this);
    m_preset->addItem(tr("Choose a recipe…"));
    for (const TrainingPreset& p : training_presets())
        m_preset->addItem(QCoreApplication::translate("Settings", p.title), QString::fromLatin1(p.name));
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_preset->setMinimumContentsLength(16);
    m_preset->setToolTip(tr("Sets every field to a paper's set-up: Bahdanau & Jaeger 2014 §5.2–5.3 or Vincent et al. "
                            "2008 §2.3 and Fig. 3"));
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_advanced = new QToolButton(this);
    m_advanced->setCheckable(true);
    m_advanced->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advanced->setArrowType(Qt::RightArrow);
    m_advanced->setAutoRaise(true);
    m_advanced->setToolTip(tr("Activations, initialisation, walkback variant, minibatch order, momentum, seed and "
                              "regularisers"));
    m_focus_order.push_back(m_preset);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_preset);
    layout->addWidget(m_problem);
    // One box per group of the schema, in its order; each setting a row made from its entry.
    std::map<std::string, QFormLayout*> boxes;
    for (const TrainingSetting& s : training_settings()) {
        QFormLayout*& form = boxes[s.group];
        if (!form) {
            auto* box = new QGroupBox(QString::fromUtf8(s.group), this);
            form = new QFormLayout(box);
            layout->addWidget(box);
            m_boxes.push_back(box);
        }
        QWidget* w = nullptr;
        if (s.kind == SettingKind::Flag) {
            auto* c = new QCheckBox(option_label(s.key), this);
            connect(c, &QCheckBox::toggled, this, [this, key = std::string(s.key)](bool on) {
                if (!m_updating) m_model->setOption(key, on ? QStringLiteral("true") : QStringLiteral("false"));
            });
            m_flags[s.key] = c;
            form->addRow(QString(), c);
            w = c;
        } else if (s.kind == SettingKind::Choice) {
            auto* c = new QComboBox(this);
            for (const std::string& name : s.choices)
                c->addItem(QString::fromStdString(name), QString::fromStdString(name));
            // As wide as a short name, not as its longest entry: the panel fits beside the pictures.
            c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            c->setMinimumContentsLength(9);
            connect(c, &QComboBox::activated, this, [this, key = std::string(s.key), c] {
                if (!m_updating) m_model->setOption(key, c->currentData().toString());
            });
            m_choices[s.key] = c;
            form->addRow(option_label(s.key), c);
            w = c;
        } else {
            auto* f = new NumberField(this, s.kind == SettingKind::Integer, s.step);
            connect(f, &NumberField::edited, this, [this, key = std::string(s.key), f] {
                if (!m_updating) m_model->setOption(key, f->text());
            });
            m_numbers[s.key] = f;
            form->addRow(option_label(s.key), f);
            w = f;
        }
        w->setToolTip(tip(s));
        w->setObjectName(QString::fromLatin1(s.key));
        m_rows.push_back({form, w, s.advanced});
        m_focus_order.push_back(w);
    }
    layout->addWidget(m_advanced);
    layout->addStretch(1);
    m_focus_order.push_back(m_advanced);
    // Tab moves through the fields as they stand on screen, top to bottom (not in creation order).
    for (std::size_t i = 1; i < m_focus_order.size(); ++i)
        setTabOrder(m_focus_order[i - 1], m_focus_order[i]);

    wire();
}

void SettingsPanel::wire() {
    connect(m_advanced, &QToolButton::toggled, this, &SettingsPanel::setAdvancedShown);
    connect(m_preset, &QComboBox::activated, this, [this](int i) {
        if (const auto c = training_preset(m_preset->itemData(i).toString().toStdString())) m_model->setConfig(*c);
        m_preset->setCurrentIndex(0);
    });
    connect(m_model, &SettingsModel::changed, this, &SettingsPanel::refresh);
    setAdvancedShown(false);
    refresh({});
}

void SettingsPanel::setAdvancedShown(bool shown) {
    m_advanced->setChecked(shown);
    m_advanced->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_advanced->setText(shown ? tr("Fewer settings") : tr("Advanced settings"));
    for (const Row& r : m_rows)
        if (r.advanced) r.form->setRowVisible(r.widget, shown);
    // A box whose every row is advanced folds away with them.
    for (QGroupBox* box : m_boxes) {
        auto* form = static_cast<QFormLayout*>(box->layout());
        bool any = false;
        for (const Row& r : m_rows)
            any = any || (r.form == form && (!r.advanced || shown));
        box->setVisible(any);
    }
}

bool SettingsPanel::advancedShown() const { return m_advanced->isChecked(); }

NumberField* SettingsPanel::field(const std::string& key) const {
    const auto it = m_numbers.find(key);
    return it == m_numbers.end() ? nullptr : it->second;
}

QComboBox* SettingsPanel::choice(const std::string& key) const {
    const auto it = m_choices.find(key);
    return it == m_choices.end() ? nullptr : it->second;
}

QCheckBox* SettingsPanel::flag(const std::string& key) const {
    const auto it = m_flags.find(key);
    return it == m_flags.end() ? nullptr : it->second;
}

QWidget* SettingsPanel::editor(const std::string& key) const {
    if (QWidget* w = field(key)) return w;
    if (QWidget* w = choice(key)) return w;
    return flag(key);
}

QString SettingsPanel::problemText() const { return m_problem->text(); }

void SettingsPanel::focusFirstField() { m_focus_order.front()->setFocus(Qt::ShortcutFocusReason); }

void SettingsPanel::refresh(const QString& changed_key) {
    m_updating = true;
    for (auto& [key, f] : m_numbers) {
        // The field being typed in keeps its text; the others show the model's value.
        if (QString::fromStdString(key) != changed_key || !f->hasFocus()) {
            const QString t = m_model->text(key);
            if (f->text() != t) f->setText(t);
        }
        f->setProblem(m_model->problem(key));
    }
    for (auto& [key, c] : m_choices)
        c->setCurrentIndex(std::max(0, c->findData(m_model->text(key))));
    for (auto& [key, c] : m_flags)
        c->setChecked(m_model->text(key) == QLatin1String("true"));
    m_numbers.at("level")->setEnabled(m_model->config().corruption.type != CorruptionType::None);
    m_choices.at("walkback-variant")->setEnabled(m_model->config().walkback > 1);
    m_updating = false;
    const QString p = m_model->firstProblem();
    m_problem->setText(p.isEmpty() ? QString() : tr("Cannot train: %1").arg(p));
}

}  // namespace dae::ui
