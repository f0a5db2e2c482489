#include "dae/model_io.h"

#include "dae/error.h"
#include "dae/files.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

namespace dae {

static_assert(std::endian::native == std::endian::little, "the model format is written little-endian");

namespace {

constexpr char kMagic[8] = {'D', 'A', 'E', 'M', 'O', 'D', 'E', 'L'};
constexpr std::size_t kFixedHeader = 16;  // magic + version + header length
constexpr std::uint32_t kMaxHeader = 1u << 20;
constexpr Index kMaxUnits = 1 << 24;

void put_floats(std::vector<std::uint8_t>& out, const Scalar* data, Index n) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(data);
    out.insert(out.end(), p, p + n * static_cast<Index>(sizeof(Scalar)));
}

Index parameter_count(const ModelConfig& c) { return c.hidden * c.visible * (c.tied ? 1 : 2) + c.hidden + c.visible; }

}  // namespace

std::vector<std::uint8_t> serialize_model(const SavedModel& saved) {
    const Autoencoder& m = saved.model;
    const ModelConfig& c = m.config();
    std::ostringstream header;
    header << "visible=" << c.visible << "\nhidden=" << c.hidden << "\ntied=" << (c.tied ? 1 : 0)
           << "\nencoder=" << activation_name(c.encoder) << "\ndecoder=" << activation_name(c.decoder) << "\n";
    for (const auto& [key, value] : provenance_to_metadata(saved.provenance)) {
        if (key == "visible" || key == "hidden" || key == "tied" || key == "encoder" || key == "decoder")
            throw Error("model metadata '" + key + "': the key is reserved for the model's structure");
        if (key.empty() || key.find_first_of("=\n") != std::string::npos || value.find('\n') != std::string::npos)
            throw Error("model metadata '" + key + "': keys may not hold '=' or newlines, values no newlines");
        header << key << "=" << value << "\n";
    }
    const std::string text = header.str();
    if (text.size() > kMaxHeader) throw Error("model metadata is larger than the format allows (1 MiB)");
    if (m.w1.rows() != c.hidden || m.w1.cols() != c.visible || m.b1.size() != c.hidden || m.b2.size() != c.visible ||
        (!c.tied && (m.w2.rows() != c.visible || m.w2.cols() != c.hidden)))
        throw Error("model: the weight matrices do not match the model's shape");
    std::vector<std::uint8_t> out(kMagic, kMagic + 8);
    put_u32_le(out, kModelFormatVersion);
    put_u32_le(out, static_cast<std::uint32_t>(text.size()));
    out.insert(out.end(), text.begin(), text.end());
    out.reserve(out.size() + static_cast<std::size_t>(parameter_count(c)) * sizeof(Scalar) + 4);
    put_floats(out, m.w1.data(), m.w1.size());
    put_floats(out, m.b1.data(), m.b1.size());
    if (!c.tied) put_floats(out, m.w2.data(), m.w2.size());
    put_floats(out, m.b2.data(), m.b2.size());
    put_u32_le(out, crc32_of(out));
    return out;
}

namespace {

// The fixed part and the header of a model file: `bytes` holds the file or at least its first
// 16 + header length + 4 bytes.
struct Header {
    ModelConfig config;
    std::map<std::string, std::string> metadata;  // the provenance's lines
    std::size_t data_offset = 0;
};

Header parse_header(std::span<const std::uint8_t> bytes, const std::string& name) {
    if (bytes.size() < kFixedHeader + 4)
        throw Error(name + ": truncated: " + std::to_string(bytes.size()) + " bytes is too short for a daelab model");
    if (std::memcmp(bytes.data(), kMagic, 8) != 0) throw Error(name + ": not a daelab model (bad magic)");
    const std::uint32_t version = get_u32_le(bytes.data() + 8);
    if (version == 0 || version > kModelFormatVersion)
        throw Error(name + ": model format version " + std::to_string(version) +
                    " is not supported (this daelab reads 1 to " + std::to_string(kModelFormatVersion) + ")");
    const std::uint32_t header_len = get_u32_le(bytes.data() + 12);
    if (header_len > kMaxHeader)
        throw Error(name + ": corrupt: header length " + std::to_string(header_len) + " is absurd");
    if (kFixedHeader + header_len + 4 > bytes.size())
        throw Error(name + ": truncated: the header alone needs " + std::to_string(kFixedHeader + header_len) +
                    " bytes");

    Header out;
    std::map<std::string, std::string>& metadata = out.metadata;
    const std::string text(reinterpret_cast<const char*>(bytes.data() + kFixedHeader), header_len);
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Error(name + ": corrupt header line '" + line.substr(0, 60) + "'");
        if (!metadata.emplace(line.substr(0, eq), line.substr(eq + 1)).second)
            throw Error(name + ": corrupt header: '" + line.substr(0, eq).substr(0, 40) + "' appears twice");
    }
    auto take = [&](const char* key) {
        const auto it = metadata.find(key);
        if (it == metadata.end()) throw Error(name + ": corrupt header: '" + key + "' is missing");
        std::string v = it->second;
        metadata.erase(it);
        return v;
    };
    auto take_size = [&](const char* key) {
        const std::string v = take(key);
        char* end = nullptr;
        const long long n = std::strtoll(v.c_str(), &end, 10);
        if (v.empty() || *end != '\0' || n < 1 || n > kMaxUnits)
            throw Error(name + ": corrupt header: " + key + "=" + v.substr(0, 30) + " is not a size in 1 … 2^24");
        return static_cast<Index>(n);
    };
    auto take_activation = [&](const char* key) {
        const std::string v = take(key);
        const auto a = activation_from_name(v);
        if (!a) throw Error(name + ": corrupt header: unknown " + key + " activation '" + v.substr(0, 30) + "'");
        return *a;
    };
    ModelConfig& c = out.config;
    c.visible = take_size("visible");
    c.hidden = take_size("hidden");
    const std::string tied = take("tied");
    if (tied != "0" && tied != "1") throw Error(name + ": corrupt header: tied=" + tied.substr(0, 30));
    c.tied = tied == "1";
    c.encoder = take_activation("encoder");
    c.decoder = take_activation("decoder");
    out.data_offset = kFixedHeader + header_len;
    return out;
}

}  // namespace

SavedModel parse_model(std::span<const std::uint8_t> bytes, const std::string& name) {
    Header header = parse_header(bytes, name);
    const ModelConfig& c = header.config;
    SavedModel out;
    const std::size_t data_offset = header.data_offset;
    const auto expected = data_offset + static_cast<std::size_t>(parameter_count(c)) * sizeof(Scalar) + 4;
    const std::string shape = std::to_string(c.visible) + "-" + std::to_string(c.hidden) + "-" +
                              std::to_string(c.visible) + (c.tied ? " tied" : " untied");
    if (bytes.size() < expected)
        throw Error(name + ": truncated: a " + shape + " model needs " + std::to_string(expected) +
                    " bytes, file has " + std::to_string(bytes.size()));
    if (bytes.size() > expected)
        throw Error(name + ": corrupt: " + std::to_string(bytes.size() - expected) + " unexpected bytes after a " +
                    shape + " model");
    const std::uint32_t stored = get_u32_le(bytes.data() + expected - 4);
    if (stored != crc32_of(bytes.first(expected - 4)))
        throw Error(name + ": corrupt: checksum mismatch (the file was damaged after it was written)");

    out.provenance = provenance_from_metadata(header.metadata, name);
    if (out.provenance.settings) out.provenance.settings->model = c;
    out.model = Autoencoder(c);
    const std::uint8_t* p = bytes.data() + data_offset;
    auto get = [&](Scalar* dst, Index n) {
        std::memcpy(dst, p, static_cast<std::size_t>(n) * sizeof(Scalar));
        p += n * static_cast<Index>(sizeof(Scalar));
    };
    Autoencoder& m = out.model;
    get(m.w1.data(), m.w1.size());
    get(m.b1.data(), m.b1.size());
    if (!c.tied) get(m.w2.data(), m.w2.size());
    get(m.b2.data(), m.b2.size());
    if (!m.all_finite()) throw Error(name + ": the weights hold NaN or infinite values (saved from a diverged run?)");
    return out;
}

void save_model(const std::string& path, const SavedModel& saved) { write_file_atomic(path, serialize_model(saved)); }

SavedModel load_model(const std::string& path) {
    const auto bytes = read_file(path);
    return parse_model(bytes, path);
}

Provenance read_model_provenance(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open the model file");
    std::vector<std::uint8_t> bytes(kFixedHeader);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (bytes.size() == kFixedHeader) {  // then the header and the 4 bytes a model has at least after it
        const std::uint32_t length = std::min(get_u32_le(bytes.data() + 12), kMaxHeader + 1);
        bytes.resize(kFixedHeader + length + 4);
        in.read(reinterpret_cast<char*>(bytes.data() + kFixedHeader), static_cast<std::streamsize>(length + 4));
        bytes.resize(kFixedHeader + static_cast<std::size_t>(in.gcount()));
    }
    Header header = parse_header(bytes, path);
    Provenance p = provenance_from_metadata(header.metadata, path);
    if (p.settings) p.settings->model = header.config;
    return p;
}

}  // namespace dae
