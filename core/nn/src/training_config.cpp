// The training settings: the papers' presets, their validation, and the names and CSV of a run's
// status and curves.
#include "dae/numbers.h"
#include "dae/training.h"
#include "dae/training_options.h"

#include <cmath>
#include <map>
#include <sstream>

namespace dae {

TrainingConfig TrainingConfig::bahdanau2014() {
    TrainingConfig c;
    c.model.tied = false;
    c.corruption = {CorruptionType::Gaussian, 0.5};
    c.loss = Loss::SquaredError;
    c.walkback = 3;
    return c;
}

TrainingConfig TrainingConfig::as_before_recorded() {
    TrainingConfig c;
    c.order = MinibatchOrder::Reshuffle;
    return c;
}

const std::vector<TrainingPreset>& training_presets() {
    static const std::vector<TrainingPreset> presets{
        {"bahdanau", "Bahdanau & Jaeger 2014 (untied, σ = 0.5, MSE, k = 3)", &TrainingConfig::bahdanau2014},
        {"vincent", "Vincent et al. 2008 (tied, masking ν = 0.25, CE)", &TrainingConfig::vincent2008}};
    return presets;
}

std::optional<TrainingConfig> training_preset(const std::string& name) {
    for (const auto& p : training_presets())
        if (name == p.name) return p.make();
    return std::nullopt;
}

std::string training_preset_names() {
    std::string out;
    const auto& p = training_presets();
    for (std::size_t i = 0; i < p.size(); ++i)
        out += std::string(i == 0 ? "" : i + 1 == p.size() ? " or " : ", ") + p[i].name;
    return out;
}

const char* minibatch_order_name(MinibatchOrder o) { return o == MinibatchOrder::Circular ? "circular" : "reshuffle"; }

std::optional<MinibatchOrder> minibatch_order_from_name(const std::string& name) {
    if (name == "circular") return MinibatchOrder::Circular;
    if (name == "reshuffle") return MinibatchOrder::Reshuffle;
    return std::nullopt;
}

TrainingConfig TrainingConfig::vincent2008() {
    TrainingConfig c;
    c.model.tied = true;
    c.init = InitScheme::GlorotUniformSigmoid;
    c.corruption = {CorruptionType::Masking, 0.25};
    c.loss = Loss::CrossEntropy;
    c.walkback = 1;
    return c;
}

bool TrainingConfig::validate(std::string* why, Index train_size) const {
    // Every numeric setting against its one range (the schema, training_options.h), in its order.
    std::ostringstream e;
    for (const auto& setting : training_settings()) {
        if (std::string problem = setting.problem(*this); !problem.empty()) {
            if (std::string(setting.key) == "level") corruption.valid(&problem);  // names ν or σ
            e << problem;
            break;
        }
    }
    if (e.tellp() != 0) {
    } else if (model.visible < 1)
        e << "the input size must be ≥ 1";
    else if (train_size >= 0 && batch > train_size)
        e << "the minibatch size " << batch << " is larger than the training set (" << train_size << " samples)";
    else if (learning_rate * regularization.weight_decay >= 1)
        e << "learning rate × weight decay must be < 1 (got " << learning_rate * regularization.weight_decay
          << "): the decay would flip the weights' sign every step";
    else if (loss == Loss::CrossEntropy && model.decoder != Activation::Sigmoid)
        e << "cross-entropy needs a sigmoid decoder (outputs in (0, 1)); got " << activation_name(model.decoder);
    const std::string message = e.str();
    if (why) *why = message;
    return message.empty();
}

const char* train_status_name(TrainStatus s) {
    switch (s) {
    case TrainStatus::Ready: return "ready";
    case TrainStatus::Paused: return "paused";
    case TrainStatus::Stopped: return "stopped";
    case TrainStatus::Finished: return "finished";
    case TrainStatus::Diverged: return "diverged";
    }
    return "?";
}

std::string curves_csv_header() {
    return "epoch,train_loss,validation_loss,validation_clean_mse,learning_rate,seconds,samples_per_second\n";
}

std::string curves_csv_row(const EpochReport& e, bool exact) {
    std::ostringstream row;
    auto number = [&](double v) -> std::ostringstream& {
        if (exact)
            row << format_double(v);
        else
            row << v;
        return row;
    };
    row << e.epoch + 1 << ',';
    number(e.train_loss) << ',';
    number(e.validation_loss) << ',';
    number(e.validation_clean_mse) << ',';
    number(e.learning_rate) << ',';
    number(e.seconds) << ',';
    number(e.samples_per_second) << '\n';
    return row.str();
}

std::optional<EpochReport> parse_curves_csv_row(const std::string& row) {
    std::vector<double> v;
    std::string field;
    std::istringstream in(row.substr(0, row.find('\n')));
    while (std::getline(in, field, ',')) {
        const auto d = parse_number(field);
        if (!d) return std::nullopt;
        v.push_back(*d);
    }
    if (v.size() != 7 || !(v[0] >= 1 && v[0] <= 1e9) || v[0] != std::floor(v[0])) return std::nullopt;
    EpochReport e;
    e.epoch = static_cast<int>(v[0]) - 1;
    e.train_loss = v[1];
    e.validation_loss = v[2];
    e.validation_clean_mse = v[3];
    e.learning_rate = v[4];
    e.seconds = v[5];
    e.samples_per_second = v[6];
    return e;
}

TrainingWork training_work(const TrainingConfig& c, Index visible) {
    return {c.batch, visible, c.model.hidden, c.walkback};
}

}  // namespace dae
