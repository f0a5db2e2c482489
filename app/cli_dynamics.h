// What daelab-cli iterate, evaluate and stability share: their options, the model loaded with its
// data and the judge, and the printed summary of an iterated set.
#pragma once

#include "cli_support.h"
#include "dae/evaluation.h"
#include "dae/judge.h"

#include <QCommandLineParser>

#include <vector>

namespace dae::cli {

inline constexpr const char* kModelArgument =
    "A model: .dae written by daelab-cli train, or .npz (W1, b1, W2, b2; activations by --encoder/--decoder).";

// Options shared by iterate, evaluate and stability.
struct Common {
    QCommandLineOption dataset{
        {"d", "dataset"}, "Data set (default: the one the model was trained on, with its split).", "id"};
    QCommandLineOption threads{"threads", kThreadsHelp, "n", "0"};
    QCommandLineOption quiet{{"q", "quiet"}, "No progress bar."};
    QCommandLineOption progress{"progress", "Draw the progress bar even when stderr is not a terminal."};
    QCommandLineOption json{"json", "Also write the results as JSON (its fields: README, Outputs for scripts).",
                            "file"};
    ImportOptions import;
    std::vector<QCommandLineOption> evaluation = schema_flags(evaluation_settings(), EvaluationConfig{});
    void add_to(QCommandLineParser& p) const {
        p.addOptions({dataset, threads, quiet, progress, json});
        import.add_to(p);
        for (const auto& o : evaluation)
            p.addOption(o);
    }
};

// Parses the arguments; returns false (and the exit code in *code) when the command should end.
bool parse_model_command(QCommandLineParser& parser, const QStringList& args, int* code);

struct Loaded {
    ModelWithData m;
    EvaluationConfig config;
    Judge judge;
};

// The evaluation settings from the flags (dae::Error naming a bad one).
EvaluationConfig evaluation_from_flags(const QCommandLineParser& parser, const Common& c);

// The model with its data, the evaluation settings from the flags, and the judge (cached).
Loaded load(const QCommandLineParser& parser, const Common& c, const QString& model_path, RunObserver* observer);

void print_summary(const char* title, const SetEvaluation& s, Index n, const EvaluationConfig& config);

}  // namespace dae::cli
