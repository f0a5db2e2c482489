// A one-line progress bar on stderr, redrawn at most ~10 times a second (and only on a terminal
// unless forced), so logs of scripted runs stay small.
#pragma once

#include <chrono>
#include <string>

namespace dae::cli {

class ProgressBar {
public:
    explicit ProgressBar(bool enabled);
    // fraction in [0, 1]; `text` follows the bar. Redraws when due or when `force`.
    void update(double fraction, const std::string& text, bool force = false);
    void finish();  // ends the line
    static std::string format_duration(double seconds);

private:
    bool m_enabled;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_last{};
};

}  // namespace dae::cli
