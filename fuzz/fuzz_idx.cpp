// libFuzzer target: the IDX reader, plain and gzip (detected from the bytes, as for files).
#include "dae/error.h"
#include "dae/idx.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const dae::IdxArray a = dae::read_idx_bytes({data, size}, "fuzz.idx");
        std::size_t count = 1;
        for (auto d : a.dims)
            count *= d;
        if (count != a.data.size()) __builtin_trap();  // a parsed array must be consistent
    } catch (const dae::Error&) {
        // the one acceptable way to refuse input
    }
    return 0;
}
