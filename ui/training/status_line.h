// The window's one status line: which model is shown (its name, how far it was trained, the data
// set), the training run's state, epoch, rate and time left (only while it runs), every other
// background job with its progress and time left (the judge, a whole-set iteration, a sweep, the
// phase grid …), and a message line of its own, so that a message never hides the readout.
#pragma once

#include "training/training_snapshot.h"

#include <QElapsedTimer>
#include <QObject>

#include <map>

class QLabel;
class QProgressBar;
class QStatusBar;

namespace dae::ui {

class MessageBar;

class StatusLine : public QObject {
    Q_OBJECT
public:
    // The readout goes into `bar`; messages into `messages` (a MessageBar that wraps them).
    StatusLine(QStatusBar* bar, MessageBar* messages);
    void setState(WorkerState state);
    void showSnapshot(const TrainingSnapshot& s);
    void clearRun();
    void setModelText(const QString& text);  // "trained.dae: 12 epochs · mnist"
    void showMessage(const QString& text, int ms = 10000);
    void clearMessage();
    // A background job's progress, 0 … 1 (shown with the time left once it can be estimated), and its end.
    void setJob(const QString& name, double fraction);
    void endJob(const QString& name);
    QString epochText() const;
    QString rateText() const;
    QString messageText() const;
    QString modelText() const;
    QString jobsText() const;

private:
    void showJobs();
    void showRun();
    struct Job {
        double fraction = 0;
        QElapsedTimer clock;
    };
    QLabel *m_model, *m_run, *m_jobs;
    MessageBar* m_messages;
    QProgressBar* m_progress;
    QString m_epoch, m_rate;
    WorkerState m_worker = WorkerState::Idle;
    std::map<QString, Job> m_running;
};

QString format_eta(double seconds);

}  // namespace dae::ui
