#include "dae/files.h"

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

std::string read_text(const std::string& path) {
    const auto bytes = read_file(path);
    return {bytes.begin(), bytes.end()};
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
