#include "dae/provenance.h"

#include "dae/error.h"
#include "dae/training_options.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#ifndef DAELAB_VERSION
#define DAELAB_VERSION "unknown"
#endif

namespace dae {

const char* daelab_version() { return DAELAB_VERSION; }

namespace {

bool curve_is_finite(const EpochReport& e) {
    return std::isfinite(e.train_loss) && std::isfinite(e.validation_loss) && std::isfinite(e.validation_clean_mse) &&
           std::isfinite(e.learning_rate);
}

// One epoch of the learning curves as a model file keeps it: the columns of curves_csv_row(), every
// number in its shortest form that reads back to the same double, and the losses and the rate only,
// not the time the epoch took, so that a file of the same run is the same byte for byte whenever and
// wherever it was trained. An epoch with a value that is not finite is left out ("" here): no epoch of
// a finished run has one (a NaN minibatch ends training as diverged before its epoch is reported).
std::string curve_record(EpochReport e) {
    if (!curve_is_finite(e)) return {};
    e.seconds = e.samples_per_second = 0;
    std::string row = curves_csv_row(e, true);
    row.pop_back();  // its newline
    return row;
}

}  // namespace

const char* split_rule_name(SplitSpec::Rule r) { return r == SplitSpec::Rule::Ordered ? "ordered" : "shuffled"; }

SplitSpec SplitSpec::held_out_fifth(Index n, std::uint64_t seed) {
    SplitSpec s;
    s.rule = Rule::Shuffled;
    s.validation = static_cast<Index>(std::llround(static_cast<double>(n) / 5.0));
    s.train = n - s.validation;
    s.seed = seed;
    return s;
}

SplitSpec SplitSpec::with_counts_of(const SplitSpec& fallback) const {
    SplitSpec s = *this;
    if (s.train == 0 && s.validation == 0) {
        s.train = fallback.train;
        s.validation = fallback.validation;
    }
    return s;
}

Split SplitSpec::apply(Index n) const {
    if (train < 1 || validation < 0 || train > n || validation > n - train)
        throw Error("split: " + std::to_string(train) + " training + " + std::to_string(validation) +
                    " validation samples do not fit a pool of " + std::to_string(n));
    if (rule == Rule::Shuffled) return make_split(n, train, validation, 0, seed);
    Split s;
    for (Index i = 0; i < train; ++i)
        s.train.push_back(i);
    for (Index i = train; i < train + validation; ++i)
        s.validation.push_back(i);
    return s;
}

Partition make_partition(const DataSource& source, const SplitSpec& split) {
    const Split s = split.apply(source.pool.size());
    Partition p;
    p.train = source.pool.subset(s.train);
    p.validation = source.pool.subset(s.validation);
    p.official_test = source.test.has_value();
    p.test = p.official_test ? *source.test : p.validation;
    return p;
}

namespace {

// Data set ids of files written before provenance was typed (their "mnist" was the embedded 10k).
std::string current_dataset_id(const std::string& legacy) {
    if (legacy == "mnist") return "mnist-10k";
    for (const char* v : {"rot", "bg-rand", "bg-img"})
        if (legacy == std::string("mnist-") + v) return std::string("mnist-10k-") + v;
    return legacy;
}

long long integer(const std::map<std::string, std::string>& m, const std::string& key, long long lo, long long hi,
                  const std::string& name) {
    const std::string& v = m.at(key);
    char* end = nullptr;
    errno = 0;
    const long long x = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || errno == ERANGE || x < lo || x > hi)
        throw Error(name + ": provenance '" + key + "=" + v.substr(0, 40) + "' is not a whole number in " +
                    std::to_string(lo) + " … " + std::to_string(hi));
    return x;
}

}  // namespace

std::map<std::string, std::string> provenance_to_metadata(const Provenance& p) {
    std::map<std::string, std::string> m = p.extra;
    if (!p.dataset.empty()) m["dataset"] = p.dataset;
    if (p.split) {
        m["split.rule"] = split_rule_name(p.split->rule);
        m["split.train"] = std::to_string(p.split->train);
        m["split.validation"] = std::to_string(p.split->validation);
        m["split.seed"] = std::to_string(p.split->seed);
    }
    if (p.settings)
        for (const auto& [k, v] : training_options(*p.settings))
            m["train." + k] = v;
    if (p.threads > 0) m["threads"] = std::to_string(p.threads);
    m["epochs-trained"] = std::to_string(p.epochs_trained);
    if (!p.status.empty()) m["status"] = p.status;
    m["daelab-version"] = p.version.empty() ? daelab_version() : p.version;
    if (!p.curves.empty()) {
        std::string rows;
        for (const EpochReport& e : p.curves) {
            const std::string row = curve_record(e);
            if (!row.empty()) rows += (rows.empty() ? "" : ";") + row;
        }
        if (!rows.empty()) m["curves"] = rows;
    }
    return m;
}

Provenance provenance_from_metadata(const std::map<std::string, std::string>& metadata, const std::string& name) {
    std::map<std::string, std::string> m = metadata;
    Provenance p;
    auto take = [&](const std::string& key) -> std::optional<std::string> {
        const auto it = m.find(key);
        if (it == m.end()) return std::nullopt;
        std::string v = it->second;
        m.erase(it);
        return v;
    };
    // A file without a version was written before provenance was recorded: its data set ids are the
    // old ones, and saved again it still says that its version is not known (not this program's).
    p.version = take("daelab-version").value_or("");
    const bool legacy = p.version.empty();
    if (legacy) p.version = kUnknownVersion;
    if (auto v = take("dataset")) p.dataset = legacy ? current_dataset_id(*v) : *v;

    // Split: "split.held-out" is the validation count of files written before version 0.2.
    if (m.count("split.held-out") && !m.count("split.validation")) m["split.validation"] = m.at("split.held-out");
    m.erase("split.held-out");
    if (m.count("split.train") && m.count("split.validation")) {
        SplitSpec s;
        s.train = integer(m, "split.train", 1, 1LL << 40, name);
        s.validation = integer(m, "split.validation", 0, 1LL << 40, name);
        if (m.count("split.seed")) s.seed = static_cast<std::uint64_t>(integer(m, "split.seed", 0, 1LL << 62, name));
        const std::string rule = m.count("split.rule") ? m.at("split.rule") : "shuffled";
        if (rule == "ordered")
            s.rule = SplitSpec::Rule::Ordered;
        else if (rule != "shuffled")
            throw Error(name + ": provenance 'split.rule=" + rule.substr(0, 40) + "' is not ordered or shuffled");
        p.split = s;
    }
    for (const char* k : {"split.train", "split.validation", "split.seed", "split.rule"})
        m.erase(k);

    // Settings: every train.<option> key; all of them or none. An option the file does not hold
    // was not recorded because it did not exist yet: it takes the value training had then.
    TrainingConfig c = TrainingConfig::as_before_recorded();
    bool any = false;
    for (auto it = m.begin(); it != m.end();) {
        if (!it->first.starts_with("train.")) {
            ++it;
            continue;
        }
        const std::string key = it->first.substr(6);
        if (!find_training_setting(key)) {  // an option of a later version: kept as read
            ++it;
            continue;
        }
        std::string why;
        if (!set_training_option(c, key, it->second, &why)) throw Error(name + ": provenance: " + why);
        any = true;
        it = m.erase(it);
    }
    if (any) p.settings = c;
    if (m.count("threads")) p.threads = static_cast<int>(integer(m, "threads", 0, 1 << 20, name));
    if (m.count("epochs-trained"))
        p.epochs_trained = static_cast<int>(integer(m, "epochs-trained", 0, 1LL << 30, name));
    m.erase("threads");
    m.erase("epochs-trained");
    if (auto v = take("status")) p.status = *v;
    if (auto v = take("curves")) {
        std::size_t start = 0;
        while (start <= v->size()) {
            const std::size_t end = std::min(v->find(';', start), v->size());
            const std::string row = v->substr(start, end - start);
            auto e = parse_curves_csv_row(row);
            if (!e || !curve_is_finite(*e))
                throw Error(name + ": provenance: curve row " + std::to_string(p.curves.size() + 1) + " '" +
                            row.substr(0, 40) + "' is not epoch,train_loss,validation_loss,… finite numbers");
            e->seconds = e->samples_per_second = 0;  // files hold no timings (curve_record)
            p.curves.push_back(*e);
            start = end + 1;
        }
    }
    p.extra = std::move(m);
    return p;
}

}  // namespace dae
