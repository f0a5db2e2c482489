#include "background_job.h"

namespace dae::ui {

void BackgroundJob::start(Work work) {
    stop();
    m_cancel = false;
    m_running = true;
    const quint64 generation = ++m_generation;
    // The work's closures run only while their job is the current one.
    Post post = [this, generation](std::function<void()> f) {
        m_box.post([this, generation, f = std::move(f)] {
            if (generation == m_generation) f();
        });
    };
    m_thread = std::thread([this, work = std::move(work), post, generation] {
        work(post, m_cancel);
        m_box.post([this, generation] {
            if (generation != m_generation) return;
            m_running = false;
            emit finished();
        });
    });
}

void BackgroundJob::stop() {
    m_cancel = true;
    if (m_thread.joinable()) m_thread.join();
    m_running = false;
    ++m_generation;  // what the stopped job posted is stale
}

}  // namespace dae::ui
