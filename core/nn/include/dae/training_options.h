// Every training setting declared once, in a schema: key, people's label, help, where it comes from
// in the papers, the window's group, kind, range and step, choices, and how it is read and written
// in a TrainingConfig. The CLI's flags, the JSON keys of config and grid files, the window's form
// with its tooltips and its checks, TrainingConfig::validate() and a model's provenance
// ("train.<key>") are all made from it: adding a setting is one entry in training_settings().
#pragma once

#include "dae/settings.h"
#include "dae/training.h"

#include <string>
#include <utility>
#include <vector>

namespace dae {

using TrainingSetting = Setting<TrainingConfig>;

// The schema, in the order the window shows the settings and the CLI lists its flags.
const std::vector<TrainingSetting>& training_settings();
// The entry of `key`; nullptr when there is none.
const TrainingSetting* find_training_setting(const std::string& key);

// Sets one option. False with a reason naming the option when the key is unknown or the value
// does not parse; the config is then unchanged. (Range checks are TrainingConfig::validate's.)
bool set_training_option(TrainingConfig& config, const std::string& key, const std::string& value, std::string* why);
// All options of a config, in the schema's order; set_training_option on each restores it.
std::vector<std::pair<std::string, std::string>> training_options(const TrainingConfig& config);

// Settings from a JSON object of options ({"hidden": 500, "tied": true, "level": 0.3, …}), the
// format of `daelab-cli train --config`. Keys in `ignored` (e.g. "preset") are skipped. False with
// a reason naming `name` when the text is not a JSON object or an option is unknown or malformed;
// the config is then unchanged.
bool set_training_options_json(TrainingConfig& config, const std::string& text, const std::string& name,
                               const std::vector<std::string>& ignored, std::string* why);

}  // namespace dae
