// The one worker-thread primitive of the GUI: a thread that runs jobs (closures) one after the
// other, in the order they were posted, and hands results back to the GUI thread. Every
// background computation of daelab — training, iteration, the outcome atlas, the 2-D toy, the
// noise sweep, the stacked comparison — runs on one of these.
//
//   run(compute, show, fail)
//                   GUI thread: the usual job in one call — compute(ctx) in the worker thread,
//                   show(result) or fail(message) back in the GUI thread (neither once cancelled)
//   post(job)       GUI thread: queue a job; it gets a JobContext when it runs
//   ctx.deliver(f)  worker thread: run f later in the GUI thread — unless the job was cancelled
//                   since (its generation is stale), so old results never reach a new view
//   cancel()        GUI thread: ends what runs (its stop flag is set; the core polls it between
//                   minibatches / iteration steps), drops queued jobs and undelivered results
//   ~WorkerThread   cancels, then joins: declare it as its owner's LAST member, so it goes first
//                   while everything its jobs' closures touch still exists
//
// The hand-offs go through std::mutex-guarded queues, which ThreadSanitizer sees (a queued Qt
// signal would cross inside Qt's uninstrumented event queue); Qt only wakes the GUI thread.
// (Hotspot's JobTracker, Qt's QThread documentation.)
#pragma once

#include "dae/run.h"
#include "workers/mailbox.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>

namespace dae::ui {

// What a running job sees.
class JobContext {
public:
    // True once the job was cancelled (poll between units of work).
    bool cancelled() const { return m_stop->load(std::memory_order_relaxed); }
    // An observer for the core's long computations: stops when the job is cancelled.
    RunObserver* observer() const { return m_observer.get(); }
    // Runs f in the GUI thread, unless the job has been cancelled by then.
    void deliver(std::function<void()> f) const { m_deliver(std::move(f)); }
    // Queues a follow-up job behind everything posted so far (a long computation in slices, so
    // that jobs posted meanwhile — commands — run in between). It is cancelled with this one.
    void then(std::function<void(const JobContext&)> job) const { m_then(std::move(job)); }

private:
    friend class WorkerThread;
    std::shared_ptr<std::atomic<bool>> m_stop;
    std::shared_ptr<StopFlagObserver> m_observer;
    std::function<void(std::function<void()>)> m_deliver;
    std::function<void(std::function<void(const JobContext&)>)> m_then;
};

class WorkerThread : public QObject {
    Q_OBJECT
public:
    using Job = std::function<void(const JobContext&)>;

    explicit WorkerThread(const QString& name, QObject* parent = nullptr);
    ~WorkerThread() override;  // cancel(), then join

    void post(Job job);  // GUI thread

    // One computation and what becomes of it, instead of a hand-written post / deliver / catch:
    // `compute(const JobContext&)` runs in the worker thread and returns the result (a std::optional
    // without a value: nothing to show, as when it stopped early); `show(result)` receives it in the
    // GUI thread; an exception it throws reaches `fail(message)` in the GUI thread, its what() as
    // the message. Once the job is cancelled neither is called. (A compute returning void calls
    // show() without an argument.)
    template <class Compute, class Show, class Fail> void run(Compute compute, Show show, Fail fail) {
        post([compute = std::move(compute), show = std::move(show), fail = std::move(fail)](const JobContext& ctx) {
            using Result = std::invoke_result_t<const Compute&, const JobContext&>;
            try {
                if constexpr (std::is_void_v<Result>) {
                    compute(ctx);
                    if (!ctx.cancelled()) ctx.deliver(show);
                } else {
                    auto result = std::make_shared<Result>(compute(ctx));
                    if (ctx.cancelled()) return;
                    if constexpr (is_optional<Result>::value) {
                        if (!*result) return;
                        ctx.deliver([show, result] { show(std::move(**result)); });
                    } else {
                        ctx.deliver([show, result] { show(std::move(*result)); });
                    }
                }
            } catch (const std::exception& e) {
                if (!ctx.cancelled()) ctx.deliver([fail, why = QString::fromUtf8(e.what())] { fail(why); });
            }
        });
    }
    void cancel();  // GUI thread
    // True from post() until the last job has returned and everything it delivered has run.
    bool busy() const { return m_pending.load() > 0; }

    Q_INVOKABLE void drain() { m_results.drain(); }

signals:
    void idle();  // GUI thread: the last queued job returned and its results were delivered

private:
    template <class T> struct is_optional : std::false_type {};
    template <class T> struct is_optional<std::optional<T>> : std::true_type {};
    struct Entry {
        Job job;
        quint64 generation;
        std::shared_ptr<std::atomic<bool>> stop;
    };
    void loop();
    void enqueue(Entry e);
    void finished_one();  // GUI thread

    Mailbox m_results{this, "drain"};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Entry> m_queue;
    bool m_quit = false;
    quint64 m_generation = 0;                   // GUI thread's; cancel() increments it
    std::shared_ptr<std::atomic<bool>> m_stop;  // the current generation's stop flag
    std::atomic<int> m_pending{0};              // jobs queued or running, not yet reported back
    std::thread m_thread;                       // last: started after everything above exists
};

}  // namespace dae::ui
