#include "training/status_line.h"

#include "widgets/message_bar.h"

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

StatusLine::StatusLine(QStatusBar* bar, MessageBar* messages) : QObject(bar), m_messages(messages) {
    m_model = new QLabel(bar);
    m_model->setObjectName(QStringLiteral("status-model"));
    m_run = new QLabel(bar);
    m_run->setObjectName(QStringLiteral("status-run"));
    m_jobs = new QLabel(bar);
    m_jobs->setObjectName(QStringLiteral("status-jobs"));
    // As wide as its longest readout from the start: a label that grows with every snapshot would make
    // the line jump (and be cut for a moment, until the next layout).
    QFont bold = m_run->font();
    bold.setBold(true);
    m_run->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(QStringLiteral("diverged")) +
                           m_run->fontMetrics().horizontalAdvance(
                               QStringLiteral("  ·  epoch 1000 / 1000  ·  99999 samples/s, 59 min 59 s left")) +
                           4);
    m_progress = new QProgressBar(bar);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(140);
    m_progress->setTextVisible(false);
    m_progress->setToolTip(tr("The training run's progress"));
    bar->addWidget(m_model);
    bar->addWidget(m_run);
    bar->addWidget(m_jobs, 1);
    bar->addPermanentWidget(m_progress);
}

void StatusLine::setState(WorkerState state) {
    m_worker = state;
    // A rate and a time left only while training runs: paused, nothing is left to wait for.
    if (state != WorkerState::Running) m_rate.clear();
    showRun();
}

void StatusLine::clearRun() {
    m_rate.clear();
    m_epoch.clear();
    m_progress->setValue(0);
    showRun();
}

void StatusLine::showRun() {
    QString text = QStringLiteral("<b>%1</b>").arg(QString::fromLatin1(worker_state_name(m_worker)));
    for (const QString& part : {m_epoch, m_rate})
        if (!part.isEmpty()) text += QStringLiteral("  ·  ") + part;
    m_run->setText(text);
}

void StatusLine::setModelText(const QString& text) { m_model->setText(text); }

void StatusLine::showSnapshot(const TrainingSnapshot& s) {
    if (s.samples_seen == 0) {  // nothing trained in this run (a fresh start, or a model just opened)
        clearRun();
        return;
    }
    const double done =
        s.epochs > 0 && s.batches_per_epoch > 0
            ? (s.epoch + static_cast<double>(s.batch) / static_cast<double>(s.batches_per_epoch)) / s.epochs
            : 0;
    m_progress->setValue(static_cast<int>(1000 * std::clamp(done, 0.0, 1.0)));
    m_epoch = tr("epoch %1 / %2").arg(std::min(s.epoch + 1, s.epochs)).arg(s.epochs);
    m_run->setToolTip(tr("%1 samples seen").arg(s.samples_seen));
    m_rate.clear();
    if (s.samples_per_second > 0 && m_worker == WorkerState::Running) {
        const double remaining = (1 - done) * static_cast<double>(s.epochs) * static_cast<double>(s.batches_per_epoch) *
                                 static_cast<double>(s.config.batch) / s.samples_per_second;
        m_rate = tr("%1 samples/s, %2 left").arg(s.samples_per_second, 0, 'f', 0).arg(format_eta(remaining));
    }
    showRun();
}

void StatusLine::showMessage(const QString& text, int ms) { m_messages->showMessage(text, ms); }

void StatusLine::clearMessage() { m_messages->clear(); }

void StatusLine::setJob(const QString& name, double fraction) {
    auto [it, fresh] = m_running.try_emplace(name);
    if (fresh) it->second.clock.start();
    it->second.fraction = std::clamp(fraction, 0.0, 1.0);
    showJobs();
}

void StatusLine::endJob(const QString& name) {
    m_running.erase(name);
    showJobs();
}

void StatusLine::showJobs() {
    QStringList parts;
    for (const auto& [name, job] : m_running) {
        QString part = QStringLiteral("%1 %2 %").arg(name).arg(static_cast<int>(100 * job.fraction));
        const double elapsed = job.clock.elapsed() / 1000.0;
        if (job.fraction > 0.02 && elapsed > 2)  // a time left once it can be told
            part += tr(", %1 left").arg(format_eta(elapsed * (1 - job.fraction) / job.fraction));
        parts << part;
    }
    m_jobs->setText(parts.join(QStringLiteral("  ·  ")));
}

QString StatusLine::epochText() const { return m_epoch; }
QString StatusLine::rateText() const { return m_rate; }
QString StatusLine::messageText() const { return m_messages->text(); }
QString StatusLine::modelText() const { return m_model->text(); }
QString StatusLine::jobsText() const { return m_jobs->text(); }

}  // namespace dae::ui
