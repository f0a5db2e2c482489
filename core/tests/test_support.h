// Helper programs for the tests, with neither doctest nor Qt, so the core's tests and the programs'
// Qt tests share them: the shell, localedef (a comma-decimal locale) and Debian's python3 with NumPy.
#pragma once

#include <string>

namespace dae::test {

// Runs `command` through the shell; its standard output, and its exit status in *status.
std::string run_command(const std::string& command, int* status);
// `text` quoted for the shell.
std::string shell_quote(const std::string& text);
// A Python 3 that imports NumPy: Debian's (scripts/setup.sh installs python3-numpy), else the first
// python3 on the PATH; empty when neither does.
std::string python_with_numpy();
// A comma-decimal locale for the locale tests: de_DE.UTF-8 built with localedef into `dir` (use
// it with LOCPATH=dir). False when this machine cannot build it (the tests then skip).
bool build_comma_locale(const std::string& dir);

}  // namespace dae::test
