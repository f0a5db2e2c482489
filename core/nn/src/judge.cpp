#include "dae/judge.h"

#include "dae/error.h"
#include "dae/files.h"
#include "dae/threads.h"

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

namespace dae {

namespace {

constexpr char kMagic[8] = {'D', 'A', 'E', 'J', 'U', 'D', 'G', 'E'};
constexpr std::uint32_t kVersion = 1;

StackedConfig stack_config(const JudgeConfig& c) {
    StackedConfig s;
    s.layers = {c.hidden};
    s.pretraining = false;
    s.pretrain.seed = c.seed;
    s.finetune_epochs = c.epochs;
    s.finetune_batch = c.batch;
    s.finetune_learning_rate = c.learning_rate;
    s.finetune_annealing = c.annealing;
    s.seed = c.seed;
    return s;
}

void put_matrix(std::vector<std::uint8_t>& out, const Matrix& m) {
    put_u32_le(out, static_cast<std::uint32_t>(m.rows()));
    put_u32_le(out, static_cast<std::uint32_t>(m.cols()));
    const auto* p = reinterpret_cast<const std::uint8_t*>(m.data());
    out.insert(out.end(), p, p + m.size() * static_cast<Index>(sizeof(Scalar)));
}

}  // namespace

Judge Judge::train(const Dataset& train, const Dataset& validation, const JudgeConfig& config, RunObserver* observer) {
    if (train.size() == 0) throw Error("judge: no training samples");
    const int classes = std::max(2, train.num_classes);
    const StackedConfig s = stack_config(config);
    Judge j;
    j.m_net = initial_stack(s, train.dim(), classes);
    const FinetuneResult r =
        finetune(j.m_net, s, train.samples, train.labels, validation.samples, validation.labels, observer);
    if (r.diverged) throw Error("judge: " + r.message);
    return j;
}

Matrix Judge::probabilities(const Matrix& x) const {
    if (!trained()) throw Error("judge: not trained");
    return m_net.probabilities(x);
}

double Judge::accuracy(const Matrix& x, const std::vector<int>& labels) const {
    return 1 - m_net.error_rate(x, labels);
}

std::vector<std::uint8_t> Judge::serialize() const {
    std::vector<std::uint8_t> out(kMagic, kMagic + 8);
    put_u32_le(out, kVersion);
    put_u32_le(out, static_cast<std::uint32_t>(m_net.w.size()));
    for (std::size_t l = 0; l < m_net.w.size(); ++l) {
        put_matrix(out, m_net.w[l]);
        put_matrix(out, m_net.b[l]);
    }
    put_matrix(out, m_net.v);
    put_matrix(out, m_net.c);
    put_u32_le(out, crc32_of(out));
    return out;
}

Judge Judge::parse(std::span<const std::uint8_t> b, const std::string& name) {
    if (b.size() < 20 || std::memcmp(b.data(), kMagic, 8) != 0) throw Error(name + ": not a daelab judge");
    if (get_u32_le(b.data() + 8) != kVersion) throw Error(name + ": judge version not supported");
    if (get_u32_le(b.data() + b.size() - 4) != crc32_of(b.first(b.size() - 4)))
        throw Error(name + ": corrupt: checksum mismatch");
    std::size_t at = 16;
    const std::size_t end = b.size() - 4;
    auto matrix = [&]() {
        if (at + 8 > end) throw Error(name + ": truncated");
        const std::uint64_t rows = get_u32_le(b.data() + at), cols = get_u32_le(b.data() + at + 4);
        at += 8;
        if (rows == 0 || cols == 0 || rows > (1u << 20) || cols > (1u << 20) || rows * cols * 4 > end - at)
            throw Error(name + ": corrupt shape");
        Matrix m(static_cast<Index>(rows), static_cast<Index>(cols));
        std::memcpy(m.data(), b.data() + at, rows * cols * 4);
        at += rows * cols * 4;
        return m;
    };
    const std::uint32_t layers = get_u32_le(b.data() + 12);
    if (layers < 1 || layers > 10) throw Error(name + ": corrupt layer count");
    Judge j;
    for (std::uint32_t l = 0; l < layers; ++l) {
        j.m_net.w.push_back(matrix());
        j.m_net.b.push_back(matrix());
    }
    j.m_net.v = matrix();
    j.m_net.c = matrix();
    if (at != end || !j.m_net.all_finite()) throw Error(name + ": corrupt");
    for (std::size_t l = 0; l < j.m_net.w.size(); ++l) {
        const Index below = l == 0 ? j.m_net.w[0].cols() : j.m_net.w[l - 1].rows();
        if (j.m_net.w[l].cols() != below || j.m_net.b[l].rows() != j.m_net.w[l].rows() || j.m_net.b[l].cols() != 1)
            throw Error(name + ": corrupt shapes");
    }
    if (j.m_net.v.cols() != j.m_net.w.back().rows() || j.m_net.c.rows() != j.m_net.v.rows() || j.m_net.c.cols() != 1)
        throw Error(name + ": corrupt shapes");
    return j;
}

namespace {
std::atomic<bool> g_keep_threads{false};

void mix_key(std::uint32_t& key, const void* p, std::size_t n) {
    std::vector<std::uint8_t> bytes(static_cast<const std::uint8_t*>(p), static_cast<const std::uint8_t*>(p) + n);
    put_u32_le(bytes, key);
    key = crc32_of(bytes);
}

// The cache key of a judge: its data's key, its settings, and one thread or several.
std::uint32_t judge_key(std::uint32_t key, const JudgeConfig& config, Index samples, bool several) {
    const std::array<double, 8> numbers{static_cast<double>(config.hidden),
                                        static_cast<double>(config.epochs),
                                        static_cast<double>(config.batch),
                                        config.learning_rate,
                                        config.annealing,
                                        static_cast<double>(config.seed),
                                        static_cast<double>(samples),
                                        several ? 2.0 : 1.0};
    mix_key(key, numbers.data(), sizeof(double) * numbers.size());
    return key;
}
}  // namespace

void judges_keep_compute_threads(bool keep) { g_keep_threads = keep; }

std::string cache_directory() {
    if (const char* d = std::getenv("DAELAB_CACHE_DIR"); d && *d) return d;
    if (const char* d = std::getenv("XDG_CACHE_HOME"); d && *d) return std::string(d) + "/daelab";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/daelab";
    return {};
}

Judge cached_judge(const Dataset& train, const Dataset& validation, const JudgeConfig& config, RunObserver* observer) {
    // One thread or several: the two orders of sums (any count above one sums as two does).
    const int before = compute_threads();
    const bool wanted = config.threads > 1;
    const bool keep = g_keep_threads || wanted == (before > 1);
    const bool trained_on_several = keep ? before > 1 : wanted;
    // The key: every byte the judge depends on.
    std::uint32_t data_key = crc32_of({reinterpret_cast<const std::uint8_t*>(train.samples.data()),
                                       static_cast<std::size_t>(train.samples.size()) * sizeof(Scalar)});
    mix_key(data_key, train.labels.data(), train.labels.size() * sizeof(int));
    mix_key(data_key, validation.samples.data(), static_cast<std::size_t>(validation.samples.size()) * sizeof(Scalar));
    const std::string dir = cache_directory();
    auto path_of = [&](bool several) {
        char file[64];
        std::snprintf(file, sizeof file, "judge-%08x.bin", judge_key(data_key, config, train.size(), several));
        return dir.empty() ? std::string() : dir + "/" + file;
    };
    // The judge asked for first; a program that keeps its count may have trained another one.
    for (const bool several : {wanted, trained_on_several}) {
        const std::string path = path_of(several);
        if (path.empty() || !std::filesystem::exists(path)) continue;
        try {
            Judge j = Judge::parse(read_file(path), path);
            if (j.inputs() == train.dim()) return j;
        } catch (const std::exception&) {
            // a damaged cache entry is replaced below
        }
    }
    Judge j;
    {
        std::optional<ScopedComputeThreads> count;
        if (!keep) count.emplace(config.threads);
        j = Judge::train(train, validation, config, observer);
    }
    const std::string path = path_of(trained_on_several);
    if (!path.empty() && !(observer && observer->stop_requested())) {
        try {
            std::filesystem::create_directories(dir);
            write_file_atomic(path, j.serialize());
        } catch (const std::exception&) {
            // the cache is an optimisation
        }
    }
    return j;
}

}  // namespace dae
