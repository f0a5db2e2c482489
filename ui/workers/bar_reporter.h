// A job's progress shown on a progress bar: the core's observer protocol (run.h) for a job of a
// WorkerThread, at most ~10 updates a second, each handed to the GUI thread; the job's stop is its
// cancel. The bar's text names the stage, or keeps the bar's own format (Text::Percent).
#pragma once

#include "dae/run.h"
#include "workers/worker_thread.h"

#include <QProgressBar>
#include <QString>

#include <chrono>
#include <functional>

namespace dae::ui {

class BarReporter : public RunObserver {
public:
    enum class Text { Stage, Percent };
    BarReporter(const JobContext& ctx, QProgressBar* bar, Text text = Text::Stage)
        : m_ctx(ctx), m_bar(bar), m_text(text) {}
    bool stop_requested() const override { return m_ctx.cancelled(); }
    void on_progress(const Progress& p) override {
        const auto now = std::chrono::steady_clock::now();
        if (now - m_last < std::chrono::milliseconds(100)) return;
        m_last = now;
        const bool stage = m_text == Text::Stage;
        m_ctx.deliver([bar = m_bar, v = static_cast<int>(1000 * p.fraction),
                       s = stage ? QString::fromStdString(p.stage) : QString(), stage] {
            bar->setValue(v);
            if (stage) bar->setFormat(s);
        });
    }

private:
    const JobContext& m_ctx;
    QProgressBar* m_bar;
    Text m_text;
    std::chrono::steady_clock::time_point m_last{};
};

// An iteration's steps handed to the GUI thread (at most 20 a second); the job's stop is its cancel.
class StepReporter : public RunObserver {
public:
    StepReporter(const JobContext& ctx, std::function<void(const IterationStep&)> to_gui)
        : m_ctx(ctx), m_to_gui(std::move(to_gui)) {}
    bool stop_requested() const override { return m_ctx.cancelled(); }
    void on_iteration(const IterationStep& s) override {
        const auto now = std::chrono::steady_clock::now();
        if (now - m_last < std::chrono::milliseconds(50)) return;
        m_last = now;
        m_ctx.deliver([f = m_to_gui, s] { f(s); });
    }

private:
    const JobContext& m_ctx;
    std::function<void(const IterationStep&)> m_to_gui;
    std::chrono::steady_clock::time_point m_last{};
};

}  // namespace dae::ui
