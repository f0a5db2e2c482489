#include "cli_support.h"

#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/files.h"
#include "render/file_output.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace dae::cli {

bool bar_wanted(const QCommandLineParser& parser, const QCommandLineOption& quiet, const QCommandLineOption& progress) {
    return !parser.isSet(quiet) && (parser.isSet(progress) || isatty(2));
}

namespace {

Activation activation_option(const QCommandLineParser& parser, const QCommandLineOption& option) {
    const auto a = activation_from_name(parser.value(option).toStdString());
    if (!a)
        throw Error("--" + option.names().constFirst().toStdString() + ": '" + parser.value(option).toStdString() +
                    "' is not sigmoid, tanh, relu or linear");
    return *a;
}

bool is_npz(const QString& path) { return path.endsWith(QLatin1String(".npz"), Qt::CaseInsensitive); }

ModelWithData with_data(SavedModel saved, const QString& path, const QString& dataset_override) {
    ModelWithData m;
    m.saved = std::move(saved);
    const Provenance& p = m.saved.provenance;
    m.dataset = !dataset_override.isEmpty() ? dataset_override.toStdString()
                                            : (p.dataset.empty() ? default_dataset_id() : p.dataset);
    m.data = load_data_source(m.dataset);
    if (m.data.pool.dim() != m.saved.model.visible())
        throw Error(path.toStdString() + ": the model takes " + std::to_string(m.saved.model.visible()) +
                    " values per sample but '" + m.dataset + "' has " + std::to_string(m.data.pool.dim()));
    // The model's own split only applies to the data set it was trained on.
    const bool own_data = dataset_override.isEmpty() || dataset_override.toStdString() == p.dataset;
    m.split = own_data ? p.split_or(m.data.default_split) : m.data.default_split;
    m.partition = make_partition(m.data, m.split);
    return m;
}

}  // namespace

SavedModel load_any_model(const QString& path, const QCommandLineParser& parser, const ImportOptions& import) {
    if (is_npz(path)) {
        SavedModel s;
        s.model = import_npz(path.toStdString(), activation_option(parser, import.encoder),
                             activation_option(parser, import.decoder));
        return s;
    }
    for (const QCommandLineOption* o : {&import.encoder, &import.decoder})
        if (parser.isSet(*o))
            throw Error(path.toStdString() + ": --" + o->names().constFirst().toStdString() +
                        " is for .npz models only (a .dae records its own activations)");
    return load_model(path.toStdString());
}

ModelWithData load_model_with_data(const QString& path, const QString& dataset_override,
                                   const QCommandLineParser& parser, const ImportOptions& import) {
    return with_data(load_any_model(path, parser, import), path, dataset_override);
}

void check_writable(const QString& path, const char* what) {
    const QFileInfo info(path);
    const QDir dir = info.absoluteDir();
    if (!dir.exists())
        throw Error(path.toStdString() + ": cannot write the " + what + ": the folder " +
                    dir.absolutePath().toStdString() + " does not exist");
    if (info.exists() && info.isDir())
        throw Error(path.toStdString() + ": cannot write the " + what + ": it is a folder");
    QTemporaryFile probe(dir.absoluteFilePath(QStringLiteral(".daelab-write-test-XXXXXX")));
    if (!probe.open())
        throw Error(path.toStdString() + ": cannot write the " + what + " into " + dir.absolutePath().toStdString() +
                    " (" + probe.errorString().toStdString() + ")");
}

void write_text(const QString& path, const std::string& text) { write_text_atomic(path.toStdString(), text); }

std::string read_text(const QString& path) { return dae::read_text(path.toStdString()); }

std::string read_text_or_empty(const QString& path) {
    return QFileInfo::exists(path) ? read_text(path) : std::string();
}

void append_csv_row(const QString& path, const std::string& header, const std::string& row) {
    std::string text = read_text_or_empty(path);
    if (text.empty()) text = header;
    write_text(path, text + row);
}

void save_png(const QImage& image, const QString& path, int zoom) {
    QString error;
    if (!ui::save_image(image, path, &error, zoom)) throw Error(error.toStdString());
}

bool parse_command(QCommandLineParser& parser, const QStringList& args, int* code) {
    if (!parser.parse(args)) {
        std::fprintf(stderr, "%s: %s (see %s --help)\n", qPrintable(args.value(0)), qPrintable(parser.errorText()),
                     qPrintable(args.value(0)));
        *code = 2;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        *code = 0;
        return false;
    }
    return true;
}

long long integer_option(const QCommandLineParser& parser, const QCommandLineOption& option, long long lo,
                         long long hi) {
    bool ok = false;
    const long long v = parser.value(option).toLongLong(&ok);
    if (!ok || v < lo || v > hi)
        throw Error("--" + option.names().constLast().toStdString() + ": '" + parser.value(option).toStdString() +
                    "' is not a whole number in " + std::to_string(lo) + " … " + std::to_string(hi));
    return v;
}

double number_option(const QCommandLineParser& parser, const QCommandLineOption& option, double lo, double hi) {
    bool ok = false;
    const double v = parser.value(option).toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < lo || v > hi)
        throw Error("--" + option.names().constLast().toStdString() + ": '" + parser.value(option).toStdString() +
                    "' is not a number in [" + QString::number(lo).toStdString() + ", " +
                    QString::number(hi).toStdString() + "]");
    return v;
}

int apply_threads(const QCommandLineParser& parser, const QCommandLineOption& option, const TrainingWork& work) {
    const int n = static_cast<int>(integer_option(parser, option, 0, 1024));
    set_compute_threads(n > 0 ? n : choose_compute_threads(work));
    return compute_threads();
}

TrainingWork iteration_work(Index samples, Index visible, Index hidden) { return {samples, visible, hidden, 1}; }

}  // namespace dae::cli
