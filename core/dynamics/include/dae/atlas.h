// The outcome atlas: how the share of each outcome (outcomes.h) on a fixed probe set changes over
// training — one row per epoch, drawn as a stacked area chart in the GUI and written as CSV by
// `daelab-cli train --atlas`.
#pragma once

#include "dae/dataset.h"
#include "dae/judge.h"
#include "dae/outcomes.h"

#include <string>
#include <vector>

namespace dae {

// Validation samples in the probe of the outcome atlas and of the attractor census over training
// (daelab-cli train --atlas / --census, and the window's views of them).
inline constexpr Index kDefaultProbeSize = 200;

struct AtlasRow {
    int epoch = 0;  // epochs of training behind the model
    OutcomeSummary summary;
    int steps_run = 0;  // iteration steps the probe needed
};

// Iterates the probe set under `model` to its fixed points (config: the 75 % rule by default) and
// counts what became of each sample, as the judge reads them. `observer` may stop it between steps.
AtlasRow probe_outcomes(const Autoencoder& model, int epoch, const Dataset& probe, const Judge& judge,
                        const IterationConfig& config = {}, const OutcomeThresholds& thresholds = {},
                        RunObserver* observer = nullptr);

// CSV: epoch, one count column per outcome (outcome_name order), probe size, explosions_coincide, steps.
std::string atlas_csv_header();
std::string atlas_csv_row(const AtlasRow& row);
// That CSV read back (the Runs view's outcome atlas of a run); dae::Error naming `name` and the line
// when a row is not one (wrong field count, a count that is no whole number, counts that do not add
// up to the probe).
std::vector<AtlasRow> parse_atlas_csv(const std::string& text, const std::string& name);

}  // namespace dae
