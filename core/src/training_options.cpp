#include "dae/training_options.h"

#include "dae/numbers.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace dae {

const std::vector<OptionInfo>& training_option_list() {
    static const std::vector<OptionInfo> list{
        {"hidden", "hidden units n"},
        {"tied", "tie the decoder to the encoder, W2 = W1ᵀ (true/false)"},
        {"encoder", "encoder activation f: sigmoid, tanh, relu, linear"},
        {"decoder", "decoder activation g: sigmoid, tanh, relu, linear"},
        {"init", "weight initialisation: glorot, glorot-sigmoid (4× range, Theano tutorial)"},
        {"corruption", "corruption: masking, gaussian, salt-pepper, none"},
        {"level", "corruption level: ν (fraction) for masking / salt-pepper, σ for gaussian"},
        {"loss", "reconstruction error: cross-entropy, squared-error"},
        {"walkback", "walkback steps k (1 = ordinary DAE)"},
        {"walkback-variant", "for k > 1: bahdanau-jaeger (BPTT through r^i(x̃)), bengio (corrupt each reconstruction "
                             "again, no BPTT), samples-no-bptt, bptt-no-samples"},
        {"sparsity", "λ of the sparsity penalty λ‖h‖₁"},
        {"contraction", "λ of the contractive penalty λ‖∂h/∂x‖²_F"},
        {"weight-decay", "λ of the weight decay (λ/2)‖W‖²"},
        {"batch", "minibatch size b"},
        {"learning-rate", "learning rate ρ"},
        {"annealing", "annealing factor α: ρ ← αρ after every epoch"},
        {"momentum", "momentum μ (0 = plain SGD)"},
        {"epochs", "epochs N"},
        {"seed", "random seed (initialisation, shuffling, corruption)"},
        {"order", "minibatch order: circular (the paper's §5.3: one shuffle, the same order every epoch) or "
                  "reshuffle (a new order every epoch)"},
    };
    return list;
}

namespace {

bool parse_int(const std::string& s, long long* out) {
    if (s.empty()) return false;
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (*end != '\0' || errno == ERANGE) return false;
    *out = v;
    return true;
}

}  // namespace

bool set_training_option(TrainingConfig& c, const std::string& key, const std::string& value, std::string* why) {
    auto bad = [&](const std::string& expected) {
        if (why) *why = "option '" + key + "': '" + value + "' is not " + expected;
        return false;
    };
    double d = 0;
    long long i = 0;
    if (key == "hidden") {
        if (!parse_int(value, &i) || i < 0 || i > (1 << 30)) return bad("a number of units");
        c.model.hidden = i;
    } else if (key == "tied") {
        if (value == "true" || value == "1" || value == "yes")
            c.model.tied = true;
        else if (value == "false" || value == "0" || value == "no")
            c.model.tied = false;
        else
            return bad("true or false");
    } else if (key == "encoder" || key == "decoder") {
        const auto a = activation_from_name(value);
        if (!a) return bad("sigmoid, tanh, relu or linear");
        (key == "encoder" ? c.model.encoder : c.model.decoder) = *a;
    } else if (key == "init") {
        const auto s = init_scheme_from_name(value);
        if (!s) return bad("glorot or glorot-sigmoid");
        c.init = *s;
    } else if (key == "corruption") {
        const auto t = corruption_from_name(value);
        if (!t) return bad("masking, gaussian, salt-pepper or none");
        c.corruption.type = *t;
    } else if (key == "walkback-variant") {
        const auto v = walkback_variant_from_name(value);
        if (!v) return bad("bahdanau-jaeger, bengio, samples-no-bptt or bptt-no-samples");
        c.walkback_variant = *v;
    } else if (key == "order") {
        const auto o = minibatch_order_from_name(value);
        if (!o) return bad("circular or reshuffle");
        c.order = *o;
    } else if (key == "loss") {
        const auto l = loss_from_name(value);
        if (!l) return bad("cross-entropy or squared-error");
        c.loss = *l;
    } else if (key == "walkback" || key == "batch" || key == "epochs") {
        if (!parse_int(value, &i) || i < -(1LL << 30) || i > (1LL << 30)) return bad("a whole number");
        if (key == "walkback") c.walkback = static_cast<int>(i);
        if (key == "batch") c.batch = i;
        if (key == "epochs") c.epochs = static_cast<int>(i);
    } else if (key == "seed") {
        if (!parse_int(value, &i) || i < 0) return bad("a whole number ≥ 0");
        c.seed = static_cast<std::uint64_t>(i);
    } else if (key == "level" || key == "sparsity" || key == "contraction" || key == "weight-decay" ||
               key == "learning-rate" || key == "annealing" || key == "momentum") {
        if (!parse_number(value, &d)) return bad("a number");
        if (key == "level") c.corruption.level = d;
        if (key == "sparsity") c.regularization.sparsity = d;
        if (key == "contraction") c.regularization.contraction = d;
        if (key == "weight-decay") c.regularization.weight_decay = d;
        if (key == "learning-rate") c.learning_rate = d;
        if (key == "annealing") c.annealing = d;
        if (key == "momentum") c.momentum = d;
    } else {
        if (why) *why = "unknown option '" + key + "'";
        return false;
    }
    return true;
}

std::vector<std::pair<std::string, std::string>> training_options(const TrainingConfig& c) {
    return {
        {"hidden", std::to_string(c.model.hidden)},
        {"tied", c.model.tied ? "true" : "false"},
        {"encoder", activation_name(c.model.encoder)},
        {"decoder", activation_name(c.model.decoder)},
        {"init", init_scheme_name(c.init)},
        {"corruption", corruption_name(c.corruption.type)},
        {"level", format_double(c.corruption.level)},
        {"loss", loss_name(c.loss)},
        {"walkback", std::to_string(c.walkback)},
        {"walkback-variant", walkback_variant_name(c.walkback_variant)},
        {"sparsity", format_double(c.regularization.sparsity)},
        {"contraction", format_double(c.regularization.contraction)},
        {"weight-decay", format_double(c.regularization.weight_decay)},
        {"batch", std::to_string(c.batch)},
        {"learning-rate", format_double(c.learning_rate)},
        {"annealing", format_double(c.annealing)},
        {"momentum", format_double(c.momentum)},
        {"epochs", std::to_string(c.epochs)},
        {"seed", std::to_string(c.seed)},
        {"order", minibatch_order_name(c.order)},
    };
}

bool OptionRange::contains(double v) const {
    if (!std::isfinite(v) || v > max || v < min || (min_open && v == min)) return false;
    return !integer || v == std::floor(v);
}

std::string OptionRange::text() const {
    std::ostringstream s;
    if (integer) {
        s << static_cast<long long>(min) << " … " << static_cast<long long>(max);
    } else {
        s << (min_open ? "(" : "[") << min << ", " << max << "]";
    }
    return s.str();
}

std::optional<OptionRange> training_option_range(const std::string& key, CorruptionType type) {
    if (key == "hidden") return OptionRange{1, 100000, true};
    if (key == "walkback") return OptionRange{1, 100, true};
    if (key == "batch") return OptionRange{1, 1e9, true};
    if (key == "epochs") return OptionRange{1, 1e6, true};
    if (key == "seed") return OptionRange{0, 4.6e18, true};
    if (key == "level") return OptionRange{0, max_level(type)};
    if (key == "learning-rate") return OptionRange{0, 1000, false, true};
    if (key == "annealing") return OptionRange{0, 1, false, true};
    if (key == "momentum") return OptionRange{0, 0.999999};
    if (key == "sparsity" || key == "contraction" || key == "weight-decay") return OptionRange{0, 1e6};
    return std::nullopt;
}

double training_option_value(const TrainingConfig& c, const std::string& key) {
    if (key == "hidden") return static_cast<double>(c.model.hidden);
    if (key == "walkback") return c.walkback;
    if (key == "batch") return static_cast<double>(c.batch);
    if (key == "epochs") return c.epochs;
    if (key == "seed") return static_cast<double>(c.seed);
    if (key == "level") return c.corruption.level;
    if (key == "learning-rate") return c.learning_rate;
    if (key == "annealing") return c.annealing;
    if (key == "momentum") return c.momentum;
    if (key == "sparsity") return c.regularization.sparsity;
    if (key == "contraction") return c.regularization.contraction;
    if (key == "weight-decay") return c.regularization.weight_decay;
    return std::nan("");
}

}  // namespace dae
