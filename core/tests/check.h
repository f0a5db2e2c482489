// What the core's own tests share, without Qt: doctest (Debian's doctest-dev), a temporary folder,
// the message of the error a call throws, a skip that scripts/check_skips.sh sees, and (from
// test_support.h, which the programs' Qt tests use too) running a helper program for its output.
#pragma once

#include "dae/error.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <string>

namespace dae::test {

// A fresh folder under the system's temporary folder, removed with everything in it when it goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

// The message of the dae::Error a call throws, empty when it throws none: the bad-input tests.
template <class Call> std::string error_message(Call&& call) {
    try {
        call();
    } catch (const dae::Error& e) {
        return e.what();
    }
    return {};
}

// Whether `text` holds `part`; whether it starts with `start`.
inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
inline bool starts_with(const std::string& text, const std::string& start) { return text.rfind(start, 0) == 0; }

// Reports the running test case as skipped, in Qt Test's words ("SKIP   : Class::function() why"),
// which scripts/check_skips.sh holds against tests/allowed_skips.txt; the caller then returns.
void skip(const std::string& reason);

}  // namespace dae::test
