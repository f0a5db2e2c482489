// Numbers in files and options (dae/numbers.h): every form the files hold reads back, the exact
// hexadecimal form bit for bit, garbage is refused; and under a comma-decimal C locale (de_DE, as Qt
// sets it from a German desktop) the core still reads "0.3", writes checkpoints, random states and
// tables with a decimal point, and reads them back.
#include "check.h"
#include "dae/checkpoint.h"
#include "dae/experiment.h"
#include "dae/numbers.h"
#include "dae/rng.h"
#include "dae/training.h"
#include "dae/training_options.h"

#include <clocale>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

using namespace dae;

TEST_CASE("TestNumbers::everyWrittenFormReadsBack") {
    REQUIRE(parse_number("0.3") == std::optional<double>(0.3));
    REQUIRE(parse_number("+2") == std::optional<double>(2));
    REQUIRE(parse_number("-1e-4") == std::optional<double>(-1e-4));
    REQUIRE(parse_number("0x1.8p+0") == std::optional<double>(1.5));
    REQUIRE(parse_number("-0x1.8p+0") == std::optional<double>(-1.5));
    REQUIRE(parse_number("0.69999999999999996") == std::optional<double>(0.7));
    REQUIRE(parse_number("inf") == std::optional<double>(std::numeric_limits<double>::infinity()));
    REQUIRE(parse_number("-inf") == std::optional<double>(-std::numeric_limits<double>::infinity()));
    REQUIRE((parse_number("nan") && std::isnan(*parse_number("nan"))));
    for (const char* bad : {"", "0,3", "0.3x", " 0.3", "--1", "+-1", "0x", "0x-1p0", "0xinf", "0xnan", "1e999", "x",
                            ".", "+", "-", "1e", "0x1p"})
        REQUIRE_MESSAGE(!parse_number(bad), bad);
    const double values[] = {0.0, -0.0, 0.1, 1.0 / 3, -2.5e-300, 4.9e-324, 1.7976931348623157e308, 123456789.125};
    for (double v : values) {
        const std::string text = exact_number(v);
        const auto back = parse_number(text);
        REQUIRE_MESSAGE((back && std::memcmp(&*back, &v, sizeof v) == 0), (text.c_str()));  // bit for bit, −0 too
        REQUIRE(parse_number(format_double(v)) == std::optional<double>(v));
    }
    REQUIRE(exact_number(1.5) == std::string("0x1.8p+0"));  // as "%a" in the C locale: old files read the same
    REQUIRE(exact_number(-0.0) == std::string("-0x0p+0"));
    REQUIRE(general_number(0.69999999999999996, 10) == std::string("0.7"));
    REQUIRE(general_number(1234567, 10) == std::string("1234567"));
    REQUIRE(fixed_number(0.91675, 3) == std::string("0.917"));
    REQUIRE(fixed_number(-12.0, 1) == std::string("-12.0"));
}

TEST_CASE("TestNumbers::aCommaDecimalLocaleChangesNoFile") {
    const dae::test::TempDir locales;
    if (!dae::test::build_comma_locale(locales.path())) {
        dae::test::skip("localedef cannot build de_DE.UTF-8 on this machine");
        return;
    }
    // The locale as it was comes back however the test ends.
    struct Restore {
        std::string locale = std::setlocale(LC_ALL, nullptr);
        ~Restore() {
            std::setlocale(LC_ALL, locale.c_str());
            ::unsetenv("LOCPATH");
        }
    } restore;
    ::setenv("LOCPATH", locales.path().c_str(), 1);
    if (!std::setlocale(LC_ALL, "de_DE.UTF-8")) {
        dae::test::skip("de_DE.UTF-8 was built but does not load");
        return;
    }
    char comma[16];
    std::snprintf(comma, sizeof comma, "%.1f", 0.5);
    const bool in_force = std::strcmp(comma, "0,5") == 0;
    // What the core reads and writes under that locale, read back under the C locale.
    const auto level = parse_number("0.3");
    TrainingConfig c;
    std::string why;
    const bool set = set_training_option(c, "learning-rate", "0.05", &why);
    Rng rng(7);
    rng.normal();  // a cached spare, written exactly
    const std::string state = rng.state();
    TrainingConfig small;
    small.model.visible = 16;
    small.model.hidden = 4;
    small.learning_rate = 0.1 / 3;  // not a short decimal: written exactly
    Trainer trainer(small, Matrix::Constant(16, 40, 0.25));
    trainer.step();
    const std::vector<std::uint8_t> checkpoint = serialize_checkpoint(trainer, {});
    GridSpec g;
    g.axes = {{"level", {"0.7"}}};
    RunResult r;
    r.id = "level0.7-seed1";
    r.status = "finished";
    r.settings = {{"level", "0.7"}, {"seed", "1"}};
    r.metrics = {{"acc_test", 0.9275}};
    const std::string csv = results_csv(g, {r});
    const std::string table = summary_markdown(g, {r}, {"acc_test"});
    std::setlocale(LC_ALL, "C");  // what follows reads as a program in the C locale would

    REQUIRE_MESSAGE(in_force, comma);
    REQUIRE(level == std::optional<double>(0.3));
    REQUIRE_MESSAGE((set && c.learning_rate == 0.05), (why.c_str()));
    Rng back(1);
    REQUIRE_MESSAGE(back.set_state(state), (state.c_str()));
    REQUIRE(back.normal() == rng.normal());
    const Checkpoint read_checkpoint = parse_checkpoint(checkpoint, "de.ckpt");
    REQUIRE(read_checkpoint.config.learning_rate == 0.1 / 3);
    REQUIRE(parse_results_csv(csv, "r.csv").runs.at(0).metric("acc_test") == 0.9275);
    REQUIRE_MESSAGE(table.find("0.927") != std::string::npos, (table.c_str()));
}
