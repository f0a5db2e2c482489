// TrainingConfig as named options ("hidden" = "500", "corruption" = "gaussian", …): one mapping
// shared by the CLI's flags, JSON config files, the model file's provenance and the GUI's settings.
#pragma once

#include "dae/training.h"

#include <string>
#include <utility>
#include <vector>

namespace dae {

struct OptionInfo {
    const char* key;
    const char* help;
};
// Every option with a one-line help text, in a stable order.
const std::vector<OptionInfo>& training_option_list();

// Sets one option. False with a reason naming the option when the key is unknown or the value
// does not parse; the config is then unchanged. (Range checks are TrainingConfig::validate's.)
bool set_training_option(TrainingConfig& config, const std::string& key, const std::string& value, std::string* why);
// All options of a config, in training_option_list() order; set_training_option on each restores it.
std::vector<std::pair<std::string, std::string>> training_options(const TrainingConfig& config);

}  // namespace dae
