#include "test_support.h"

#include <array>
#include <cstdio>
#include <sys/wait.h>

namespace dae::test {

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
