#include "dae/idx.h"

#include "dae/error.h"
#include "dae/files.h"
#include "gzip.h"

#include <cstdio>
#include <memory>
#include <zlib.h>

namespace dae {
namespace {

constexpr std::uint8_t kUnsignedByte = 0x08;
constexpr std::size_t kMaxRank = 4;

std::uint32_t read_be32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

void append_be32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

const char* type_name(std::uint8_t type) {
    switch (type) {
    case 0x08: return "unsigned byte";
    case 0x09: return "signed byte";
    case 0x0B: return "short";
    case 0x0C: return "int";
    case 0x0D: return "float";
    case 0x0E: return "double";
    default: return "unknown";
    }
}

struct IdxHeader {
    std::vector<std::uint32_t> dims;
    std::size_t header_bytes = 0;
    std::uint64_t count = 0;  // product of dims
    std::string shape;        // "60000 x 28 x 28", for messages
};

// Checks magic, type, rank and dimensions of the header at the start of `bytes`.
IdxHeader parse_header(std::span<const std::uint8_t> bytes, const std::string& name) {
    if (bytes.size() < 4)
        throw Error(name + ": truncated: " + std::to_string(bytes.size()) +
                    " bytes, too short for an IDX header (4 bytes of magic at least)");
    if (bytes[0] != 0 || bytes[1] != 0) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%02x %02x %02x %02x", bytes[0], bytes[1], bytes[2], bytes[3]);
        throw Error(name + ": bad magic " + buf + ": not an IDX file (expected 00 00 08 01 or 00 00 08 03)");
    }
    const std::uint8_t type = bytes[2];
    const std::size_t rank = bytes[3];
    if (type != kUnsignedByte) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X", type);
        throw Error(name + ": unsupported element type " + buf + " (" + type_name(type) +
                    "); daelab reads unsigned-byte IDX (0x08)");
    }
    if (rank == 0 || rank > kMaxRank)
        throw Error(name + ": unsupported rank " + std::to_string(rank) + " (expected 1 to " +
                    std::to_string(kMaxRank) + ")");
    IdxHeader h;
    h.header_bytes = 4 + 4 * rank;
    if (bytes.size() < h.header_bytes)
        throw Error(name + ": truncated: the header needs " + std::to_string(h.header_bytes) + " bytes, file has " +
                    std::to_string(bytes.size()));
    // Headers are compared with the real size before anything is allocated, so a lying header
    // (say 4e9 × 4e9 × 28 in a 1 kB file) costs nothing but its error message.
    constexpr std::uint64_t kAbsurd = std::uint64_t{1} << 40;  // 1 TiB of pixels
    h.count = 1;
    for (std::size_t i = 0; i < rank; ++i) {
        const std::uint32_t d = read_be32(bytes.data() + 4 + 4 * i);
        if (d == 0) throw Error(name + ": dimension " + std::to_string(i) + " is zero");
        h.dims.push_back(d);
        h.shape += (i ? " x " : "") + std::to_string(d);
        if (h.count > kAbsurd / d)  // h.count * d would pass 2^40 (and may overflow)
            throw Error(name + ": absurd header (" + h.shape + "...): more than 2^40 elements promised");
        h.count *= d;
    }
    return h;
}

}  // namespace

IdxArray parse_idx(std::span<const std::uint8_t> bytes, const std::string& name) {
    IdxHeader h = parse_header(bytes, name);
    const std::size_t have = bytes.size() - h.header_bytes;
    if (have < h.count)
        throw Error(name + ": truncated: header (" + h.shape + ") promises " + std::to_string(h.count) +
                    " bytes of data, file has " + std::to_string(have));
    if (have > h.count)
        throw Error(name + ": size mismatch: " + std::to_string(have - h.count) + " bytes after the " +
                    std::to_string(h.count) + " the header (" + h.shape + ") promises");
    IdxArray out;
    out.dims = std::move(h.dims);
    out.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(h.header_bytes), bytes.end());
    return out;
}

IdxArray read_idx_bytes(std::span<const std::uint8_t> bytes, const std::string& name) {
    if (is_gzip(bytes)) {
        // Inflate the header first; the body may then inflate to exactly what it promises (+1 byte
        // to notice trailing data), so a gzip bomb costs no more memory than an honest file.
        const auto head = gunzip(bytes, name, 4 + 4 * kMaxRank, /*prefix_only=*/true);
        const IdxHeader h = parse_header(head, name);
        if (h.count > (std::uint64_t{1} << 31))
            throw Error(name + ": header (" + h.shape + ") promises " + std::to_string(h.count) +
                        " bytes: more than daelab reads from a compressed file (2 GiB)");
        const auto inflated = gunzip(bytes, name, h.header_bytes + static_cast<std::size_t>(h.count) + 1, true);
        return parse_idx(inflated, name);
    }
    return parse_idx(bytes, name);
}

IdxArray read_idx(const std::string& path) {
    const auto bytes = read_file(path);
    return read_idx_bytes(bytes, path);
}

std::vector<std::uint32_t> read_idx_dims(const std::string& path) {
    // gzread reads plain files as they are, so one path serves both.
    std::unique_ptr<gzFile_s, int (*)(gzFile)> f(gzopen(path.c_str(), "rb"), gzclose);
    if (!f) throw Error(path + ": cannot open");
    std::uint8_t head[4 + 4 * kMaxRank];
    const int n = gzread(f.get(), head, sizeof head);
    return parse_header(std::span<const std::uint8_t>(head, static_cast<std::size_t>(std::max(n, 0))), path).dims;
}

std::vector<std::uint8_t> serialize_idx(const IdxArray& array) {
    if (array.dims.empty() || array.dims.size() > kMaxRank) throw Error("IDX: rank must be 1 to 4");
    std::size_t count = 1;
    for (auto d : array.dims)
        count *= d;
    if (count != array.data.size()) throw Error("IDX: dimensions do not match the data size");
    std::vector<std::uint8_t> out{0, 0, kUnsignedByte, static_cast<std::uint8_t>(array.dims.size())};
    out.reserve(4 + 4 * array.dims.size() + array.data.size());
    for (auto d : array.dims)
        append_be32(out, d);
    out.insert(out.end(), array.data.begin(), array.data.end());
    return out;
}

void write_idx(const std::string& path, const IdxArray& array, bool compress) {
    auto bytes = serialize_idx(array);
    if (compress) bytes = gzip(bytes);
    write_file_atomic(path, bytes);
}

}  // namespace dae
