// The training settings as a form bound to the SettingsModel, made from the core's schema
// (training_options.h): one box per group, one row per setting (a number field, a choice or a
// check box) with its label and a tooltip of what it does and where the papers set it. The
// essentials show; the advanced ones fold away behind one button. Every field shows the model's
// value and writes what is typed back to it; a field whose value is not allowed is marked, and the
// reason is repeated above the form (problemText) — nothing is snapped. Two recipes set the papers'
// settings at once.
#pragma once

#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QToolButton;

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
    QCheckBox* flag(const std::string& key) const;     // true / false
    QWidget* editor(const std::string& key) const;     // whichever of the three the setting has
    void setAdvancedShown(bool shown);
    bool advancedShown() const;
    QString problemText() const;
    // Every field in the order Tab visits them: the order on screen, top to bottom.
    const std::vector<QWidget*>& focusOrder() const { return m_focus_order; }
    void focusFirstField();

private:
    // The recipe box, the fold and the model to the fields.
    void wire();
    void refresh(const QString& key);

    SettingsModel* m_model;
    std::map<std::string, NumberField*> m_numbers;
    std::map<std::string, QComboBox*> m_choices;
    std::map<std::string, QCheckBox*> m_flags;
    struct Row {
        QFormLayout* form;
        QWidget* widget;
        bool advanced;
    };
    std::vector<Row> m_rows;
    std::vector<QGroupBox*> m_boxes;
    QToolButton* m_advanced;
    QComboBox* m_preset;
    QLabel* m_problem;
    bool m_updating = false;
    std::vector<QWidget*> m_focus_order;
};

}  // namespace dae::ui
