#include "widgets/message_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace dae::ui {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("message-bar"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(
        QStringLiteral("#message-bar { background: #fff4d6; border: 1px solid #e0c070; border-radius: 4px; }"));
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close = new QToolButton(this);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close the message"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &MessageBar::clear);
    hide();
}

void MessageBar::showMessage(const QString& text, int ms) {
    m_text->setText(text);
    setVisible(!text.isEmpty());
    const int serial = ++m_serial;
    if (ms > 0)
        QTimer::singleShot(ms, this, [this, serial] {
            if (serial == m_serial) clear();
        });
}

void MessageBar::clear() {
    ++m_serial;
    m_text->clear();
    hide();
}

QString MessageBar::text() const { return m_text->text(); }

NoteLabel::NoteLabel(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("note"));
    setStyleSheet(QStringLiteral("#note { background: #eaf2fb; border: 1px solid #9cbde0; border-radius: 4px; }"));
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text);
    hide();
}

void NoteLabel::setNote(const QString& text) {
    m_text->setText(text);
    setVisible(!text.isEmpty());
}

QString NoteLabel::note() const { return m_text->text(); }

QString untrained_note() {
    return QObject::tr("This model is <b>untrained</b> (random weights): where it takes a digit says nothing yet. "
                       "Train it in the Train workspace, or open a trained model (File → Open model).");
}

}  // namespace dae::ui
