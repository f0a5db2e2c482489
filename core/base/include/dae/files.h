// Files and their framing: whole-file reads and atomic writes whose errors name the file, and the
// CRC-32 and little-endian fields of the model and checkpoint formats.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dae {

// CRC-32 (zlib's) of any number of bytes: the checksum of the model and checkpoint formats.
std::uint32_t crc32_of(std::span<const std::uint8_t> bytes);

// Little-endian u32 fields of the model and checkpoint formats.
void put_u32_le(std::vector<std::uint8_t>& out, std::uint32_t v);
std::uint32_t get_u32_le(const std::uint8_t* p);

// Whole-file I/O with errors that name the file.
std::vector<std::uint8_t> read_file(const std::string& path);
std::string read_text(const std::string& path);  // the same bytes as text
// Atomic replace: writes path.tmp-XXXX, fsyncs it, renames it over path, fsyncs the folder.
// On any failure the previous file at `path` is untouched, and no temporary file is left.
void write_file_atomic(const std::string& path, std::span<const std::uint8_t> bytes);
void write_text_atomic(const std::string& path, const std::string& text);

namespace testing {
// Fault injection for the tests: after `bytes` more bytes, every write_file_atomic fails as on a
// full disk (ENOSPC); a negative value turns it off. $DAELAB_INJECT_WRITE_FAILURE=<bytes> does the
// same for a whole process (the CLI and GUI tests use it).
void inject_write_failure(long long bytes);
}  // namespace testing

}  // namespace dae
