// The IDX format of LeCun's MNIST files (and Fashion-MNIST): a big-endian header
//   00 00 <type> <rank>   then rank × uint32 dimensions, then the elements row-major.
// daelab reads and writes unsigned-byte elements (type 0x08), rank 1 (labels) and 3 (images),
// plain or gzip-compressed (detected by content, not by file name).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dae {

struct IdxArray {
    std::vector<std::uint32_t> dims;  // e.g. {60000, 28, 28} or {60000}
    std::vector<std::uint8_t> data;   // row-major, product(dims) bytes
};

// Parses IDX bytes (already inflated). `name` is used in errors. Every header field is checked
// against the real size before anything is allocated, and each problem has its own message:
// "bad magic", "unsupported element type", "rank", "zero dimension", "truncated", "trailing".
IdxArray parse_idx(std::span<const std::uint8_t> bytes, const std::string& name);
// Reads a file, inflating it if it is gzip.
IdxArray read_idx(const std::string& path);
// Parses bytes that may be gzip (as the embedded data set is).
IdxArray read_idx_bytes(std::span<const std::uint8_t> bytes, const std::string& name);

// Reads only the header (plain or .gz) and returns the dimensions: cheap, for listings.
std::vector<std::uint32_t> read_idx_dims(const std::string& path);

std::vector<std::uint8_t> serialize_idx(const IdxArray& array);
// Writes atomically; gzip-compressed when `compress`.
void write_idx(const std::string& path, const IdxArray& array, bool compress = false);

}  // namespace dae
