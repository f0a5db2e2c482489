// Shared bits of the daelab-cli commands: each command is a function taking its own arguments.
#pragma once

#include <QStringList>

namespace dae::cli {

// Each returns the process exit code: 0 ok, 1 runtime error (printed), 2 usage error.
int cmd_datasets(const QStringList& args);
int cmd_info(const QStringList& args);
int cmd_train(const QStringList& args);
int cmd_iterate(const QStringList& args);
int cmd_evaluate(const QStringList& args);
int cmd_stability(const QStringList& args);
int cmd_sweep(const QStringList& args);
int cmd_stacked(const QStringList& args);
int cmd_svm(const QStringList& args);
int cmd_run(const QStringList& args);
int cmd_grid(const QStringList& args);
int cmd_chain(const QStringList& args);
int cmd_attractors(const QStringList& args);
int cmd_landscape(const QStringList& args);  // the Landscape view headless: the map as PNG and CSV
int cmd_plot(const QStringList& args);
int cmd_compare(const QStringList& args);  // cli_compare.cpp: runs side by side
// plot fig4 | fig6 | fig7 (cli_figures.cpp): figures drawn from models, not grids.
bool is_model_figure(const QString& name);
bool is_model_figure_call(const QStringList& args);  // `plot fig4|fig6|fig7 …`: the figure first
int cmd_plot_models(const QStringList& args);
int cmd_plot_census(const QStringList& args);  // `plot census FILE`: basin sizes by epoch
int cmd_convert(const QStringList& args);

// Prints "daelab-cli: <message>" to stderr and returns 1.
int fail(const QString& message);

}  // namespace dae::cli
