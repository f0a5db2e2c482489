// Hands closures from one thread to another. The closures travel through a std::mutex-guarded
// queue, and Qt only wakes the receiver (a queued call of a slot by name, carrying no data).
// Why not a queued signal or invokeMethod with a lambda: the data would then cross threads inside
// Qt's event queue, whose locks ThreadSanitizer cannot see in a Qt that is not built with it, so
// every hand-off would look like a data race. Here the happens-before edge is the std::mutex.
#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <mutex>

namespace dae::ui {

class Mailbox {
public:
    // `drain_slot` is a slot or Q_INVOKABLE of `receiver` that calls drain() in its thread.
    Mailbox(QObject* receiver, const char* drain_slot) : m_receiver(receiver), m_slot(drain_slot) {}

    void post(std::function<void()> f) {
        bool wake;
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            wake = m_queue.empty();  // otherwise a wake-up is already on its way
            m_queue.push_back(std::move(f));
        }
        if (wake) QMetaObject::invokeMethod(m_receiver, m_slot, Qt::QueuedConnection);
    }

    // Runs everything posted so far, in order, in the calling (receiver's) thread.
    void drain() {
        std::deque<std::function<void()>> batch;
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            batch.swap(m_queue);
        }
        for (auto& f : batch)
            f();
    }

private:
    QObject* m_receiver;
    const char* m_slot;
    std::mutex m_mutex;
    std::deque<std::function<void()>> m_queue;
};

}  // namespace dae::ui
