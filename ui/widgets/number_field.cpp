#include "widgets/number_field.h"

#include <QKeyEvent>
#include <QLocale>
#include <QWheelEvent>

#include <cmath>

namespace dae::ui {

NumberField::NumberField(QWidget* parent, bool integer, double step)
    : QLineEdit(parent), m_integer(integer), m_step(step) {
    setMaximumWidth(130);
    connect(this, &QLineEdit::textEdited, this, &NumberField::edited);
}

bool NumberField::value(double* out) const {
    bool ok = false;
    const double v = text().trimmed().toDouble(&ok);  // C locale: "1e9", "0.001", "-3"
    if (!ok || !std::isfinite(v)) return false;
    *out = v;
    return true;
}

void NumberField::setValue(double v) {
    const QString t =
        m_integer ? QString::number(static_cast<long long>(std::llround(v))) : QString::number(v, 'g', 10);
    if (t != text()) setText(t);
}

void NumberField::setProblem(const QString& why) {
    if (why == m_problem) return;
    if (m_problem.isEmpty()) m_tip = toolTip();
    m_problem = why;
    setStyleSheet(why.isEmpty() ? QString() : QStringLiteral("QLineEdit { border: 2px solid #b00020; }"));
    setToolTip(why.isEmpty() ? m_tip : why);
}

void NumberField::stepBy(int steps) {
    double v = 0;
    if (!value(&v)) return;
    setValue(v + steps * m_step);
    emit edited();
}

void NumberField::keyPressEvent(QKeyEvent* e) {
    if (e->key() == Qt::Key_Up || e->key() == Qt::Key_Down) {
        stepBy(e->key() == Qt::Key_Up ? 1 : -1);
        return;
    }
    QLineEdit::keyPressEvent(e);
}

void NumberField::wheelEvent(QWheelEvent* e) {
    if (!hasFocus()) return QLineEdit::wheelEvent(e);
    stepBy(e->angleDelta().y() > 0 ? 1 : -1);
}

}  // namespace dae::ui
