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
#include "widgets/tile_image.h"

#include <QCommandLineParser>
#include <QDir>

#include <cstdio>
#include <sstream>
#include <unistd.h>

namespace dae::cli {

int cmd_sweep(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Trains one DAE per corruption level, all from the same initial weights (same seed), and writes\n"
        "DIR/level-<ν>.dae, DIR/filters.png (one row per level: the same hidden units in the same places)\n"
        "and DIR/denoising.csv (each model's reconstruction error against test-time noise level)."));
    parser.addHelpOption();
    const SweepSpec defaults;
    QStringList default_levels;
    for (double l : defaults.levels)
        default_levels << QString::number(l);
    const QCommandLineOption levels("levels", "Comma-separated corruption levels.", "list", default_levels.join(','));
    const QCommandLineOption dir({"o", "out-dir"}, "Folder for the results.", "dir", "sweep");
    const QCommandLineOption units("units", "Filters per row in filters.png.", "n", "20");
    const QCommandLineOption preset("preset",
                                    QString::fromStdString(training_preset_names()) +
                                        " (default: the sweep's own, Vincent et al.'s with " +
                                        QString::number(defaults.base.epochs) + " epochs).",
                                    "name");
    const QCommandLineOption dataset({"d", "dataset"}, "Data set id.", "id", "mnist-10k");
    const QCommandLineOption json("json", "Also write the results as JSON (its fields: README, Outputs for scripts).",
                                  "file");
    const QCommandLineOption jobs({"j", "jobs"},
                                  "Members trained at once, one thread each (default: as many as cores, at most "
                                  "one per level).",
                                  "n");
    parser.addOptions({levels, dir, units, preset, dataset, json, jobs});
    const std::vector<QCommandLineOption> setting_flags =
        schema_flags(training_settings(), defaults.base, {"level"});  // the sweep sets the level
    for (const auto& flag : setting_flags)
        parser.addOption(flag);
    if (int code = 0; !parse_command(parser, args, &code)) return code;

    SweepSpec spec;
    TrainingConfig& base = spec.base;
    if (parser.isSet(preset)) {
        const auto preset_config = training_preset(parser.value(preset).toStdString());
        if (!preset_config)
            return fail("--preset: '" + parser.value(preset) + "' is not " +
                        QString::fromStdString(training_preset_names()));
        base = *preset_config;
    }
    std::string why;
    for (const auto& flag : setting_flags)
        if (parser.isSet(flag) &&
            !set_training_option(base, flag.names().first().toStdString(), parser.value(flag).toStdString(), &why))
            return fail(QString::fromStdString(why));
    std::vector<double>& ls = spec.levels;
    ls.clear();
    for (const QString& v : parser.value(levels).split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        ls.push_back(v.toDouble(&ok));
        if (!ok) return fail("--levels: '" + v + "' is not a number");
    }
    if (ls.empty()) return fail("--levels is empty");
    const QString out = parser.value(dir);
    if (!QDir().mkpath(out)) return fail(out + ": cannot create the folder");
    check_writable(out + "/filters.png", "sweep results");
    if (parser.isSet(json)) check_writable(parser.value(json), "JSON results");
    const DataSource source = load_data_source(parser.value(dataset).toStdString());
    const Partition part = make_partition(source, source.default_split);
    base.model.visible = source.pool.dim();
    if (!spec.validate(&why, part.train.size())) return fail("invalid settings: " + QString::fromStdString(why));

    const int per_row = static_cast<int>(integer_option(parser, units, 1, 1000));
    Matrix tiles(source.pool.dim(), static_cast<Index>(per_row) * static_cast<Index>(ls.size()));
    const CorruptionType curve_type = denoising_type(base.corruption.type);
    const std::vector<double> test_levels = denoising_levels(curve_type);
    std::ostringstream csv;
    csv << "train_level";
    for (double t : test_levels)
        csv << ",test_" << t;
    csv << '\n';
    // The members are independent runs: one thread each, as many at once as there are cores (on a
    // small machine that beats splitting every product over the cores); bit-identical to training
    // each alone on one thread.
    const int count = static_cast<int>(ls.size());
    const int workers =
        parser.isSet(jobs) ? static_cast<int>(integer_option(parser, jobs, 1, 1024)) : std::min(count, usable_cores());
    BarObserver bar(isatty(2));
    const std::vector<SweepMember> trained = run_sweep(spec, part.train, part.validation, workers, &bar);
    bar.finish();
    QJsonArray members;
    for (std::size_t i = 0; i < ls.size(); ++i) {
        const SweepMember& m = trained[i];
        Provenance prov;
        prov.dataset = parser.value(dataset).toStdString();
        prov.split = source.default_split;
        prov.settings = sweep_configs(base, {ls[i]}).front();
        prov.threads = 1;
        prov.epochs_trained = m.last_epoch.epoch + 1;
        prov.status = train_status_name(m.status);
        save_model(QString("%1/level-%2.dae").arg(out).arg(ls[i]).toStdString(), {m.trained, prov});
        const Index shown = std::min<Index>(per_row, m.trained.hidden());
        tiles.middleCols(static_cast<Index>(i) * per_row, per_row).setZero();
        tiles.middleCols(static_cast<Index>(i) * per_row, shown) = m.trained.w1.topRows(shown).transpose();
        csv << ls[i];
        QJsonArray curve;
        for (double v : m.curve) {
            csv << ',' << v;
            curve.append(v);
        }
        csv << '\n';
        members.append(QJsonObject{{"level", ls[i]},
                                   {"model", QString("%1/level-%2.dae").arg(out).arg(ls[i])},
                                   {"epochs", m.last_epoch.epoch + 1},
                                   {"status", QString::fromLatin1(train_status_name(m.status))},
                                   {"validation_loss", m.last_epoch.validation_loss},
                                   {"validation_clean_mse", m.last_epoch.validation_clean_mse},
                                   {"denoising_curve", curve}});
        std::printf("level %-6g validation loss %.4f, clean MSE %.4f\n", ls[i], m.last_epoch.validation_loss,
                    m.last_epoch.validation_clean_mse);
    }
    const Dataset& data = source.pool;
    ui::TileLayout layout;
    layout.tile_width = data.width;
    layout.tile_height = data.height;
    layout.columns = per_row;
    save_png(ui::tiles_image(tiles, layout, ui::TileScaling::PerTile), out + "/filters.png", 2);
    write_text(out + "/denoising.csv", csv.str());
    if (parser.isSet(json)) {
        QJsonObject o = json_header("sweep", QString(), parser.value(dataset).toStdString());
        o["corruption"] = QString::fromLatin1(corruption_name(base.corruption.type));
        o["denoising_corruption"] = QString::fromLatin1(corruption_name(curve_type));
        QJsonArray levels_tested;
        for (double t : test_levels)
            levels_tested.append(t);
        o["test_levels"] = levels_tested;
        o["members"] = members;
        write_json(parser.value(json), o);
    }
    std::printf("wrote %s/filters.png (one row per level, top to bottom: %s) and %s/denoising.csv\n", qPrintable(out),
                qPrintable(parser.value(levels)), qPrintable(out));
    return 0;
}

}  // namespace dae::cli
