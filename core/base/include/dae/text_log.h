// A text file that grows row by row while a long computation runs (learning curves, an outcome
// atlas). Every append rewrites the whole file atomically (write_file_atomic), so a crash or a
// full disk leaves the previous version whole — never half a row — and the error names the file.
// The files are small (a row per epoch), so rewriting costs nothing measurable.
#pragma once

#include <string>

namespace dae {

class TextLog {
public:
    TextLog() = default;
    // Writes `path` at once (so an unwritable path fails before any work): a fresh file holding
    // `header`, or, with `resume`, the file as it is (the header when it does not exist yet), cut
    // to at most `rows` lines after the header when rows >= 0 — the rows a checkpoint holds, for a
    // kill may have come after a row was written and before the checkpoint.
    TextLog(std::string path, std::string header, bool resume = false, long long rows = -1);

    bool is_open() const { return !m_path.empty(); }
    const std::string& path() const { return m_path; }
    const std::string& text() const { return m_text; }
    // Whole lines, each ending in '\n'.
    void append(const std::string& lines);

private:
    std::string m_path;
    std::string m_text;
};

}  // namespace dae
