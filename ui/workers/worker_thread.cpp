#include "workers/worker_thread.h"

#include <QThread>

namespace dae::ui {

WorkerThread::WorkerThread(const QString& name, QObject* parent)
    : QObject(parent), m_stop(std::make_shared<std::atomic<bool>>(false)) {
    setObjectName(name);
    m_thread = std::thread([this] { loop(); });
}

WorkerThread::~WorkerThread() {
    Q_ASSERT(QThread::currentThread() == thread());
    cancel();
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_quit = true;
    }
    m_wake.notify_all();
    m_thread.join();  // a join ThreadSanitizer sees: everything the jobs did happens-before this
}

void WorkerThread::post(Job job) {
    Q_ASSERT(QThread::currentThread() == thread());
    enqueue({std::move(job), m_generation, m_stop});
}

void WorkerThread::enqueue(Entry e) {
    ++m_pending;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(std::move(e));
    }
    m_wake.notify_one();
}

void WorkerThread::finished_one() {
    Q_ASSERT(QThread::currentThread() == thread());
    if (--m_pending == 0) emit idle();
}

void WorkerThread::cancel() {
    Q_ASSERT(QThread::currentThread() == thread());
    ++m_generation;  // results of earlier jobs still on their way are dropped
    m_stop->store(true);
    m_stop = std::make_shared<std::atomic<bool>>(false);
    std::deque<Entry> dropped;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        dropped.swap(m_queue);
    }
    // Queued jobs never run; each still counts down m_pending, as a finished job would.
    for (std::size_t i = 0; i < dropped.size(); ++i)
        m_results.post([this] { finished_one(); });
}

void WorkerThread::loop() {
    while (true) {
        Entry e;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_quit || !m_queue.empty(); });
            if (m_quit) return;
            e = std::move(m_queue.front());
            m_queue.pop_front();
        }
        JobContext ctx;
        ctx.m_stop = e.stop;
        ctx.m_observer = std::make_shared<StopFlagObserver>(*e.stop);
        const quint64 generation = e.generation;
        ctx.m_deliver = [this, generation](std::function<void()> f) {
            m_results.post([this, generation, f = std::move(f)] {
                if (generation == m_generation) f();
            });
        };
        ctx.m_then = [this, generation, stop = e.stop](Job next) { enqueue({std::move(next), generation, stop}); };
        if (!e.stop->load()) e.job(ctx);
        m_results.post([this] { finished_one(); });
    }
}

}  // namespace dae::ui
