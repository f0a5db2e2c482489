// A field for one number that never changes what was typed: it accepts any number, scientific
// notation included ("1e-3"), and steps with the arrow keys and the mouse wheel; a value outside
// the setting's range is kept as typed and marked (red frame, tooltip) by setProblem(), never
// clamped or snapped back. The range is checked by whoever owns the setting (SettingsModel).
#pragma once

#include <QLineEdit>

namespace dae::ui {

class NumberField : public QLineEdit {
    Q_OBJECT
public:
    explicit NumberField(QWidget* parent = nullptr, bool integer = false, double step = 1);

    // The number typed; false when the text is not a number (then *value is unchanged).
    bool value(double* value) const;
    void setValue(double v);  // shows v without emitting edited()
    void setStep(double step) { m_step = step; }
    void setProblem(const QString& why);  // empty: none
    bool hasProblem() const { return !m_problem.isEmpty(); }
    bool isInteger() const { return m_integer; }

signals:
    void edited();  // the text changed by the user (typing, arrow keys, wheel)

protected:
    void keyPressEvent(QKeyEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;

private:
    void stepBy(int steps);
    bool m_integer;
    double m_step;
    QString m_problem, m_tip;
};

}  // namespace dae::ui
