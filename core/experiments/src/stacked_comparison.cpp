#include "dae/stacked_comparison.h"

#include "dae/classifier.h"
#include "dae/error.h"
#include "dae/numbers.h"
#include "dae/rng.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <numeric>
#include <sstream>

namespace dae {

const char* stacked_kind_name(StackedKind k) {
    switch (k) {
    case StackedKind::SdA: return "SdA";
    case StackedKind::SAA: return "SAA";
    case StackedKind::MLP: return "MLP";
    }
    return "?";
}

std::optional<StackedKind> stacked_kind_from_name(const std::string& name) {
    std::string n = name;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (n == "sda") return StackedKind::SdA;
    if (n == "saa") return StackedKind::SAA;
    if (n == "mlp") return StackedKind::MLP;
    return std::nullopt;
}

StackedSets stacked_sets(const Partition& p) {
    if (p.official_test) return {p.train, p.validation, p.test};
    const Index half = p.validation.size() / 2;
    std::vector<Index> first(static_cast<std::size_t>(half)),
        second(static_cast<std::size_t>(p.validation.size() - half));
    std::iota(first.begin(), first.end(), Index{0});
    std::iota(second.begin(), second.end(), half);
    return {p.train, p.validation.subset(first), p.validation.subset(second)};
}

double binomial_ci95(double p, Index n) { return n > 0 ? 1.96 * std::sqrt(p * (1 - p) / static_cast<double>(n)) : 0; }

StackedResult run_stacked_model(StackedKind kind, const StackedConfig& config, double noise, const StackedSets& sets,
                                RunObserver* observer) {
    const Dataset& train = sets.train;
    if (train.size() == 0 || sets.validation.size() == 0 || sets.test.size() == 0)
        throw Error("stacked DAEs: the training, validation and test sets must all hold samples");
    if (Index{train.width} * train.height != train.dim() || train.dim() < 4)
        throw Error("stacked DAEs classify images; '" + train.name + "' is not an image data set");
    const auto start = std::chrono::steady_clock::now();
    StackedConfig c = config;
    c.pretrain.corruption.level = kind == StackedKind::SdA ? noise : 0.0;
    c.pretraining = kind != StackedKind::MLP;
    std::string why;
    if (!c.validate(&why, train.size())) throw Error("stacked DAEs: " + why);
    const int classes = std::max(train.num_classes, 1 + *std::max_element(train.labels.begin(), train.labels.end()));
    const double pretrain_share = c.pretraining ? 0.7 : 0.0;
    const std::string name = stacked_kind_name(kind);
    StackedNetwork net;
    if (c.pretraining) {
        ObserverSection section(observer, name, 0, pretrain_share);
        net = pretrain_stack(c, train.samples, classes, &section);
    } else {
        net = initial_stack(c, train.dim(), classes);
    }
    auto stopped = [&] { return observer && observer->stop_requested(); };
    if (stopped()) throw Error("stacked DAEs: cancelled");
    StackedResult r;
    r.kind = kind;
    r.noise = c.pretrain.corruption.level;
    ObserverSection section(observer, name, pretrain_share, 1);
    r.finetune =
        finetune(net, c, train.samples, train.labels, sets.validation.samples, sets.validation.labels, &section);
    if (stopped()) throw Error("stacked DAEs: cancelled");
    if (r.finetune.diverged) throw Error("stacked DAEs (" + name + "): " + r.finetune.message);
    r.test_error = net.error_rate(sets.test.samples, sets.test.labels);
    r.test_ci95 = binomial_ci95(r.test_error, sets.test.size());
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const Index shown = std::min<Index>(16, net.w.front().rows());
    r.first_filters = net.w.front().topRows(shown).transpose();
    return r;
}

}  // namespace dae
