// One long computation at a time off the GUI thread (a noise sweep, a stacked-DAE comparison),
// for panels that need no persistent worker. The work gets `post`, which runs a closure in the
// GUI thread later (through a Mailbox: the hand-off is visible to ThreadSanitizer), and a cancel
// flag to poll. Starting a new job cancels and joins the previous one; so does destruction —
// declare the job as the owner's LAST member so that it goes first, while what the work's
// closures touch still exists. Closures still queued when the job is destroyed are dropped.
#pragma once

#include "dae/training.h"
#include "mailbox.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <thread>

namespace dae::ui {

class BackgroundJob : public QObject {
    Q_OBJECT
public:
    using Post = std::function<void(std::function<void()>)>;
    using Work = std::function<void(const Post& post, const std::atomic<bool>& cancel)>;

    explicit BackgroundJob(QObject* parent = nullptr) : QObject(parent) {}
    ~BackgroundJob() override { stop(); }

    void start(Work work);
    void cancel() { m_cancel = true; }
    void stop();  // cancel, and wait for the thread
    bool running() const { return m_running; }

    Q_INVOKABLE void drain() { m_box.drain(); }

signals:
    void finished();  // after the work returned and everything it posted has run

private:
    Mailbox m_box{this, "drain"};
    std::thread m_thread;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_running{false};
    quint64 m_generation = 0;  // closures of a replaced job are dropped
};

// For training inside a job: stops between minibatches once `cancel` is set, and calls
// `epoch_done(epochs finished)` after every epoch (in the job's thread).
class CancellableObserver : public TrainingObserver {
public:
    CancellableObserver(const std::atomic<bool>& cancel, std::function<void(int)> epoch_done)
        : m_cancel(cancel), m_epoch_done(std::move(epoch_done)) {}
    Verdict on_batch(const BatchReport&) override { return m_cancel ? Verdict::Stop : Verdict::Continue; }
    Verdict on_epoch(const EpochReport& e) override {
        if (m_epoch_done) m_epoch_done(e.epoch + 1);
        return m_cancel ? Verdict::Stop : Verdict::Continue;
    }

private:
    const std::atomic<bool>& m_cancel;
    std::function<void(int)> m_epoch_done;
};

}  // namespace dae::ui
