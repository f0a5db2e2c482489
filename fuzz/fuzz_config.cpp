// libFuzzer target: the JSON parsers of settings (daelab-cli train --config), run specs and grids.
// Whatever they accept must be valid (validate() agrees) and must round-trip through JSON.
#include "dae/error.h"
#include "dae/experiment.h"
#include "dae/training_options.h"

#include <cstdint>
#include <string>

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
    try {
        const dae::GridSpec g = dae::GridSpec::from_json(text, "grid.json");
        if (g.runs().size() > dae::kMaxGridRuns) __builtin_trap();
    } catch (const dae::Error&) {
    }
    return 0;
}
