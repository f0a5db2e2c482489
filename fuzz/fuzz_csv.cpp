// libFuzzer target: the CSV files daelab reads back — an outcome atlas (atlas.csv), a grid's
// results.csv, an attractor census, a learning curves row. None may crash on any text; an atlas that
// parses must write back to the same text's rows and parse again to the same rows.
#include "dae/atlas.h"
#include "dae/attractors.h"
#include "dae/error.h"
#include "dae/experiment.h"
#include "dae/training.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto rows = dae::parse_atlas_csv(text, "atlas.csv");
        std::string again = dae::atlas_csv_header();
        for (const dae::AtlasRow& r : rows)
            again += dae::atlas_csv_row(r);
        const auto back = dae::parse_atlas_csv(again, "again.csv");
        if (back.size() != rows.size()) __builtin_trap();
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (dae::atlas_csv_row(back[i]) != dae::atlas_csv_row(rows[i])) __builtin_trap();
    } catch (const dae::Error&) {
    }
    try {
        dae::parse_results_csv(text, "results.csv");
    } catch (const dae::Error&) {
    }
    try {
        dae::parse_census_csv(text, "census.csv");
    } catch (const dae::Error&) {
    }
    dae::parse_curves_csv_row(text);
    return 0;
}
