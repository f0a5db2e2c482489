// The parsing and range checks every settings schema shares (settings.h).
#include "dae/settings.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace dae {

namespace detail {

bool parse_whole(const std::string& s, long long* out) {
    if (s.empty()) return false;
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (*end != '\0' || errno == ERANGE) return false;
    *out = v;
    return true;
}

bool parse_flag(const std::string& s, bool* out) {
    if (s == "true" || s == "1" || s == "yes") {
        *out = true;
        return true;
    }
    if (s == "false" || s == "0" || s == "no") {
        *out = false;
        return true;
    }
    return false;
}

std::string range_problem(const char* label, const OptionRange& range, double value) {
    if (range.contains(value)) return {};
    std::ostringstream e;
    e << label << " must be " << range.text() << " (got " << value << ")";
    return e.str();
}

}  // namespace detail

bool OptionRange::contains(double v) const {
    if (!std::isfinite(v) || v > max || v < min || (min_open && v == min)) return false;
    return !integer || v == std::floor(v);
}

std::string OptionRange::text() const {
    std::ostringstream s;
    if (integer) {
        s << static_cast<long long>(min) << " … " << static_cast<long long>(max);
    } else {
        s << (min_open ? "(" : "[") << min << ", " << max << "]";
    }
    return s.str();
}

}  // namespace dae
