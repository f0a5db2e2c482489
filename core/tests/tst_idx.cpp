// The IDX reader and writer: round trips (plain and .gz) and one specific error per malformation.
#include "check.h"
#include "dae/error.h"
#include "dae/files.h"
#include "dae/idx.h"
#include "gzip.h"

#include <string>
#include <utility>

using dae::IdxArray;

namespace {

IdxArray sample_images() {
    IdxArray a;
    a.dims = {3, 4, 5};
    for (int i = 0; i < 60; ++i)
        a.data.push_back(static_cast<std::uint8_t>(i * 4 + 1));
    return a;
}

std::vector<std::uint8_t> header(std::uint8_t type, std::vector<std::uint32_t> dims) {
    std::vector<std::uint8_t> out{0, 0, type, static_cast<std::uint8_t>(dims.size())};
    for (auto d : dims)
        for (int s = 24; s >= 0; s -= 8)
            out.push_back(static_cast<std::uint8_t>(d >> s));
    return out;
}

// Runs parse and returns the error message ("" when it did not throw).
std::string parse_error(const std::vector<std::uint8_t>& bytes) {
    return dae::test::error_message([&] { dae::read_idx_bytes(bytes, "probe.idx"); });
}

}  // namespace

static void roundTripPlainAndGz(bool compress) {
    const dae::test::TempDir dir;
    const std::string path = dir.file("images.idx3");
    const IdxArray a = sample_images();
    dae::write_idx(path, a, compress);
    const auto raw = dae::read_file(path);
    REQUIRE(dae::is_gzip(raw) == compress);
    const IdxArray b = dae::read_idx(path);
    REQUIRE(b.dims == a.dims);
    REQUIRE(b.data == a.data);
    REQUIRE(dae::read_idx_dims(path) == a.dims);
}

TEST_CASE("TestIdx::roundTripPlainAndGz") {
    SUBCASE("plain") { roundTripPlainAndGz(false); }
    SUBCASE("gz") { roundTripPlainAndGz(true); }
}
TEST_CASE("TestIdx::labelsRankOne") {
    IdxArray a;
    a.dims = {7};
    a.data = {0, 1, 2, 3, 4, 5, 9};
    const IdxArray b = dae::parse_idx(dae::serialize_idx(a), "labels");
    REQUIRE(b.dims == a.dims);
    REQUIRE(b.data == a.data);
}
TEST_CASE("TestIdx::gzipRoundTripAndConcatenatedMembers") {
    const std::vector<std::uint8_t> x{1, 2, 3}, y{4, 5};
    auto gx = dae::gzip(x), gy = dae::gzip(y);
    gx.insert(gx.end(), gy.begin(), gy.end());
    REQUIRE(dae::gunzip(gx, "two members") == (std::vector<std::uint8_t>{1, 2, 3, 4, 5}));
}

TEST_CASE("TestIdx::malformed") {
    using Bytes = std::vector<std::uint8_t>;
    auto plus = [](Bytes a, std::size_t zeros) {
        a.resize(a.size() + zeros, 0);
        return a;
    };
    const auto good = dae::serialize_idx(sample_images());
    auto truncated = good;
    truncated.resize(good.size() - 7);
    auto longer = good;
    longer.push_back(0);
    longer.push_back(0);
    auto gz = dae::gzip(good);
    gz.resize(gz.size() / 2);
    auto gz_bad = dae::gzip(good);
    for (std::size_t i = 12; i < gz_bad.size() - 8; ++i)
        gz_bad[i] ^= 0x55;
    const std::vector<std::pair<Bytes, std::string>> rows{
        {Bytes{}, "truncated"},
        {Bytes{0x50, 0x4b, 3, 4, 0, 0}, "bad magic 50 4b 03 04"},
        {plus(header(0x0D, {1}), 4), "unsupported element type 0x0D"},
        {Bytes{0, 0, 8, 0}, "unsupported rank 0"},
        {Bytes{0, 0, 8, 9}, "unsupported rank 9"},
        {Bytes{0, 0, 8, 3, 0, 0, 0, 3}, "the header needs 16 bytes"},
        {header(8, {3, 0, 5}), "dimension 1 is zero"},
        {truncated, "truncated: header (3 x 4 x 5) promises 60 bytes of data, file has 53"},
        {longer, "size mismatch: 2 bytes after the 60"},
        {header(8, {0xFFFFFFFFu, 0xFFFFFFFFu, 28}), "absurd header"},
        {gz, "truncated gzip data"},
        {gz_bad, "corrupt gzip data"}};
    for (const auto& [bytes, expected] : rows) {
        const std::string message = parse_error(bytes);
        CAPTURE(expected);
        REQUIRE_MESSAGE(message.rfind("probe.idx: ", 0) == 0, message);
        REQUIRE_MESSAGE(message.find(expected) != std::string::npos, message);
    }
}
TEST_CASE("TestIdx::missingFileNamesIt") {
    try {
        dae::read_idx("/nonexistent/daelab/images.idx3");
        FAIL("no error");
    } catch (const dae::Error& e) {
        REQUIRE(std::string(e.what()).rfind("/nonexistent/daelab/images.idx3: cannot open", 0) == 0);
    }
}
TEST_CASE("TestIdx::gzipBombWithAHonestLookingHeaderIsBounded") {
    // A header promising 2^38 bytes (plausible, under the 2^40 absurdity bound) in a small .gz:
    // refused from its header, nothing inflated.
    std::vector<std::uint8_t> v{0, 0, 8,    3, 0, 0, 0x40, 0,
                                0, 0, 0x40, 0, 0, 0, 0x10, 0};  // 16384 x 16384 x 4096 = 2^38
    v.resize(v.size() + 4096, 0);
    const std::string message = parse_error(dae::gzip(v));
    REQUIRE_MESSAGE(message.find("more than daelab reads") != std::string::npos, message);
}
TEST_CASE("TestIdx::folderIsNotAFile") {
    const dae::test::TempDir dir;
    REQUIRE_THROWS_AS(dae::read_idx(dir.path()), dae::Error);
}
TEST_CASE("TestIdx::gzipBombIsBounded") {
    // 64 MiB of zeros compresses to ~64 kB; a limit of 1 MiB must stop the inflation early.
    const std::vector<std::uint8_t> zeros(64u << 20, 0);
    const auto gz = dae::gzip(zeros, 9);
    REQUIRE_THROWS_AS(dae::gunzip(gz, "bomb", 1u << 20), dae::Error);
}
