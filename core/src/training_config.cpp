// The training settings: the papers' presets, their validation, and the names and CSV of a run's
// status and curves.
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
    // Every numeric option against its one range (training_options.h), in the options' order.
    static const std::map<std::string, const char*> kNames{{"hidden", "hidden units"},
                                                           {"walkback", "walkback steps k"},
                                                           {"batch", "the minibatch size"},
                                                           {"epochs", "epochs"},
                                                           {"seed", "the seed"},
                                                           {"level", "the corruption level"},
                                                           {"learning-rate", "the learning rate"},
                                                           {"annealing", "the annealing factor α"},
                                                           {"momentum", "the momentum"},
                                                           {"sparsity", "the sparsity weight"},
                                                           {"contraction", "the contraction weight"},
                                                           {"weight-decay", "the weight decay"}};
    std::ostringstream e;
    for (const auto& o : training_option_list()) {
        const auto range = training_option_range(o.key, corruption.type);
        if (!range || range->contains(training_option_value(*this, o.key))) continue;
        if (std::string(o.key) == "level") {
            std::string c;
            corruption.valid(&c);
            e << c;
        } else {
            e << kNames.at(o.key) << " must be " << range->text() << " (got " << training_option_value(*this, o.key)
              << ")";
        }
        break;
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

std::string curves_csv_row(const EpochReport& e) {
    std::ostringstream row;
    row << e.epoch + 1 << ',' << e.train_loss << ',' << e.validation_loss << ',' << e.validation_clean_mse << ','
        << e.learning_rate << ',' << e.seconds << ',' << e.samples_per_second << '\n';
    return row.str();
}

}  // namespace dae
