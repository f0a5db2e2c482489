// The training settings as a form bound to the SettingsModel: every field shows the model's
// value and writes what is typed back to it; a field whose value is not allowed is marked, and
// the reason is repeated above the form (problemText) — nothing is snapped. Two recipes set the
// papers' settings at once.
#pragma once

#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;

namespace dae::ui {

class NumberField;
class SettingsModel;

class SettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPanel(SettingsModel* model, QWidget* parent = nullptr);
    SettingsModel* model() const { return m_model; }
    NumberField* field(const std::string& key) const;  // numeric options (tests)
    QComboBox* choice(const std::string& key) const;   // enumerations
    QString problemText() const;
    // Every field in the order Tab visits them: the order on screen, top to bottom.
    const std::vector<QWidget*>& focusOrder() const { return m_focus_order; }
    void focusFirstField();

private:
    void refresh(const QString& key);

    SettingsModel* m_model;
    std::map<std::string, NumberField*> m_numbers;
    std::map<std::string, QComboBox*> m_choices;
    QCheckBox* m_tied;
    QComboBox* m_preset;
    QLabel* m_problem;
    bool m_updating = false;
    std::vector<QWidget*> m_focus_order;
};

}  // namespace dae::ui
