// The core tests' shared helpers (check.h) and doctest's main.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "check.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>

namespace dae::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device seed;
    const fs::path base = fs::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        const fs::path p = base / ("daelab-test-" + std::to_string(seed()));
        std::error_code ec;
        if (fs::create_directory(p, ec)) {
            m_path = p.string();
            return;
        }
    }
    throw Error(base.string() + ": cannot create a temporary folder in it");
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

void skip(const std::string& reason) {
    const std::string name =
        doctest::getContextOptions()->currentTest ? doctest::getContextOptions()->currentTest->m_name : "unknown";
    std::cout << "SKIP   : " << name << "() " << reason << std::endl;
}

std::string run_command(const std::string& command, int* status) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) {
        if (status) *status = -1;
        return out;
    }
    std::array<char, 4096> buffer{};
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
        out.append(buffer.data(), n);
    const int s = ::pclose(pipe);
    if (status) *status = WIFEXITED(s) ? WEXITSTATUS(s) : -1;
    return out;
}

std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string python_with_numpy() {
    for (const char* python : {"/usr/bin/python3", "python3"}) {  // Debian's first: its python3-numpy
        int status = 0;
        run_command(std::string(python) + " -c 'import numpy' 2>/dev/null", &status);
        if (status == 0) return python;
    }
    return {};
}

bool build_comma_locale(const std::string& dir) {
    int status = 0;
    run_command("localedef -i de_DE -f UTF-8 " + shell_quote(dir + "/de_DE.UTF-8") + " >/dev/null 2>&1", &status);
    return status == 0;
}

}  // namespace dae::test
