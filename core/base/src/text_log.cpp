#include "dae/text_log.h"

#include "dae/files.h"

#include <filesystem>

namespace dae {

TextLog::TextLog(std::string path, std::string header, bool resume, long long rows)
    : m_path(std::move(path)), m_text(std::move(header)) {
    if (resume && std::filesystem::exists(m_path)) {
        const std::vector<std::uint8_t> bytes = read_file(m_path);
        const std::string old(bytes.begin(), bytes.end());
        if (!old.empty()) {
            std::size_t end = old.find('\n');  // the header as the file has it
            end = end == std::string::npos ? old.size() : end + 1;
            for (long long n = 0; end < old.size() && (rows < 0 || n < rows); ++n) {
                const std::size_t next = old.find('\n', end);
                if (next == std::string::npos) break;  // a row cut short by a crash is dropped
                end = next + 1;
            }
            m_text = old.substr(0, end);
        }
    }
    write_text_atomic(m_path, m_text);
}

void TextLog::append(const std::string& lines) {
    if (!is_open()) return;
    std::string grown = m_text + lines;
    write_text_atomic(m_path, grown);
    m_text = std::move(grown);  // only once it is on disk
}

}  // namespace dae
