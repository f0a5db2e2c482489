// TrainingConfig as named options ("hidden" = "500", "corruption" = "gaussian", …): one mapping
// shared by the CLI's flags, JSON config files, the model file's provenance and the GUI's settings.
#pragma once

#include "dae/numbers.h"
#include "dae/training.h"

#include <optional>
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
// The one range of each numeric option, [min, max] (min excluded when `min_open`): what
// TrainingConfig::validate() accepts, and what the GUI's fields and slider offer. The level's
// range depends on the corruption type. Empty for options that are not numbers.
struct OptionRange {
    double min = 0, max = 0;
    bool integer = false;
    bool min_open = false;
    bool contains(double v) const;
    std::string text() const;  // "1 … 100000", "(0, 1000]"
};
std::optional<OptionRange> training_option_range(const std::string& key,
                                                 CorruptionType type = CorruptionType::Gaussian);
// The numeric value of an option in a config (for range checks and the GUI), NaN when not numeric.
double training_option_value(const TrainingConfig& config, const std::string& key);

// All options of a config, in training_option_list() order; set_training_option on each restores it.
std::vector<std::pair<std::string, std::string>> training_options(const TrainingConfig& config);

}  // namespace dae

namespace dae {

// Settings from a JSON object of options ({"hidden": 500, "tied": true, "level": 0.3, …}), the
// format of `daelab-cli train --config`. Keys in `ignored` (e.g. "preset") are skipped. False with
// a reason naming `name` when the text is not a JSON object or an option is unknown or malformed;
// the config is then unchanged.
bool set_training_options_json(TrainingConfig& config, const std::string& text, const std::string& name,
                               const std::vector<std::string>& ignored, std::string* why);

}  // namespace dae
