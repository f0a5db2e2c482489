#include "dae/gzip.h"

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

std::uint32_t crc32_of(std::span<const std::uint8_t> bytes) {
    uLong c = crc32(0L, Z_NULL, 0);
    for (std::size_t done = 0; done < bytes.size();) {  // crc32 takes uInt lengths
        const auto n = static_cast<uInt>(std::min<std::size_t>(bytes.size() - done, 1u << 30));
        c = crc32(c, bytes.data() + done, n);
        done += n;
    }
    return static_cast<std::uint32_t>(c);
}

void put_u32_le(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::uint32_t get_u32_le(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[3]} << 24);
}

std::vector<std::uint8_t> read_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw Error(path + ": is a folder, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open (" + std::strerror(errno) + ")");
    in.seekg(0, std::ios::end);
    const std::streamoff end = in.tellg();
    if (end < 0) throw Error(path + ": cannot determine the size (not a regular file?)");
    constexpr std::streamoff kMaxFile = std::streamoff{4} << 30;
    if (end > kMaxFile) throw Error(path + ": " + std::to_string(end) + " bytes is larger than daelab reads (4 GiB)");
    const auto size = static_cast<std::size_t>(end);
    in.seekg(0);
    std::vector<std::uint8_t> bytes(size);
    if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
        throw Error(path + ": read error");
    return bytes;
}

namespace {
// Bytes that may still be written before the injected failure (−1: no injection). Read once from
// the environment; tests set it directly.
std::atomic<long long>& write_budget() {
    static std::atomic<long long> budget = [] {
        const char* v = std::getenv("DAELAB_INJECT_WRITE_FAILURE");
        return v && *v ? std::atoll(v) : -1LL;
    }();
    return budget;
}
}  // namespace

namespace testing {
void inject_write_failure(long long bytes) { write_budget() = bytes; }
}  // namespace testing

void write_text_atomic(const std::string& path, const std::string& text) {
    write_file_atomic(path, {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}

void write_file_atomic(const std::string& path, std::span<const std::uint8_t> bytes) {
    std::string tmp = path + ".tmp-XXXXXX";
    const int fd = mkstemp(tmp.data());
    if (fd < 0) throw Error(path + ": cannot create a temporary file beside it (" + std::strerror(errno) + ")");
    auto fail = [&](const std::string& what) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        throw Error(path + ": " + what + " (" + std::strerror(err) + ")");
    };
    std::size_t done = 0;
    while (done < bytes.size()) {
        std::size_t chunk = bytes.size() - done;
        if (const long long budget = write_budget().load(); budget >= 0) {
            if (budget == 0) {
                errno = ENOSPC;  // injected: the disk is full
                fail("write failed");
            }
            chunk = std::min<std::size_t>(chunk, static_cast<std::size_t>(budget));
            write_budget() -= static_cast<long long>(chunk);
        }
        const ssize_t n = ::write(fd, bytes.data() + done, chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write failed");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, 0644) != 0) fail("chmod failed");
    if (::fsync(fd) != 0) fail("fsync failed");
    if (::close(fd) != 0) {
        ::unlink(tmp.c_str());
        throw Error(path + ": close failed");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw Error(path + ": rename failed (" + std::strerror(err) + ")");
    }
    // Make the rename itself durable.
    const auto dir = std::filesystem::path(path).parent_path();
    const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace dae
