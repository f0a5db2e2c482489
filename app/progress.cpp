#include "progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dae::cli {

ProgressBar::ProgressBar(bool enabled) : m_enabled(enabled) {}

void ProgressBar::update(double fraction, const std::string& text, bool force) {
    if (!m_enabled) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && m_drawn && now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    m_drawn = true;
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * kWidth));
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(kWidth - filled), '.');
    std::fprintf(stderr, "\r[%s] %3.0f%% %s\033[K", bar.c_str(), 100 * fraction, text.c_str());
    std::fflush(stderr);
}

void ProgressBar::finish() {
    if (m_enabled && m_drawn) std::fprintf(stderr, "\n");
    m_drawn = false;
}

std::string ProgressBar::format_duration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "?";
    const long s = std::lround(seconds);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
    else if (s >= 60)
        std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%lds", s);
    return buf;
}

}  // namespace dae::cli
