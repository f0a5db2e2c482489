// libFuzzer target: the daelab model file loader; a parsed model must re-serialise identically.
#include "crc_fixed.h"
#include "dae/error.h"
#include "dae/model_io.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<std::uint8_t> bytes = with_crc_fixed(data, size);
    try {
        const dae::SavedModel m = dae::parse_model(bytes, "fuzz.dae");
        const auto again = dae::serialize_model(m);
        const dae::SavedModel n = dae::parse_model(again, "again.dae");
        if (!(n.model == m.model) || !(n.provenance == m.provenance)) __builtin_trap();
    } catch (const dae::Error&) {
    }
    return 0;
}
