// libFuzzer target: the JSON parsers of settings (daelab-cli train --config), run specs and grids.
// Whatever they accept must be valid (validate() agrees) and must round-trip through JSON.
// Grids of more than 256 runs are only parsed, not expanded: their expansion is the same loop as a
// small grid's, the cap on their size is tested in tst_experiment, and expanding thousands of runs
// per input would cut the executions per second a hundredfold.
#include "dae/error.h"
#include "dae/experiment.h"
#include "dae/training_options.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace {

// Runs a grid would expand to (seeds × the axes' values), or 0 when the text is not such a grid.
std::size_t grid_size(const std::string& text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return 0;
    std::size_t n = j.contains("seeds") && j["seeds"].is_array() ? j["seeds"].size() : 1;
    if (j.contains("axes") && j["axes"].is_object())
        for (const auto& [key, values] : j["axes"].items())
            n = std::min<std::size_t>(n * (values.is_array() ? std::max<std::size_t>(values.size(), 1) : 1), 1 << 20);
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    dae::TrainingConfig c;
    std::string why;
    dae::set_training_options_json(c, text, "fuzz.json", {"preset", "dataset"}, &why);
    try {
        const dae::RunSpec r = dae::RunSpec::from_json(text, "run.json");
        if (!r.settings.validate(nullptr)) __builtin_trap();
        if (!(dae::RunSpec::from_json(r.to_json(), "again.json") == r)) __builtin_trap();
    } catch (const dae::Error&) {
    }
    if (grid_size(text) > 256) return 0;
    try {
        const dae::GridSpec g = dae::GridSpec::from_json(text, "grid.json");  // expands and validates every run
        if (g.seeds.empty()) __builtin_trap();
    } catch (const dae::Error&) {
    }
    return 0;
}
