// The status bar of the training lab: the worker's state, the epoch and samples, the rate and the
// time left, a progress bar — and a message line of its own, so that a message (an autosave that
// failed, a hint) never hides the epoch readout.
#pragma once

#include "training/training_snapshot.h"

#include <QObject>

class QLabel;
class QProgressBar;
class QStatusBar;

namespace dae::ui {

class StatusLine : public QObject {
    Q_OBJECT
public:
    explicit StatusLine(QStatusBar* bar);
    void setState(WorkerState state);
    void showSnapshot(const TrainingSnapshot& s);
    void clearRun();
    void showMessage(const QString& text, int ms = 10000);
    QString epochText() const;
    QString messageText() const;

private:
    QLabel *m_state, *m_epoch, *m_rate, *m_message;
    QProgressBar* m_progress;
};

QString format_eta(double seconds);

}  // namespace dae::ui
