#include "dae/checkpoint.h"

#include "dae/error.h"
#include "dae/files.h"
#include "dae/model_io.h"
#include "dae/numbers.h"
#include "dae/training_options.h"

#include <cstring>
#include <sstream>

namespace dae {
namespace {

constexpr char kMagic[8] = {'D', 'A', 'E', 'C', 'K', 'P', 'T', '1'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kMaxHeader = 1u << 20;

void put_bytes(std::vector<std::uint8_t>& out, const void* data, std::size_t n) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    out.insert(out.end(), p, p + n);
}
}  // namespace

std::vector<std::uint8_t> serialize_checkpoint(const Trainer& trainer, const Provenance& provenance) {
    const TrainerState s = trainer.state();
    const auto model = serialize_model({s.model, Provenance{}});
    Provenance without_settings = provenance;
    without_settings.settings.reset();  // the train.* keys below are the settings
    without_settings.epochs_trained = s.epoch;
    const std::vector<std::int64_t> order(s.order.begin(), s.order.end());
    const std::vector<std::int64_t> positions(s.corruption_positions.begin(), s.corruption_positions.end());
    std::vector<float> velocity;
    for (const auto* m : {&s.velocity.w1, &s.velocity.w2})
        velocity.insert(velocity.end(), m->data(), m->data() + m->size());
    for (const auto* v : {&s.velocity.b1, &s.velocity.b2})
        velocity.insert(velocity.end(), v->data(), v->data() + v->size());

    std::ostringstream h;
    for (const auto& [k, v] : training_options(trainer.config()))
        h << "train." << k << '=' << v << '\n';
    for (const auto& [k, v] : provenance_to_metadata(without_settings)) {
        if (k.find_first_of("=\n") != std::string::npos || v.find('\n') != std::string::npos)
            throw Error("checkpoint metadata '" + k + "': no '=' or newlines");
        h << "meta." << k << '=' << v << '\n';
    }
    const EpochReport& e = s.last_epoch;
    h << "data.rows=" << trainer.train_data().rows() << "\ndata.cols=" << trainer.train_data().cols()
      << "\nepoch=" << s.epoch << "\nposition=" << s.position << "\nsamples-seen=" << s.samples_seen
      << "\nlearning-rate=" << exact_number(s.learning_rate) << "\nepoch-loss-sum=" << exact_number(s.epoch_loss_sum)
      << "\nepoch-batches=" << s.epoch_batches << "\nepoch-seconds=" << exact_number(s.epoch_seconds)
      << "\nrng.shuffle=" << s.shuffle_rng << "\nrng.corruption=" << s.corruption_rng << "\nlast.epoch=" << e.epoch
      << "\nlast.train-loss=" << exact_number(e.train_loss)
      << "\nlast.validation-loss=" << exact_number(e.validation_loss)
      << "\nlast.clean-mse=" << exact_number(e.validation_clean_mse) << "\nlast.seconds=" << exact_number(e.seconds)
      << "\nlast.rate=" << exact_number(e.samples_per_second)
      << "\nlast.learning-rate=" << exact_number(e.learning_rate) << "\nsize.model=" << model.size()
      << "\nsize.order=" << order.size() << "\nsize.positions=" << positions.size()
      << "\nsize.velocity=" << velocity.size() << '\n';
    const std::string text = h.str();
    std::vector<std::uint8_t> out(kMagic, kMagic + 8);
    put_u32_le(out, kVersion);
    put_u32_le(out, static_cast<std::uint32_t>(text.size()));
    put_bytes(out, text.data(), text.size());
    put_bytes(out, model.data(), model.size());
    put_bytes(out, order.data(), order.size() * sizeof(std::int64_t));
    put_bytes(out, positions.data(), positions.size() * sizeof(std::int64_t));
    put_bytes(out, velocity.data(), velocity.size() * sizeof(float));
    put_u32_le(out, crc32_of(out));
    return out;
}

void save_checkpoint(const std::string& path, const Trainer& trainer, const Provenance& provenance) {
    write_file_atomic(path, serialize_checkpoint(trainer, provenance));
}

Checkpoint parse_checkpoint(std::span<const std::uint8_t> b, const std::string& name) {
    if (b.size() < 20) throw Error(name + ": truncated: too short for a daelab checkpoint");
    if (std::memcmp(b.data(), kMagic, 8) != 0) throw Error(name + ": not a daelab checkpoint (bad magic)");
    if (get_u32_le(b.data() + 8) != kVersion)
        throw Error(name + ": checkpoint version " + std::to_string(get_u32_le(b.data() + 8)) + " is not supported");
    const std::size_t header = get_u32_le(b.data() + 12);
    if (header > kMaxHeader || 16 + header + 4 > b.size()) throw Error(name + ": truncated or corrupt header");
    if (get_u32_le(b.data() + b.size() - 4) != crc32_of(b.first(b.size() - 4)))
        throw Error(name + ": corrupt: checksum mismatch (damaged, or cut short while being written)");

    std::map<std::string, std::string> kv;
    std::istringstream lines(std::string(reinterpret_cast<const char*>(b.data() + 16), header));
    std::string line;
    while (std::getline(lines, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) throw Error(name + ": corrupt header line");
        kv[line.substr(0, eq)] = line.substr(eq + 1);
    }
    auto take = [&](const std::string& k) {
        const auto it = kv.find(k);
        if (it == kv.end()) throw Error(name + ": corrupt: '" + k + "' is missing");
        return it->second;
    };
    auto number = [&](const std::string& k) {
        const std::string v = take(k);
        const auto d = parse_number(v);
        if (!d) throw Error(name + ": corrupt: " + k + "=" + v.substr(0, 40));
        return *d;
    };
    auto count = [&](const std::string& k) {
        const double d = number(k);
        if (!(d >= 0 && d <= 1e10) || d != static_cast<double>(static_cast<std::int64_t>(d)))  // NaN fails too
            throw Error(name + ": corrupt: " + k);
        return static_cast<std::size_t>(d);
    };

    Checkpoint c;
    c.config = TrainingConfig::as_before_recorded();  // options the file predates (training.h)
    std::map<std::string, std::string> meta;
    for (const auto& [k, v] : kv) {
        std::string why;
        if (k.rfind("train.", 0) == 0 && !set_training_option(c.config, k.substr(6), v, &why))
            throw Error(name + ": " + why);
        if (k.rfind("meta.", 0) == 0) meta[k.substr(5)] = v;
    }
    c.provenance = provenance_from_metadata(meta, name);
    c.train_rows = static_cast<Index>(count("data.rows"));
    c.train_cols = static_cast<Index>(count("data.cols"));
    c.config.model.visible = c.train_rows;
    TrainerState& s = c.state;
    s.epoch = static_cast<int>(count("epoch"));
    s.position = static_cast<Index>(count("position"));
    s.samples_seen = static_cast<Index>(count("samples-seen"));
    s.learning_rate = number("learning-rate");
    s.epoch_loss_sum = number("epoch-loss-sum");
    s.epoch_batches = static_cast<Index>(count("epoch-batches"));
    s.epoch_seconds = number("epoch-seconds");
    s.shuffle_rng = take("rng.shuffle");
    s.corruption_rng = take("rng.corruption");
    s.last_epoch.epoch = static_cast<int>(number("last.epoch"));
    s.last_epoch.train_loss = number("last.train-loss");
    s.last_epoch.validation_loss = number("last.validation-loss");
    s.last_epoch.validation_clean_mse = number("last.clean-mse");
    s.last_epoch.seconds = number("last.seconds");
    s.last_epoch.samples_per_second = number("last.rate");
    s.last_epoch.learning_rate = number("last.learning-rate");

    const std::size_t n_model = count("size.model"), n_order = count("size.order"), n_pos = count("size.positions"),
                      n_vel = count("size.velocity");
    const std::size_t need = 16 + header + n_model + 8 * (n_order + n_pos) + 4 * n_vel + 4;
    if (need != b.size()) throw Error(name + ": corrupt: the sections do not add up to the file's size");
    const std::uint8_t* p = b.data() + 16 + header;
    s.model = parse_model({p, n_model}, name + " (model)").model;
    p += n_model;
    std::vector<std::int64_t> tmp(std::max(n_order, n_pos));
    std::memcpy(tmp.data(), p, 8 * n_order);
    s.order.assign(tmp.begin(), tmp.begin() + static_cast<std::ptrdiff_t>(n_order));
    p += 8 * n_order;
    std::memcpy(tmp.data(), p, 8 * n_pos);
    s.corruption_positions.assign(tmp.begin(), tmp.begin() + static_cast<std::ptrdiff_t>(n_pos));
    p += 8 * n_pos;
    if (n_vel > 0) {
        const ModelConfig& mc = s.model.config();
        const std::size_t w = static_cast<std::size_t>(mc.hidden * mc.visible);
        const std::size_t expect = w + (mc.tied ? 0 : w) + static_cast<std::size_t>(mc.hidden + mc.visible);
        if (n_vel != expect) throw Error(name + ": corrupt: momentum buffers of the wrong size");
        s.velocity.resize_like(s.model);
        auto get = [&](auto& m) {
            std::memcpy(m.data(), p, 4 * static_cast<std::size_t>(m.size()));
            p += 4 * m.size();
        };
        get(s.velocity.w1);
        get(s.velocity.w2);
        get(s.velocity.b1);
        get(s.velocity.b2);
    }
    std::string why;
    if (!c.config.validate(&why)) throw Error(name + ": the settings in it are invalid: " + why);
    c.provenance.settings = c.config;
    c.provenance.epochs_trained = s.epoch;
    return c;
}

Checkpoint load_checkpoint(const std::string& path) {
    const auto bytes = read_file(path);
    return parse_checkpoint(bytes, path);
}

}  // namespace dae
