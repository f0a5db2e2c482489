#include "gzip.h"

#include "dae/error.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

namespace dae {

bool is_gzip(std::span<const std::uint8_t> bytes) { return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b; }

std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> bytes, const std::string& name, std::size_t max_output,
                                 bool prefix_only) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) throw Error(name + ": cannot initialise zlib");
    std::vector<std::uint8_t> out;
    out.resize(
        std::min<std::size_t>(std::max<std::size_t>(bytes.size() * 4, 1 << 16), std::max<std::size_t>(max_output, 1)));
    std::size_t produced = 0;
    std::size_t consumed = 0;
    int rc = Z_OK;
    auto fail = [&](const std::string& what) {
        inflateEnd(&zs);
        throw Error(name + ": " + what);
    };
    while (true) {
        if (produced == out.size()) {
            if (out.size() >= max_output) {
                if (prefix_only) break;
                fail("gzip data inflates beyond " + std::to_string(max_output) + " bytes");
            }
            out.resize(std::min(out.size() * 2, max_output));
        }
        zs.next_in = const_cast<Bytef*>(bytes.data() + consumed);
        zs.avail_in = static_cast<uInt>(std::min<std::size_t>(bytes.size() - consumed, 1u << 30));
        zs.next_out = out.data() + produced;
        zs.avail_out = static_cast<uInt>(std::min<std::size_t>(out.size() - produced, 1u << 30));
        const uInt in_before = zs.avail_in, out_before = zs.avail_out;
        rc = inflate(&zs, Z_NO_FLUSH);
        consumed += in_before - zs.avail_in;
        produced += out_before - zs.avail_out;
        if (rc == Z_STREAM_END) {
            // Another gzip member may follow (as `cat a.gz b.gz` makes).
            if (consumed < bytes.size() && is_gzip(bytes.subspan(consumed))) {
                inflateReset(&zs);
                continue;
            }
            break;
        }
        if (rc == Z_DATA_ERROR) fail(std::string("corrupt gzip data (") + (zs.msg ? zs.msg : "?") + ")");
        if (rc == Z_MEM_ERROR) fail("out of memory while inflating");
        if (rc == Z_BUF_ERROR && consumed == bytes.size() && zs.avail_out > 0)
            fail("truncated gzip data (the stream ends before its end marker)");
        if (rc != Z_OK && rc != Z_BUF_ERROR) fail("zlib error " + std::to_string(rc));
    }
    inflateEnd(&zs);
    out.resize(produced);
    return out;
}

std::vector<std::uint8_t> gzip(std::span<const std::uint8_t> bytes, int level) {
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw Error("gzip: cannot initialise zlib");
    std::vector<std::uint8_t> out(deflateBound(&zs, bytes.size()) + 32);
    zs.next_in = const_cast<Bytef*>(bytes.data());
    zs.avail_in = static_cast<uInt>(bytes.size());
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw Error("gzip: deflate failed");
    out.resize(zs.total_out);
    return out;
}

}  // namespace dae
