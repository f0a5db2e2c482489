#include "dae/training_options.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

namespace dae {

bool set_training_options_json(TrainingConfig& config, const std::string& text, const std::string& name,
                               const std::vector<std::string>& ignored, std::string* why) {
    auto fail = [&](const std::string& reason) {
        if (why) *why = name + ": " + reason;
        return false;
    };
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text, nullptr, true, false);
    } catch (const nlohmann::json::exception& e) {
        return fail(std::string("not valid JSON (") + e.what() + ")");
    }
    if (!j.is_object()) return fail("expected a JSON object of settings, e.g. {\"hidden\": 500}");
    TrainingConfig c = config;
    for (const auto& [key, v] : j.items()) {
        if (std::find(ignored.begin(), ignored.end(), key) != ignored.end()) continue;
        std::string value;
        if (v.is_string())
            value = v.get<std::string>();
        else if (v.is_boolean())
            value = v.get<bool>() ? "true" : "false";
        else if (v.is_number_integer())
            value = std::to_string(v.get<long long>());
        else if (v.is_number()) {
            std::ostringstream s;
            s.precision(17);
            s << v.get<double>();
            value = s.str();
        } else {
            return fail("option '" + key + "' must be a number, a string or true/false");
        }
        std::string reason;
        if (!set_training_option(c, key, value, &reason)) return fail(reason);
    }
    // A file's value outside its setting's range is refused here, naming it (the window keeps a typed
    // one to mark it; a file has nobody to show it to).
    for (const auto& [key, v] : j.items())
        if (const TrainingSetting* s = find_training_setting(key))
            if (std::string problem = s->problem(c); !problem.empty()) return fail("option '" + key + "': " + problem);
    config = c;
    return true;
}

}  // namespace dae
