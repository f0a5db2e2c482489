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

}  // namespace dae::test
