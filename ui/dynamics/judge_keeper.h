// The judge of a data set — the reference classifier that reads outcomes (judge.h) — for every view
// that needs one: trained (or read from the cache) once per data set in its own worker thread, and
// handed by value to the Iterate workspace, the chain, the attractor census and the landscape.
// Widget-free: the window owns one and passes its judge on when it changes; its progress and state
// are signals and text, for the window's status line and the Iterate workspace's input page.
#pragma once

#include "dae/judge.h"
#include "dae/provenance.h"
#include "workers/worker_thread.h"

#include <QObject>
#include <QString>

namespace dae::ui {

class JudgeKeeper : public QObject {
    Q_OBJECT
public:
    explicit JudgeKeeper(QObject* parent = nullptr);

    // A new data set: the judge of the old one goes, one for this one is trained (none without labels).
    void setData(SharedPartition partition);
    void setJudge(const Judge& judge);  // instead of training one (tests, a judge from elsewhere)
    const Judge& judge() const { return m_judge; }
    bool ready() const { return m_judge.trained(); }
    bool training() const { return m_training; }  // a judge is coming (false again when it has come or failed)
    QString missing() const;                      // why there is no judge to read outcomes, for people
    QString stateText() const;                    // "Judge: an MLP, 97.9 % right on the test originals."

signals:
    void progress(double fraction);  // of its training, 0 … 1
    void changed();                  // a judge came, went, or will not come (failed)
    void failed(const QString& why);

private:
    SharedPartition m_data = std::make_shared<const Partition>();
    Judge m_judge;
    QString m_state, m_failure;
    quint64 m_job = 0;
    bool m_training = false;
    WorkerThread m_worker{QStringLiteral("daelab judge")};  // last: joined first
};

}  // namespace dae::ui
