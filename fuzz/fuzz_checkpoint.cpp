// libFuzzer target: the training checkpoint loader. Whatever it accepts must make a trainer of its
// settings accept its state, or refuse it with dae::Error — never crash.
#include "dae/checkpoint.h"
#include "dae/error.h"
#include "dae/gzip.h"

#include <algorithm>
#include <cstdint>
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
        const dae::Checkpoint c = dae::parse_checkpoint(bytes, "fuzz.ckpt");
        if (c.train_rows > 64 || c.train_cols > 4096 || c.config.model.hidden > 64 || c.config.walkback > 8) return 0;
        dae::Trainer t(c.config, dae::Matrix::Zero(c.train_rows, c.train_cols));
        t.set_state(c.state);
        if (!t.finished()) t.step();
    } catch (const dae::Error&) {
    }
    return 0;
}
