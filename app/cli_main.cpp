// daelab-cli: everything the GUI shows, headless, so experiments can be scripted.
#include "cli_common.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <clocale>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>

namespace {

struct Command {
    std::function<int(const QStringList&)> run;
    const char* summary;
};

const std::map<QString, Command>& commands() {
    static const std::map<QString, Command> table{
        {QStringLiteral("datasets"), {dae::cli::cmd_datasets, "list the data sets daelab knows, with sizes"}},
        {QStringLiteral("info"), {dae::cli::cmd_info, "counts per label and pixel statistics of a data set"}},
        {QStringLiteral("train"), {dae::cli::cmd_train, "train a DAE; writes the model, optional .npz and CSV curves"}},
        {QStringLiteral("iterate"),
         {dae::cli::cmd_iterate, "iterate a DAE to fixed points; outcomes, CSV, .npz, contact sheets"}},
        {QStringLiteral("evaluate"),
         {dae::cli::cmd_evaluate, "Table 1 of Bahdanau & Jaeger: accuracies, explosions, MSE^WB"}},
        {QStringLiteral("sweep"),
         {dae::cli::cmd_sweep, "DAEs differing only in noise level: filters side by side, denoising curves"}},
        {QStringLiteral("stability"),
         {dae::cli::cmd_stability, "spectral radius of the Jacobian at a digit's fixed point"}},
        {QStringLiteral("stacked"),
         {dae::cli::cmd_stacked, "stacked DAEs (SdA) vs stacked autoencoders (SAA) vs an MLP, on digits or a variant"}},
        {QStringLiteral("svm"),
         {dae::cli::cmd_svm,
          "the SVM baselines of Vincent et al. (libsvm, rbf or poly), chosen on the validation set"}},
        {QStringLiteral("attractors"),
         {dae::cli::cmd_attractors, "the attractor census: every fixed point, its basin, class and stability"}},
        {QStringLiteral("landscape"),
         {dae::cli::cmd_landscape, "the test digits flowing to their attractors, in the plane of the pixels' PCA"}},
        {QStringLiteral("plot"),
         {dae::cli::cmd_plot,
          "figures: from grids the paper's Fig. 5 and the phase diagram over σ × k; from models its Fig. 4, 6, 7"}},
        {QStringLiteral("compare"),
         {dae::cli::cmd_compare, "runs of grids, results.csv files and models side by side: table, curves overlaid"}},
        {QStringLiteral("chain"),
         {dae::cli::cmd_chain, "the DAE as a generative chain x ← r(corrupt(x)): mixing and sample quality"}},
        {QStringLiteral("convert"),
         {dae::cli::cmd_convert,
          "a model between .dae and NumPy .npz (weights from PyTorch/NumPy, or ours elsewhere)"}},
        {QStringLiteral("run"),
         {dae::cli::cmd_run, "one experiment in a folder: train (resumable), evaluate, result.json"}},
        {QStringLiteral("grid"),
         {dae::cli::cmd_grid, "a grid of experiments × seeds as parallel processes; resumable; mean ± sd"}},
    };
    return table;
}

int usage(FILE* to) {
    std::fprintf(to, "usage: daelab-cli <command> [options]   (daelab-cli <command> --help)\n\ncommands:\n");
    for (const auto& [name, cmd] : commands())
        std::fprintf(to, "  %-10s %s\n", qPrintable(name), cmd.summary);
    return to == stderr ? 2 : 0;
}

}  // namespace

namespace dae::cli {
int fail(const QString& message) {
    std::fprintf(stderr, "daelab-cli: %s\n", qPrintable(message));
    return 1;
}
}  // namespace dae::cli

int main(int argc, char** argv) {
    // Figures need fonts, so a (windowless) GUI application; everything else a core one.
    const bool figures = argc > 1 && (std::strcmp(argv[1], "plot") == 0 || std::strcmp(argv[1], "compare") == 0 ||
                                      std::strcmp(argv[1], "landscape") == 0);
    if (figures && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    // A windowless run needs no runtime folder: Qt's warning about it would be noise on stderr.
    static QtMessageHandler qt_handler =
        qInstallMessageHandler([](QtMsgType type, const QMessageLogContext& context, const QString& message) {
            if (!message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
                qt_handler(type, context, message);
        });
    std::unique_ptr<QCoreApplication> application =
        figures ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    // Qt sets the C locale from the environment; numbers in files, options and output are read and written
    // with a decimal point whatever the user's language ("0.3" was "not a number" under de_DE).
    std::setlocale(LC_NUMERIC, "C");
    QCoreApplication::setApplicationName(QStringLiteral("daelab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DAELAB_VERSION));
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) return usage(stderr);
    const QString name = args.at(1);
    if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help"))
        return usage(stdout);
    if (name == QLatin1String("--version")) {
        std::printf("daelab-cli %s\n", DAELAB_VERSION);
        return 0;
    }
    const auto it = commands().find(name);
    if (it == commands().end()) {
        std::fprintf(stderr, "daelab-cli: unknown command '%s'\n", qPrintable(name));
        return usage(stderr);
    }
    // The command sees "daelab-cli <command> …" as its own argv, so its --help reads naturally.
    args.removeAt(1);
    args[0] = QStringLiteral("daelab-cli ") + name;
    try {
        return it->second.run(args);
    } catch (const std::exception& e) {
        return dae::cli::fail(QString::fromStdString(e.what()));
    }
}
