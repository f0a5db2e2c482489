// What the daelab-cli commands share: a progress bar fed by the core's RunObserver, loading a
// model with the data it was trained on (the provenance's split, one rule), and checking output
// paths before any work starts.
#pragma once

#include "dae/model_io.h"
#include "dae/provenance.h"
#include "dae/run.h"
#include "dae/settings.h"
#include "dae/threads.h"
#include "progress.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QImage>
#include <QString>

#include <algorithm>
#include <string>
#include <vector>

namespace dae::cli {

// Draws a progress bar from on_progress (and the training loss from on_batch).
class BarObserver : public RunObserver {
public:
    explicit BarObserver(bool enabled) : m_bar(enabled) {}
    void on_progress(const Progress& p) override { m_bar.update(p.fraction, p.stage); }
    void finish() { m_bar.finish(); }

private:
    ProgressBar m_bar;
};

// One flag per setting of a schema (settings.h): --key VALUE, its help with the default of
// `defaults` and the range or the choices. Keys in `skip` get none.
template <class Config>
std::vector<QCommandLineOption> schema_flags(const std::vector<Setting<Config>>& schema, const Config& defaults,
                                             std::initializer_list<const char*> skip = {}) {
    std::vector<QCommandLineOption> flags;
    for (const auto& s : schema) {
        if (std::any_of(skip.begin(), skip.end(), [&](const char* k) { return std::string(k) == s.key; })) continue;
        QString help = QString::fromUtf8(s.help);
        if (s.numeric()) help += QStringLiteral(", %1").arg(QString::fromStdString(s.range_in(defaults).text()));
        help += QStringLiteral(" [%1]").arg(QString::fromStdString(s.get(defaults)));
        flags.emplace_back(QString::fromLatin1(s.key), help, QStringLiteral("value"));
    }
    return flags;
}

// --quiet / --progress: whether a bar is drawn (on a terminal by default).
bool bar_wanted(const QCommandLineParser& parser, const QCommandLineOption& quiet, const QCommandLineOption& progress);

// A model with the data it belongs to. The split is the model's own (its provenance), else the
// data set's default; `dataset_override` (non-empty) replaces the model's data set.
struct ModelWithData {
    SavedModel saved;
    std::string dataset;
    DataSource data;
    SplitSpec split;
    Partition partition;
};
// How an .npz model is read: the file holds only W1, b1, W2, b2, so its units' activations come from
// flags (--encoder, --decoder: sigmoid, tanh, relu or linear; sigmoid by default, as in both papers).
// A .dae records its own, so the flags are refused with one (never silently ignored).
struct ImportOptions {
    QCommandLineOption encoder{"encoder", "For an .npz model: f of h = f(W1 x + b1) (sigmoid, tanh, relu, linear).",
                               "f", "sigmoid"};
    QCommandLineOption decoder{"decoder", "For an .npz model: g of r(x) = g(W2 h + b2) (sigmoid, tanh, relu, linear).",
                               "g", "sigmoid"};
    void add_to(QCommandLineParser& parser) const { parser.addOptions({encoder, decoder}); }
};

// Reads a .dae, or an .npz with the activations `import` names (throws dae::Error naming the file).
SavedModel load_any_model(const QString& path, const QCommandLineParser& parser, const ImportOptions& import);

ModelWithData load_model_with_data(const QString& path, const QString& dataset_override,
                                   const QCommandLineParser& parser, const ImportOptions& import);

// Throws dae::Error naming the file when `path` cannot be written (its folder is missing or not
// writable): called for every output before any work starts, so nothing is computed in vain.
void check_writable(const QString& path, const char* what);

// Files written atomically (the old file survives any failure; dae::Error names the file):
// a whole text, a row appended to a CSV (its header first when the file is new), a PNG.
void write_text(const QString& path, const std::string& text);
void append_csv_row(const QString& path, const std::string& header, const std::string& row);
std::string read_text(const QString& path);  // dae::Error naming the file when it cannot be read
std::string read_text_or_empty(const QString& path);
void save_png(const QImage& image, const QString& path, int zoom = 1);

// Parses a command's arguments (args[0] is "daelab-cli <command>"). False when the command ends at
// once, with its exit code in *code: 0 after printing --help; 2 after one line naming an unknown
// option or a missing value.
bool parse_command(QCommandLineParser& parser, const QStringList& args, int* code);

// A whole number in [lo, hi] from an option's value, else dae::Error naming the option.
long long integer_option(const QCommandLineParser& parser, const QCommandLineOption& option, long long lo,
                         long long hi);
double number_option(const QCommandLineParser& parser, const QCommandLineOption& option, double lo, double hi);

// --threads N of every command: N threads for the matrix products, or 0 (the default) for the
// thread policy on `work` (dae/threads.h: one thread for small products, else the cores other
// programs leave free). Sets compute_threads() and returns the count.
constexpr const char* kThreadsHelp =
    "Threads for the matrix products (0: the thread policy — one for small products, else the cores other "
    "programs leave free).";
int apply_threads(const QCommandLineParser& parser, const QCommandLineOption& option, const TrainingWork& work);
// The work of iterating `samples` inputs through a model: one product a step (thread policy).
TrainingWork iteration_work(Index samples, Index visible, Index hidden);

}  // namespace dae::cli
