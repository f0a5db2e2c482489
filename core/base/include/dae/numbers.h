// Numbers in files and options, read and written with a decimal point whatever the process's C
// locale: std::from_chars and std::to_chars, which no locale changes (strtod and printf follow
// LC_NUMERIC, which Qt sets from the user's environment: under de_DE "0.3" was not a number and
// "%a" wrote "0x1,8p+0").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dae {

// The whole text as a number: decimal ("0.3", "1e-4", "+2"), C99 hexadecimal as exact_number()
// writes it ("0x1.8p+0"), "nan", "inf", "-inf". Empty on anything else, trailing characters and a
// value out of double's range included.
std::optional<double> parse_number(std::string_view text);
bool parse_number(std::string_view text, double* out);  // the same; *out unchanged when false

// The shortest text that reads back as the same double: "0.7", not "0.69999999999999996".
std::string format_double(double v);
std::string exact_number(double v);                     // hexadecimal, exact: "0x1.8p+0" (as "%a")
std::string general_number(double v, int significant);  // as "%.<significant>g", 1 … 17 digits
std::string fixed_number(double v, int decimals);       // as "%.<decimals>f"

}  // namespace dae
