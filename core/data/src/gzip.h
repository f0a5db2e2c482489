// gzip through zlib (private to the data room: IDX files may be gzipped). Decompression grows its output only as real
// data arrives, up to a limit, so a small malicious file cannot make us allocate gigabytes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dae {

// True when the bytes start with the gzip magic 1f 8b.
bool is_gzip(std::span<const std::uint8_t> bytes);

// Inflates a gzip stream (concatenated members allowed). Throws dae::Error naming `name` when the
// stream is corrupt, truncated, or would inflate beyond `max_output` bytes. With `prefix_only`, stops
// quietly after the first `max_output` bytes instead (to read a header).
std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> bytes, const std::string& name,
                                 std::size_t max_output = std::size_t{1} << 31, bool prefix_only = false);

std::vector<std::uint8_t> gzip(std::span<const std::uint8_t> bytes, int level = 6);

}  // namespace dae
