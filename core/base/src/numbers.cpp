#include "dae/numbers.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace dae {

std::optional<double> parse_number(std::string_view text) {
    bool negative = false;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
        if (!text.empty() && (text.front() == '+' || text.front() == '-')) return std::nullopt;
    }
    auto format = std::chars_format::general;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        format = std::chars_format::hex;
        text.remove_prefix(2);
        // A hex digit or the point next: not a sign, nor the "inf" / "nan" from_chars takes here too.
        if (!std::isxdigit(static_cast<unsigned char>(text.front())) && text.front() != '.') return std::nullopt;
    }
    double v = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v, format);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return negative ? -v : v;
}

bool parse_number(std::string_view text, double* out) {
    const auto v = parse_number(text);
    if (v) *out = *v;
    return v.has_value();
}

std::string format_double(double v) {
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    return std::string(buf, end);
}

std::string exact_number(double v) {
    if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    char buf[48];
    const bool negative = std::signbit(v);
    const auto result = std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::hex);
    return std::string(negative ? "-0x" : "0x") + std::string(buf, result.ptr);
}

std::string general_number(double v, int significant) {
    char buf[64];
    const auto result =
        std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, std::clamp(significant, 1, 17));
    if (result.ec != std::errc()) return format_double(v);
    return std::string(buf, result.ptr);
}

std::string fixed_number(double v, int decimals) {
    char buf[352];  // the widest double in fixed notation with a few decimals
    const auto result = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    if (result.ec != std::errc()) return general_number(v, 17);
    return std::string(buf, result.ptr);
}

}  // namespace dae
