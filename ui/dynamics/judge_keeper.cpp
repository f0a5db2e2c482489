#include "dynamics/judge_keeper.h"

#include <utility>

namespace dae::ui {

JudgeKeeper::JudgeKeeper(QObject* parent) : QObject(parent) {
    judges_keep_compute_threads();  // the judge trains in a worker while others compute
}

void JudgeKeeper::setData(SharedPartition partition) {
    m_worker.cancel();
    m_data = std::move(partition);
    m_judge = Judge();
    m_failure.clear();
    m_training = false;
    const quint64 job = ++m_job;
    if (m_data->train.size() == 0 || m_data->train.num_classes < 2) {
        m_state = tr("No labels: outcomes are not judged.");
        m_failure = tr("the data set has no labels");
        emit changed();
        return;
    }
    m_state = tr("Judge: training an MLP on the %1 training digits (once per data set)…").arg(m_data->train.size());
    m_training = true;
    emit changed();
    m_worker.run(
        [this, data = m_data](const JobContext& ctx) -> std::optional<std::pair<Judge, double>> {
            // Its progress reaches the window's status line, its stop is the job's.
            struct Forward : RunObserver {
                const JobContext& ctx;
                JudgeKeeper* keeper;
                int shown = -1;
                Forward(const JobContext& c, JudgeKeeper* k) : ctx(c), keeper(k) {}
                bool stop_requested() const override { return ctx.cancelled(); }
                void on_progress(const Progress& p) override {
                    const int percent = static_cast<int>(100 * p.fraction);
                    if (percent == std::exchange(shown, percent)) return;
                    ctx.deliver([k = keeper, f = p.fraction] { emit k->progress(f); });
                }
            } forward(ctx, this);
            Judge j = cached_judge(data->train, data->validation, {}, &forward);
            if (ctx.cancelled()) return std::nullopt;
            const double accuracy = j.accuracy(data->test.samples, data->test.labels);
            return std::pair{std::move(j), accuracy};
        },
        [this, job](std::pair<Judge, double> judged) {
            if (job != m_job) return;
            m_training = false;
            m_judge = std::move(judged.first);
            m_state = tr("Judge: an MLP, %1 % right on the %2 originals.")
                          .arg(100 * judged.second, 0, 'f', 2)
                          .arg(QString::fromLatin1(m_data->test_name()));
            emit changed();
        },
        [this, job](const QString& why) {
            if (job != m_job) return;
            m_training = false;
            m_failure = why;
            m_state = tr("Judge: not trained (%1)").arg(why);
            emit changed();  // no judge, and none coming: the window's job line ends
            emit failed(why);
        });
}

void JudgeKeeper::setJudge(const Judge& judge) {
    ++m_job;  // a judge still training for this data set is no longer wanted
    m_worker.cancel();
    m_training = false;
    m_judge = judge;
    m_failure.clear();
    m_state = judge.trained() ? tr("Judge: given.") : tr("No judge.");
    emit changed();
}

QString JudgeKeeper::missing() const {
    if (m_judge.trained()) return {};
    return m_failure.isEmpty() ? tr("The judge is still training; try again in a moment")
                               : tr("No judge to read the outcomes: %1").arg(m_failure);
}

QString JudgeKeeper::stateText() const { return m_state; }

}  // namespace dae::ui
