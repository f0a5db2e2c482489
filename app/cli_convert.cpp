// daelab-cli convert: a model between daelab's .dae and NumPy's .npz, so weights trained elsewhere
// (PyTorch, NumPy) can be iterated, evaluated and opened in the window, and ours used elsewhere.
#include "cli_common.h"
#include "cli_support.h"
#include "dae/default_data.h"
#include "dae/error.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <cstdio>

namespace dae::cli {

int cmd_convert(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Converts a model between daelab's format (.dae: weights, activations, provenance) and NumPy's .npz\n"
        "(W1 float32 (hidden, visible), b1 (hidden,), W2 (visible, hidden), b2 (visible,); r(x) = g(W2 @ f(W1 @ x\n"
        "+ b1) + b2)). An .npz holds no activations: --encoder/--decoder give them (sigmoid by default). Every\n"
        "command that takes a model also takes an .npz directly, with the same flags."));
    parser.addHelpOption();
    parser.addPositionalArgument("in", "The model to read (.dae or .npz).");
    parser.addPositionalArgument("out", "The model to write (.npz or .dae: the other format).");
    const ImportOptions import;
    import.add_to(parser);
    const QCommandLineOption dataset(
        {"d", "dataset"}, "For an .npz → .dae: the data set the weights belong to (iterate and evaluate use it).",
        "id");
    parser.addOption(dataset);
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    if (parser.positionalArguments().size() != 2) {
        std::fprintf(stderr, "daelab-cli convert: expects IN and OUT (see --help)\n");
        return 2;
    }
    const QString in = parser.positionalArguments().at(0), out = parser.positionalArguments().at(1);
    auto format = [](const QString& path) -> QString {
        const QString suffix = QFileInfo(path).suffix().toLower();
        return suffix == QLatin1String("dae") || suffix == QLatin1String("npz") ? suffix : QString();
    };
    if (format(in).isEmpty() || format(out).isEmpty())
        return fail("convert: " + (format(in).isEmpty() ? in : out) + " is neither .dae nor .npz");
    if (format(in) == format(out)) return fail("convert: " + in + " and " + out + " are both ." + format(in));
    if (parser.isSet(dataset) && format(in) != QLatin1String("npz"))
        return fail("convert: --dataset is for an .npz → .dae (a .dae records its own data set)");
    check_writable(out, "converted model");

    SavedModel saved = load_any_model(in, parser, import);
    const Autoencoder& m = saved.model;
    if (format(out) == QLatin1String("npz")) {
        export_npz(out.toStdString(), m);
    } else {
        if (parser.isSet(dataset)) {
            const std::string id = parser.value(dataset).toStdString();
            const DataSource source = load_data_source(id);  // the id must name a data set of this shape
            if (source.pool.dim() != m.visible())
                return fail(in + ": the model takes " + QString::number(m.visible()) + " values per sample but '" +
                            parser.value(dataset) + "' has " + QString::number(source.pool.dim()));
            saved.provenance.dataset = id;
        }
        save_model(out.toStdString(), saved);
    }
    std::printf("%s → %s: %lld-%lld-%lld, %s, encoder %s, decoder %s\n", qPrintable(in), qPrintable(out),
                static_cast<long long>(m.visible()), static_cast<long long>(m.hidden()),
                static_cast<long long>(m.visible()), m.config().tied ? "tied" : "untied",
                activation_name(m.config().encoder), activation_name(m.config().decoder));
    return 0;
}

}  // namespace dae::cli
