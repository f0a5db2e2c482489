// A declarative setting of a config struct (a training run's, an evaluation's): what the program's
// front ends need to offer it — a flag, a JSON key, a form field with its tooltip, a range to check,
// a line of provenance — declared once. The schemas themselves are lists of these
// (training_options.h, evaluation.h); the builders below make an entry from a reference to the
// member, so the entry's text form, parsing and range can never disagree.
#pragma once

#include "dae/numbers.h"

#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace dae {

// A numeric setting's one range, [min, max] (min excluded when `min_open`): what validate() accepts
// and what the window's fields offer.
struct OptionRange {
    double min = 0, max = 0;
    bool integer = false;
    bool min_open = false;
    bool contains(double v) const;
    std::string text() const;  // "1 … 100000", "(0, 1000]"
};

enum class SettingKind { Integer, Number, Choice, Flag };

template <class Config> struct Setting {
    const char* key = "";     // the flag (--key), the JSON key, the provenance's "train.<key>"
    const char* label = "";   // people's name with its symbol, as the window's form shows it: "Learning rate ρ"
    const char* help = "";    // what it does, one line: the CLI's help and the tooltip's first line
    const char* source = "";  // where it comes from in the papers (the tooltip's second line), or ""
    const char* group = "";   // the window's box it sits in
    bool advanced = false;    // folded away in the window until asked for
    SettingKind kind = SettingKind::Number;
    std::vector<std::string> choices;  // Choice: every name, in the order offered; Flag: false, true
    OptionRange range;                 // Integer and Number
    double step = 1;                   // the window's arrow-key step
    std::function<std::string(const Config&)> get;
    std::function<bool(Config&, const std::string&)> set;  // false when the text is no value of this kind
    std::function<double(const Config&)> number;           // Integer and Number; NaN otherwise
    std::function<OptionRange(const Config&)> range_for;   // when the range depends on other settings

    bool numeric() const { return kind == SettingKind::Integer || kind == SettingKind::Number; }
    OptionRange range_in(const Config& c) const { return range_for ? range_for(c) : range; }
    double value(const Config& c) const { return number ? number(c) : std::nan(""); }
    // "" when the value is allowed, else "<label> must be <range> (got <value>)".
    std::string problem(const Config& c) const;
};

struct SettingText {
    const char* key;
    const char* label;
    const char* help;
    const char* source;
    const char* group;
    bool advanced = false;
};

namespace detail {
template <class Config>
Setting<Config> base_setting(const SettingText& t, SettingKind kind, OptionRange range = {}, double step = 1) {
    Setting<Config> s;
    s.key = t.key;
    s.label = t.label;
    s.help = t.help;
    s.source = t.source;
    s.group = t.group;
    s.advanced = t.advanced;
    s.kind = kind;
    s.range = range;
    s.step = step;
    return s;
}
bool parse_whole(const std::string& s, long long* out);
bool parse_flag(const std::string& s, bool* out);
std::string range_problem(const char* label, const OptionRange& range, double value);
}  // namespace detail

// A whole number: `ref(config)` is the member (int, Index, std::uint64_t).
template <class Config, class Ref>
Setting<Config> whole_setting(const SettingText& t, OptionRange range, double step, Ref ref) {
    range.integer = true;
    Setting<Config> s = detail::base_setting<Config>(t, SettingKind::Integer, range, step);
    s.get = [ref](const Config& c) { return std::to_string(ref(c)); };
    s.set = [ref](Config& c, const std::string& v) {
        long long i = 0;
        using T = std::remove_reference_t<decltype(ref(c))>;
        // A value the member cannot hold is no value (a cast would wrap 2³²+1 into a valid 1).
        if (!detail::parse_whole(v, &i) || (std::is_unsigned_v<T> && i < 0) ||
            (!std::is_unsigned_v<T> && (i < static_cast<long long>(std::numeric_limits<T>::min()) ||
                                        i > static_cast<long long>(std::numeric_limits<T>::max()))))
            return false;
        ref(c) = static_cast<T>(i);
        return true;
    };
    s.number = [ref](const Config& c) { return static_cast<double>(ref(c)); };
    return s;
}

// A real number.
template <class Config, class Ref>
Setting<Config> number_setting(const SettingText& t, OptionRange range, double step, Ref ref) {
    Setting<Config> s = detail::base_setting<Config>(t, SettingKind::Number, range, step);
    s.get = [ref](const Config& c) { return format_double(ref(c)); };
    s.set = [ref](Config& c, const std::string& v) {
        double d = 0;
        if (!parse_number(v, &d)) return false;
        ref(c) = d;
        return true;
    };
    s.number = [ref](const Config& c) { return static_cast<double>(ref(c)); };
    return s;
}

// true / false (also 1 / 0, yes / no when read).
template <class Config, class Ref> Setting<Config> flag_setting(const SettingText& t, Ref ref) {
    Setting<Config> s = detail::base_setting<Config>(t, SettingKind::Flag);
    s.choices = {"false", "true"};
    s.get = [ref](const Config& c) { return std::string(ref(c) ? "true" : "false"); };
    s.set = [ref](Config& c, const std::string& v) {
        bool b = false;
        if (!detail::parse_flag(v, &b)) return false;
        ref(c) = b;
        return true;
    };
    return s;
}

// One of named values: `values` in the order offered, `name` and `from_name` the type's own.
template <class Config, class Enum, class Ref, class Name, class FromName>
Setting<Config> choice_setting(const SettingText& t, std::vector<Enum> values, Ref ref, Name name, FromName from_name) {
    std::vector<std::string> names;
    for (Enum v : values)
        names.emplace_back(name(v));
    Setting<Config> s = detail::base_setting<Config>(t, SettingKind::Choice);
    s.choices = names;
    s.get = [ref, name](const Config& c) { return std::string(name(ref(c))); };
    s.set = [ref, from_name](Config& c, const std::string& v) {
        const auto e = from_name(v);
        if (!e) return false;
        ref(c) = *e;
        return true;
    };
    return s;
}

// What a value of a setting looks like, for "'x' is not …" messages.
template <class Config> std::string expected_text(const Setting<Config>& s) {
    switch (s.kind) {
    case SettingKind::Integer: return "a whole number";
    case SettingKind::Number: return "a number";
    case SettingKind::Flag: return "true or false";
    case SettingKind::Choice: break;
    }
    std::string out;
    for (std::size_t i = 0; i < s.choices.size(); ++i)
        out += (i == 0 ? "" : i + 1 == s.choices.size() ? " or " : ", ") + s.choices[i];
    return out;
}

template <class Config> std::string Setting<Config>::problem(const Config& c) const {
    if (!numeric()) return {};
    return detail::range_problem(label, range_in(c), value(c));
}

// Sets `key` in `config` from text through `schema`; false with a reason naming the option.
template <class Config>
bool set_setting(const std::vector<Setting<Config>>& schema, Config& config, const std::string& key,
                 const std::string& value, std::string* why) {
    for (const auto& s : schema) {
        if (key != s.key) continue;
        if (s.set(config, value)) return true;
        if (why) *why = "option '" + key + "': '" + value + "' is not " + expected_text(s);
        return false;
    }
    if (why) *why = "unknown option '" + key + "'";
    return false;
}

}  // namespace dae
