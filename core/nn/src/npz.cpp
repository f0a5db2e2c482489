// NumPy .npz export / import through libzip. Each array is a .npy entry:
//   "\x93NUMPY" major minor, header length (u16 for 1.x, u32 for 2.x/3.x), a Python dict literal
//   {'descr': '<f4', 'fortran_order': True, 'shape': (500, 784), } padded with spaces to a multiple
//   of 64 bytes and ended by '\n', then the raw little-endian data.
// We write float32 in Fortran (column-major) order, which is Eigen's own layout, so export is a
// copy; import accepts '<f4' or '<f8', C or Fortran order.
#include "dae/error.h"
#include "dae/files.h"
#include "dae/model_io.h"

#include <cstring>
#include <memory>
#include <unistd.h>
#include <zip.h>

namespace dae {
namespace {

constexpr std::size_t kMaxEntryBytes = std::size_t{256} << 20;

// A .npy entry: version 1.0 header, padded to a multiple of 64 bytes, then the raw data.
std::vector<std::uint8_t> npy_bytes(const void* data, const std::vector<Index>& shape, bool fortran, bool is_int32) {
    std::string dict = std::string("{'descr': '") + (is_int32 ? "<i4" : "<f4") +
                       "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': (";
    Index count = 1;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        dict += std::to_string(shape[i]) + (shape.size() == 1 ? "," : (i + 1 < shape.size() ? ", " : ""));
        count *= shape[i];
    }
    dict += "), }";
    const std::size_t unpadded = 10 + dict.size() + 1;
    dict.append((64 - unpadded % 64) % 64, ' ');
    dict += '\n';
    // Sized once and filled with memcpy (GCC 12 misreads a chain of inserts as an overflow).
    static constexpr std::uint8_t kMagic[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    const std::size_t payload = static_cast<std::size_t>(count) * 4;
    std::vector<std::uint8_t> out(10 + dict.size() + payload);
    std::memcpy(out.data(), kMagic, 8);
    out[8] = static_cast<std::uint8_t>(dict.size() & 0xFF);
    out[9] = static_cast<std::uint8_t>(dict.size() >> 8);
    std::memcpy(out.data() + 10, dict.data(), dict.size());
    if (payload > 0) std::memcpy(out.data() + 10 + dict.size(), data, payload);
    return out;
}

// The archive is built in memory (libzip's buffer source), then written with write_file_atomic:
// the old file survives a crash or a full disk, and a failed write names the file.
void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!buffer) {
        zip_error_fini(&error);
        throw Error(path + ": cannot build the archive (out of memory)");
    }
    zip_source_keep(buffer);  // still ours after zip_close: the bytes are read from it below
    zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (!z) {
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        zip_source_free(buffer);
        throw Error(path + ": cannot build the archive (" + why + ")");
    }
    zip_error_fini(&error);
    for (const auto& [entry, bytes] : entries) {
        zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
        if (!src || zip_file_add(z, entry.c_str(), src, ZIP_FL_OVERWRITE) < 0) {
            if (src) zip_source_free(src);
            const std::string why = zip_strerror(z);
            zip_discard(z);
            zip_source_free(buffer);
            throw Error(path + ": cannot add " + entry + " (" + why + ")");
        }
    }
    if (zip_close(z) != 0) {
        const std::string why = zip_strerror(z);
        zip_discard(z);
        zip_source_free(buffer);
        throw Error(path + ": cannot build the archive (" + why + ")");
    }
    std::vector<std::uint8_t> bytes;
    zip_stat_t st;
    if (zip_source_stat(buffer, &st) == 0 && zip_source_open(buffer) == 0) {
        bytes.resize(static_cast<std::size_t>(st.size));
        const zip_int64_t n = zip_source_read(buffer, bytes.data(), st.size);
        zip_source_close(buffer);
        if (n != static_cast<zip_int64_t>(st.size)) bytes.clear();
    }
    zip_source_free(buffer);
    if (bytes.empty()) throw Error(path + ": cannot build the archive (reading it back failed)");
    write_file_atomic(path, bytes);
}

struct NpyArray {
    std::vector<Index> shape;
    std::vector<Scalar> values;  // column-major (Fortran) order
};

// Finds `'key':` in the header dict and returns the position just after the colon.
std::size_t after_key(const std::string& dict, const std::string& key, const std::string& name) {
    const auto k = dict.find("'" + key + "'");
    if (k == std::string::npos) throw Error(name + ": corrupt .npy header: no '" + key + "'");
    const auto colon = dict.find(':', k);
    if (colon == std::string::npos) throw Error(name + ": corrupt .npy header near '" + key + "'");
    return colon + 1;
}

NpyArray parse_npy(std::span<const std::uint8_t> b, const std::string& name) {
    static const std::uint8_t magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    if (b.size() < 10 || std::memcmp(b.data(), magic, 6) != 0) throw Error(name + ": not a .npy array (bad magic)");
    const int major = b[6];
    std::size_t header_len = 0, offset = 0;
    if (major == 1) {
        header_len = b[8] | (std::size_t{b[9]} << 8);
        offset = 10;
    } else if (major == 2 || major == 3) {
        if (b.size() < 12) throw Error(name + ": truncated .npy header");
        header_len = b[8] | (std::size_t{b[9]} << 8) | (std::size_t{b[10]} << 16) | (std::size_t{b[11]} << 24);
        offset = 12;
    } else {
        throw Error(name + ": .npy format version " + std::to_string(major) + " is not supported");
    }
    if (header_len > b.size() - offset) throw Error(name + ": truncated .npy header");
    const std::string dict(reinterpret_cast<const char*>(b.data() + offset), header_len);

    std::size_t p = after_key(dict, "descr", name);
    const auto q1 = dict.find('\'', p);
    const auto q2 = q1 == std::string::npos ? q1 : dict.find('\'', q1 + 1);
    if (q2 == std::string::npos) throw Error(name + ": corrupt .npy header: descr");
    const std::string descr = dict.substr(q1 + 1, q2 - q1 - 1);
    std::size_t item = 0;
    if (descr == "<f4")
        item = 4;
    else if (descr == "<f8")
        item = 8;
    else
        throw Error(name + ": dtype '" + descr.substr(0, 20) + "' is not supported (float32 '<f4' or float64 '<f8')");

    p = after_key(dict, "fortran_order", name);
    while (p < dict.size() && dict[p] == ' ')
        ++p;
    bool fortran;
    if (dict.compare(p, 4, "True") == 0)
        fortran = true;
    else if (dict.compare(p, 5, "False") == 0)
        fortran = false;
    else
        throw Error(name + ": corrupt .npy header: fortran_order");

    p = after_key(dict, "shape", name);
    const auto open = dict.find('(', p), close = dict.find(')', p);
    if (open == std::string::npos || close == std::string::npos || close < open)
        throw Error(name + ": corrupt .npy header: shape");
    NpyArray out;
    std::size_t count = 1;
    std::size_t i = open + 1;
    while (i < close) {
        while (i < close && (dict[i] == ' ' || dict[i] == ','))
            ++i;
        if (i >= close) break;
        std::size_t j = i;
        while (j < close && dict[j] >= '0' && dict[j] <= '9')
            ++j;
        if (j == i || j - i > 9) throw Error(name + ": corrupt .npy header: shape");
        const Index d = std::stoll(dict.substr(i, j - i));
        if (d > 0 && count > kMaxEntryBytes / static_cast<std::size_t>(d)) throw Error(name + ": absurd .npy shape");
        count *= static_cast<std::size_t>(d);
        out.shape.push_back(d);
        i = j;
    }
    if (out.shape.empty() || out.shape.size() > 2) throw Error(name + ": expected a 1-D or 2-D array");
    const std::size_t data_bytes = b.size() - offset - header_len;
    if (data_bytes != count * item)
        throw Error(name + ": " + (data_bytes < count * item ? "truncated" : "corrupt") + ": shape needs " +
                    std::to_string(count * item) + " data bytes, entry has " + std::to_string(data_bytes));
    const std::uint8_t* src = b.data() + offset + header_len;
    std::vector<Scalar> raw(count);
    for (std::size_t k = 0; k < count; ++k) {
        if (item == 4) {
            std::memcpy(&raw[k], src + 4 * k, 4);
        } else {
            double v;
            std::memcpy(&v, src + 8 * k, 8);
            raw[k] = static_cast<Scalar>(v);
        }
    }
    if (out.shape.size() == 2 && !fortran) {  // C order → column-major
        const Index rows = out.shape[0], cols = out.shape[1];
        out.values.resize(count);
        for (Index r = 0; r < rows; ++r)
            for (Index c = 0; c < cols; ++c)
                out.values[static_cast<std::size_t>(c * rows + r)] = raw[static_cast<std::size_t>(r * cols + c)];
    } else {
        out.values = std::move(raw);
    }
    return out;
}

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};

std::vector<std::uint8_t> read_entry(zip_t* z, const char* entry, const std::string& name) {
    const zip_int64_t index = zip_name_locate(z, entry, 0);
    if (index < 0) throw Error(name + ": no '" + entry + "' array in the archive");
    zip_stat_t st;
    if (zip_stat_index(z, static_cast<zip_uint64_t>(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        throw Error(name + ": cannot read the size of '" + entry + "'");
    if (st.size > kMaxEntryBytes)
        throw Error(name + ": '" + entry + "' claims " + std::to_string(st.size) + " bytes: too large");
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen_index(z, static_cast<zip_uint64_t>(index), 0),
                                                        zip_fclose);
    if (!f) throw Error(name + ": cannot open '" + entry + "' (" + zip_strerror(z) + ")");
    std::vector<std::uint8_t> out;
    std::uint8_t buf[1 << 16];
    while (true) {
        const zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
        if (n < 0) throw Error(name + ": '" + entry + "' is corrupt (" + zip_file_strerror(f.get()) + ")");
        if (n == 0) break;
        out.insert(out.end(), buf, buf + n);
        if (out.size() > st.size) throw Error(name + ": '" + entry + "' is longer than its directory entry says");
    }
    if (out.size() != st.size) throw Error(name + ": '" + entry + "' is truncated");
    return out;
}

std::string shape_text(const std::vector<Index>& s) {
    std::string t = "(";
    for (std::size_t i = 0; i < s.size(); ++i)
        t += (i ? ", " : "") + std::to_string(s[i]);
    return t + (s.size() == 1 ? ",)" : ")");
}

}  // namespace

void write_npz(const std::string& path, const std::vector<NpyArrayView>& arrays) {
    std::vector<std::pair<std::string, std::vector<std::uint8_t>>> entries;
    for (const auto& a : arrays)
        entries.emplace_back(a.name + ".npy", npy_bytes(a.data, a.shape, false, a.is_int32));
    write_zip(path, entries);
}

void export_npz(const std::string& path, const Autoencoder& model) {
    // Weights in Fortran order: Eigen's own layout, written as it is.
    const Index n = model.hidden(), d = model.visible();
    const Matrix w2 = model.W2();
    write_zip(path, {
                        {"W1.npy", npy_bytes(model.w1.data(), {n, d}, true, false)},
                        {"b1.npy", npy_bytes(model.b1.data(), {n}, true, false)},
                        {"W2.npy", npy_bytes(w2.data(), {d, n}, true, false)},
                        {"b2.npy", npy_bytes(model.b2.data(), {d}, true, false)},
                    });
}

namespace {
std::unique_ptr<zip_t, ZipCloser> open_npz(std::span<const std::uint8_t> bytes, const std::string& name) {
    if (bytes.empty()) throw Error(name + ": not a valid .npz archive (the file is empty)");
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!src) {
        zip_error_fini(&error);
        throw Error(name + ": cannot read (out of memory)");
    }
    zip_t* raw = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!raw) {
        zip_source_free(src);
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw Error(name + ": not a valid .npz archive (" + why + ")");
    }
    zip_error_fini(&error);
    return std::unique_ptr<zip_t, ZipCloser>(raw);
}
}  // namespace

Matrix read_npz_array(const std::string& path, const std::string& array) {
    const auto bytes = read_file(path);
    const auto z = open_npz(bytes, path);
    const NpyArray a = parse_npy(read_entry(z.get(), (array + ".npy").c_str(), path), path + ": " + array + ".npy");
    const Index rows = a.shape[0], cols = a.shape.size() == 2 ? a.shape[1] : 1;
    return ConstMatrixMap(a.values.data(), rows, cols);
}

Autoencoder import_npz_bytes(std::span<const std::uint8_t> bytes, const std::string& name, Activation encoder,
                             Activation decoder, bool detect_tied) {
    const auto z = open_npz(bytes, name);
    const NpyArray w1 = parse_npy(read_entry(z.get(), "W1.npy", name), name + ": W1.npy");
    const NpyArray b1 = parse_npy(read_entry(z.get(), "b1.npy", name), name + ": b1.npy");
    const NpyArray w2 = parse_npy(read_entry(z.get(), "W2.npy", name), name + ": W2.npy");
    const NpyArray b2 = parse_npy(read_entry(z.get(), "b2.npy", name), name + ": b2.npy");
    if (w1.shape.size() != 2) throw Error(name + ": W1 must be 2-D (hidden, visible), got " + shape_text(w1.shape));
    const Index n = w1.shape[0], d = w1.shape[1];
    auto expect = [&](const NpyArray& a, const std::vector<Index>& s, const char* what) {
        if (a.shape != s)
            throw Error(name + ": " + what + " has shape " + shape_text(a.shape) + ", expected " + shape_text(s) +
                        " for W1 " + shape_text(w1.shape));
    };
    expect(b1, {n}, "b1");
    expect(w2, {d, n}, "W2");
    expect(b2, {d}, "b2");
    if (n < 1 || d < 1) throw Error(name + ": empty weights");
    const ConstMatrixMap W1(w1.values.data(), n, d), W2(w2.values.data(), d, n);
    ModelConfig c;
    c.visible = d;
    c.hidden = n;
    c.encoder = encoder;
    c.decoder = decoder;
    c.tied = detect_tied && W2 == W1.transpose();
    Autoencoder m(c);
    m.w1 = W1;
    m.b1 = Eigen::Map<const Vector>(b1.values.data(), n);
    if (!c.tied) m.w2 = W2;
    m.b2 = Eigen::Map<const Vector>(b2.values.data(), d);
    return m;
}

Autoencoder import_npz(const std::string& path, Activation encoder, Activation decoder, bool detect_tied) {
    const auto bytes = read_file(path);
    return import_npz_bytes(bytes, path, encoder, decoder, detect_tied);
}

}  // namespace dae
