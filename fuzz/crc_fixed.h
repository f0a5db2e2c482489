// For the fuzz targets of formats that end in a CRC-32 of everything before it (model files,
// checkpoints): the input with its last four bytes set to the right checksum, or every mutation
// would stop at the checksum and the parser behind it would never be reached.
#pragma once

#include "dae/files.h"

#include <algorithm>
#include <cstdint>
#include <vector>

inline std::vector<std::uint8_t> with_crc_fixed(const std::uint8_t* data, std::size_t size) {
    std::vector<std::uint8_t> bytes(data, data + size);
    if (size >= 4) {
        std::vector<std::uint8_t> crc;
        dae::put_u32_le(crc, dae::crc32_of({bytes.data(), size - 4}));
        std::copy(crc.begin(), crc.end(), bytes.end() - 4);
    }
    return bytes;
}
