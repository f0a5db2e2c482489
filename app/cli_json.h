// The --json outputs of iterate, evaluate, stability, sweep and stacked: the figures a command
// prints, as one JSON object a script can read (every field is listed in README, "Outputs for
// scripts"). Written atomically like every other file daelab writes.
#pragma once

#include "dae/evaluation.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace dae::cli {

// The format's version, written as "format": "daelab-<command>/1"; it changes only when a field
// changes meaning or disappears (new fields may be added).
QJsonObject json_header(const char* command, const QString& model, const std::string& dataset);

// One set's iteration: samples, steps_run, stopping rule, outcome counts under both definitions
// ("outcomes": the config's, "outcomes_paper", "outcomes_daelab"), explosions and pixel statistics.
QJsonObject json_set(const SetEvaluation& s, Index samples, const EvaluationConfig& config);

// The evaluation's settings: every evaluation option by name, as text (as the CLI takes them).
QJsonObject json_settings(const EvaluationConfig& config);

// Writes `o` (indented) to `path` atomically; dae::Error naming the file when it cannot.
void write_json(const QString& path, const QJsonObject& o);

}  // namespace dae::cli
