// libFuzzer target: the daelab model file loader; a parsed model must re-serialise identically.
#include "dae/error.h"
#include "dae/gzip.h"
#include "dae/model_io.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The file ends in a CRC-32 of everything before it: set it right, or every mutation would stop
    // at the checksum and the parser behind it would never be reached.
    std::vector<std::uint8_t> bytes(data, data + size);
    if (size >= 4) {
        std::vector<std::uint8_t> crc;
        dae::put_u32_le(crc, dae::crc32_of({bytes.data(), size - 4}));
        std::copy(crc.begin(), crc.end(), bytes.end() - 4);
    }
    try {
        const dae::SavedModel m = dae::parse_model(bytes, "fuzz.dae");
        const auto again = dae::serialize_model(m);
        const dae::SavedModel n = dae::parse_model(again, "again.dae");
        if (!(n.model == m.model) || !(n.provenance == m.provenance)) __builtin_trap();
    } catch (const dae::Error&) {
    }
    return 0;
}
