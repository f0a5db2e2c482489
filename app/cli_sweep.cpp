// daelab-cli sweep: DAEs that differ only in corruption level, from the same initialisation
// (Vincent et al. 2008, Fig. 3): filters side by side, and each model's denoising curve.
#include "cli_common.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/model_io.h"
#include "dae/sweep.h"
#include "dae/training_options.h"
#include "tile_image.h"

#include <QCommandLineParser>
#include <QDir>

#include <cstdio>
#include <fstream>

namespace dae::cli {

int cmd_sweep(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Trains one DAE per corruption level, all from the same initial weights (same seed), and writes\n"
        "DIR/level-<ν>.dae, DIR/filters.png (one row per level: the same hidden units in the same places)\n"
        "and DIR/denoising.csv (each model's reconstruction error against test-time noise level)."));
    parser.addHelpOption();
    const QCommandLineOption levels("levels", "Comma-separated corruption levels.", "list", "0,0.1,0.25,0.5");
    const QCommandLineOption dir({"o", "out-dir"}, "Folder for the results.", "dir", "sweep");
    const QCommandLineOption units("units", "Filters per row in filters.png.", "n", "20");
    const QCommandLineOption preset("preset", "vincent (default: tied, masking, CE) or bahdanau.", "name", "vincent");
    const QCommandLineOption dataset({"d", "dataset"}, "Data set id.", "id", "mnist");
    parser.addOptions({levels, dir, units, preset, dataset});
    std::vector<QCommandLineOption> setting_flags;
    for (const auto& o : training_option_list()) {
        if (std::string(o.key) == "level") continue;  // the sweep sets it
        setting_flags.emplace_back(QString::fromLatin1(o.key), QString::fromUtf8(o.help), "value");
        parser.addOption(setting_flags.back());
    }
    parser.process(args);

    TrainingConfig base = parser.value(preset) == "bahdanau" ? TrainingConfig::bahdanau2014() : TrainingConfig::vincent2008();
    base.epochs = 10;
    std::string why;
    for (const auto& flag : setting_flags)
        if (parser.isSet(flag) && !set_training_option(base, flag.names().first().toStdString(), parser.value(flag).toStdString(), &why))
            return fail(QString::fromStdString(why));
    std::vector<double> ls;
    for (const QString& v : parser.value(levels).split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        ls.push_back(v.toDouble(&ok));
        if (!ok) return fail("--levels: '" + v + "' is not a number");
    }
    if (ls.empty()) return fail("--levels is empty");
    const Dataset data = load_dataset(parser.value(dataset).toStdString());
    const Split split = make_split(data.size(), 0.2, 0.0, 1);
    const Dataset train = data.subset(split.train), held = data.subset(split.validation);
    base.model.visible = data.dim();
    const auto configs = sweep_configs(base, ls);
    for (const auto& c : configs)
        if (!c.validate(&why, train.size())) return fail("invalid settings: " + QString::fromStdString(why));
    const QString out = parser.value(dir);
    if (!QDir().mkpath(out)) return fail(out + ": cannot create");

    const int per_row = parser.value(units).toInt();
    Matrix tiles(data.dim(), static_cast<Index>(per_row) * static_cast<Index>(configs.size()));
    std::vector<double> test_levels;
    for (int i = 0; i <= 10; ++i) test_levels.push_back(i * (base.corruption.type == CorruptionType::Gaussian ? 0.1 : 0.08));
    std::ofstream csv((out + "/denoising.csv").toStdString());
    csv << "train_level";
    for (double t : test_levels) csv << ",test_" << t;
    csv << '\n';
    Autoencoder first_init;
    for (std::size_t i = 0; i < configs.size(); ++i) {
        Trainer trainer(configs[i], train.samples, held.samples);
        if (i == 0) first_init = trainer.model();
        else if (!(trainer.model() == first_init)) return fail("internal error: sweep members start from different weights");
        std::fprintf(stderr, "level %g: training %d epochs\n", ls[i], configs[i].epochs);
        if (trainer.run() == TrainStatus::Diverged) return fail(QString::fromStdString(trainer.message()));
        SavedModel saved{trainer.model(), {}};
        for (const auto& [k, v] : training_options(configs[i])) saved.metadata["train." + k] = v;
        save_model(QString("%1/level-%2.dae").arg(out).arg(ls[i]).toStdString(), saved);
        tiles.middleCols(static_cast<Index>(i) * per_row, per_row) = trainer.model().w1.topRows(per_row).transpose();
        const auto curve = denoising_curve(trainer.model(), held.samples, base.corruption.type, test_levels);
        csv << ls[i];
        for (double v : curve) csv << ',' << v;
        csv << '\n';
        std::printf("level %-6g validation loss %.4f, clean MSE %.4f, denoising MSE at test level %g: %.4f\n", ls[i],
                    trainer.last_epoch().validation_loss, trainer.last_epoch().validation_clean_mse, ls[i],
                    denoising_curve(trainer.model(), held.samples, base.corruption.type, {ls[i]})[0]);
    }
    ui::TileLayout layout;
    layout.tile_width = data.width;
    layout.tile_height = data.height;
    layout.columns = per_row;
    const QImage image = ui::tiles_image(tiles, layout, ui::TileScaling::PerTile);
    if (!image.scaled(image.size() * 2, Qt::IgnoreAspectRatio, Qt::FastTransformation).save(out + "/filters.png"))
        return fail(out + "/filters.png: cannot write");
    std::printf("wrote %s/filters.png (one row per level, top to bottom: %s) and %s/denoising.csv\n", qPrintable(out),
                qPrintable(parser.value(levels)), qPrintable(out));
    return 0;
}

}  // namespace dae::cli
