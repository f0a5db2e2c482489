#include "training/status_line.h"

#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>
#include <QTimer>

namespace dae::ui {

QString format_eta(double seconds) {
    if (!(seconds >= 0) || seconds > 1e7) return QStringLiteral("–");
    const int s = static_cast<int>(seconds);
    if (s >= 3600) return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60);
    if (s >= 60) return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 s").arg(s);
}

StatusLine::StatusLine(QStatusBar* bar) : QObject(bar) {
    m_state = new QLabel(bar);
    m_epoch = new QLabel(bar);
    m_rate = new QLabel(bar);
    m_message = new QLabel(bar);
    m_message->setStyleSheet(QStringLiteral("color: #8a4b00;"));
    m_message->setMinimumWidth(40);
    m_progress = new QProgressBar(bar);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(180);
    bar->addWidget(m_state);
    bar->addWidget(m_epoch);
    bar->addWidget(m_rate);
    bar->addWidget(m_message, 1);
    bar->addPermanentWidget(m_progress);
}

void StatusLine::setState(WorkerState state) {
    m_state->setText(QStringLiteral("<b>%1</b>").arg(QString::fromLatin1(worker_state_name(state))));
    if (state == WorkerState::Finished || state == WorkerState::Stopped) m_rate->clear();
}

void StatusLine::clearRun() {
    m_rate->clear();
    m_epoch->clear();
    m_progress->setValue(0);
}

void StatusLine::showSnapshot(const TrainingSnapshot& s) {
    const double done =
        s.epochs > 0 && s.batches_per_epoch > 0
            ? (s.epoch + static_cast<double>(s.batch) / static_cast<double>(s.batches_per_epoch)) / s.epochs
            : 0;
    m_progress->setValue(static_cast<int>(1000 * std::clamp(done, 0.0, 1.0)));
    m_epoch->setText(
        tr("epoch %1 / %2  ·  %3 samples").arg(std::min(s.epoch + 1, s.epochs)).arg(s.epochs).arg(s.samples_seen));
    if (s.samples_per_second > 0) {
        const double remaining = (1 - done) * static_cast<double>(s.epochs) * static_cast<double>(s.batches_per_epoch) *
                                 static_cast<double>(s.config.batch) / s.samples_per_second;
        m_rate->setText(tr("%1 samples/s  ·  ETA %2").arg(s.samples_per_second, 0, 'f', 0).arg(format_eta(remaining)));
    }
}

void StatusLine::showMessage(const QString& text, int ms) {
    m_message->setText(text);
    m_message->setToolTip(text);
    QTimer::singleShot(ms, m_message, [label = m_message, text] {
        if (label->text() == text) label->clear();
    });
}

QString StatusLine::epochText() const { return m_epoch->text(); }
QString StatusLine::messageText() const { return m_message->text(); }

}  // namespace dae::ui
