// A message across the window, under the toolbar (as KDE's KMessageWidget): a sentence that wraps
// to as many lines as it needs, with a close button, hidden while there is nothing to say. The
// status line keeps its one row for the readout; what the program says to the person goes here.
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace dae::ui {

class MessageBar : public QFrame {
    Q_OBJECT
public:
    explicit MessageBar(QWidget* parent = nullptr);
    // Shows `text` for `ms` milliseconds (0: until closed or replaced).
    void showMessage(const QString& text, int ms = 10000);
    void clear();
    QString text() const;

private:
    QLabel* m_text;
    QToolButton* m_close;
    int m_serial = 0;  // of the message shown, so that an old timer never hides a newer one
};

// A note at the top of a view about what it shows (e.g. that the model is untrained), hidden while
// there is none. It wraps.
class NoteLabel : public QFrame {
    Q_OBJECT
public:
    explicit NoteLabel(QWidget* parent = nullptr);
    void setNote(const QString& text);  // empty: hidden
    QString note() const;

private:
    QLabel* m_text;
};

// The one sentence every view that iterates a model says of an untrained one.
QString untrained_note();

}  // namespace dae::ui
