// libFuzzer target: the training checkpoint loader. Whatever it accepts must make a trainer of its
// settings accept its state, or refuse it with dae::Error — never crash.
#include "crc_fixed.h"
#include "dae/checkpoint.h"
#include "dae/error.h"

#include <algorithm>
#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<std::uint8_t> bytes = with_crc_fixed(data, size);
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
