// daelab-cli sweep: DAEs that differ only in corruption level, from the same initialisation
// (Vincent et al. 2008, Fig. 3): filters side by side, and each model's denoising curve.
#include "cli_common.h"
#include "cli_json.h"
#include "cli_support.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/model_io.h"
#include "dae/sweep.h"
#include "dae/training_options.h"
#include "render/tile_image.h"

#include <QCommandLineParser>
#include <QDir>

#include <cstdio>
#include <sstream>
#include <unistd.h>

namespace dae::cli {

namespace {

struct SweepFlags {
    SweepSpec defaults;
    QCommandLineOption levels{"levels", "Comma-separated corruption levels.", "list", [this] {
                                  QStringList l;
                                  for (double v : defaults.levels)
                                      l << QString::number(v);
                                  return l.join(',');
                              }()};
    QCommandLineOption dir{{"o", "out-dir"}, "Folder for the results.", "dir", "sweep"};
    QCommandLineOption units{"units", "Filters per row in filters.png.", "n", "20"};
    QCommandLineOption preset{"preset",
                              QString::fromStdString(training_preset_names()) +
                                  " (default: the sweep's own, Vincent et al.'s with " +
                                  QString::number(defaults.base.epochs) + " epochs).",
                              "name"};
    QCommandLineOption dataset{{"d", "dataset"}, "Data set id.", "id", "mnist-10k"};
    QCommandLineOption json{"json", "Also write the results as JSON (its fields: README, Outputs for scripts).",
                            "file"};
    QCommandLineOption jobs{{"j", "jobs"},
                            "Members trained at once, one thread each (default: as many as cores, at most one per "
                            "level).",
                            "n"};
    std::vector<QCommandLineOption> settings = schema_flags(training_settings(), defaults.base, {"level"});
    void add_to(QCommandLineParser& p) const {
        p.addOptions({levels, dir, units, preset, dataset, json, jobs});
        for (const auto& flag : settings)  // every setting but the level, which the sweep sets
            p.addOption(flag);
    }
};

// The sweep's recipe (sweep.h), then --preset and the setting flags, then the levels.
SweepSpec spec_from_flags(const QCommandLineParser& parser, const SweepFlags& f) {
    SweepSpec spec;
    if (parser.isSet(f.preset)) {
        const auto preset = training_preset(parser.value(f.preset).toStdString());
        if (!preset)
            throw Error("--preset: '" + parser.value(f.preset).toStdString() + "' is not " + training_preset_names());
        spec.base = *preset;
    }
    std::string why;
    for (const auto& flag : f.settings)
        if (parser.isSet(flag) &&
            !set_training_option(spec.base, flag.names().first().toStdString(), parser.value(flag).toStdString(), &why))
            throw Error(why);
    spec.levels.clear();
    for (const QString& v : parser.value(f.levels).split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        spec.levels.push_back(v.toDouble(&ok));
        if (!ok) throw Error("--levels: '" + v.toStdString() + "' is not a number");
    }
    if (spec.levels.empty()) throw Error("--levels is empty");
    return spec;
}

// A member's model file (with its provenance) and its JSON entry.
QJsonObject save_member(const SweepMember& m, const SweepSpec& spec, const QString& out, const std::string& dataset,
                        const SplitSpec& split) {
    Provenance prov;
    prov.dataset = dataset;
    prov.split = split;
    prov.settings = sweep_configs(spec.base, {m.level}).front();
    prov.threads = 1;
    prov.epochs_trained = m.last_epoch.epoch + 1;
    prov.status = train_status_name(m.status);
    const QString file = QString("%1/level-%2.dae").arg(out).arg(m.level);
    save_model(file.toStdString(), {m.trained, prov});
    QJsonArray curve;
    for (double v : m.curve)
        curve.append(v);
    std::printf("level %-6g validation loss %.4f, clean MSE %.4f\n", m.level, m.last_epoch.validation_loss,
                m.last_epoch.validation_clean_mse);
    return QJsonObject{{"level", m.level},
                       {"model", file},
                       {"epochs", m.last_epoch.epoch + 1},
                       {"status", QString::fromLatin1(train_status_name(m.status))},
                       {"validation_loss", m.last_epoch.validation_loss},
                       {"validation_clean_mse", m.last_epoch.validation_clean_mse},
                       {"denoising_curve", curve}};
}

// denoising.csv: a row per member, its error at every test level.
std::string denoising_csv(const std::vector<SweepMember>& members, const std::vector<double>& test_levels) {
    std::ostringstream csv;
    csv << "train_level";
    for (double t : test_levels)
        csv << ",test_" << t;
    csv << '\n';
    for (const SweepMember& m : members) {
        csv << m.level;
        for (double v : m.curve)
            csv << ',' << v;
        csv << '\n';
    }
    return csv.str();
}

// filters.png: a row per member, the same units in the same places.
void save_filters(const std::vector<SweepMember>& members, const Dataset& data, int per_row, const QString& file) {
    std::vector<Matrix> rows;
    for (const SweepMember& m : members)
        rows.push_back(m.trained.w1.topRows(std::min<Index>(per_row, m.trained.hidden())).transpose());
    save_png(ui::tile_rows_image(rows, data.width, data.height, per_row), file, 2);
}

}  // namespace

int cmd_sweep(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Trains one DAE per corruption level, all from the same initial weights (same seed), and writes\n"
        "DIR/level-<ν>.dae, DIR/filters.png (one row per level: the same hidden units in the same places)\n"
        "and DIR/denoising.csv (each model's reconstruction error against test-time noise level)."));
    parser.addHelpOption();
    const SweepFlags f;
    f.add_to(parser);
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    SweepSpec spec = spec_from_flags(parser, f);
    const QString out = parser.value(f.dir);
    if (!QDir().mkpath(out)) return fail(out + ": cannot create the folder");
    check_writable(out + "/filters.png", "sweep results");
    if (parser.isSet(f.json)) check_writable(parser.value(f.json), "JSON results");
    const std::string dataset = parser.value(f.dataset).toStdString();
    const DataSource source = load_data_source(dataset);
    const Partition part = make_partition(source, source.default_split);
    spec.base.model.visible = source.pool.dim();
    std::string why;
    if (!spec.validate(&why, part.train.size())) return fail("invalid settings: " + QString::fromStdString(why));
    const int per_row = static_cast<int>(integer_option(parser, f.units, 1, 1000));
    // The members are independent runs: one thread each, as many at once as there are cores (on a
    // small machine that beats splitting every product over the cores); bit-identical to training
    // each alone on one thread.
    const int count = static_cast<int>(spec.levels.size());
    const int workers = parser.isSet(f.jobs) ? static_cast<int>(integer_option(parser, f.jobs, 1, 1024))
                                             : std::min(count, usable_cores());
    BarObserver bar(isatty(2));
    const std::vector<SweepMember> trained = run_sweep(spec, part.train, part.validation, workers, &bar);
    bar.finish();
    QJsonArray members;
    for (const SweepMember& m : trained)
        members.append(save_member(m, spec, out, dataset, source.default_split));
    const CorruptionType curve_type = denoising_type(spec.base.corruption.type);
    const std::vector<double> test_levels = denoising_levels(curve_type);
    save_filters(trained, source.pool, per_row, out + "/filters.png");
    write_text(out + "/denoising.csv", denoising_csv(trained, test_levels));
    if (parser.isSet(f.json)) {
        QJsonObject o = json_header("sweep", QString(), dataset);
        o["corruption"] = QString::fromLatin1(corruption_name(spec.base.corruption.type));
        o["denoising_corruption"] = QString::fromLatin1(corruption_name(curve_type));
        QJsonArray levels_tested;
        for (double t : test_levels)
            levels_tested.append(t);
        o["test_levels"] = levels_tested;
        o["members"] = members;
        write_json(parser.value(f.json), o);
    }
    std::printf("wrote %s/filters.png (one row per level, top to bottom: %s) and %s/denoising.csv\n", qPrintable(out),
                qPrintable(parser.value(f.levels)), qPrintable(out));
    return 0;
}

}  // namespace dae::cli
