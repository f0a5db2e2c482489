// The runs browser: the catalog of grid folders, results.csv files and models (what is listed, what
// a broken run says, groups as the harness's summary), and the Runs view (what it draws for the
// selected runs, a run opened in the lab with its curves, runs that appear while it is open).
#include "dae/atlas.h"
#include "dae/error.h"
#include "dae/files.h"
#include "dae/model_io.h"
#include "dae/numbers.h"
#include "dae/run_catalog.h"
#include "dae/training_options.h"
#include "error_message.h"
#include "experiments/phase_panel.h"
#include "experiments/runs_panel.h"
#include "experiments/runs_table.h"
#include "main_window.h"
#include "render/outcome_style.h"
#include "render/plot_image.h"
#include "render/runs_plot.h"
#include "render/tile_image.h"
#include "widgets/loss_chart.h"
#include "workspaces.h"

#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

using namespace dae;

namespace {

const QString kTable1a = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../docs/experiments/table1a-results.csv");

std::vector<EpochReport> curves_of(double start, int epochs) {
    std::vector<EpochReport> out;
    for (int e = 0; e < epochs; ++e) {
        EpochReport r;
        r.epoch = e;
        r.train_loss = start / (1 + e);
        r.validation_loss = start / (1 + e) + 1;
        r.validation_clean_mse = 2;
        r.learning_rate = 0.1;
        out.push_back(r);
    }
    return out;
}

// A run's folder as the harness leaves it: spec.json, curves.csv, and when finished model.dae and
// result.json. Returns the model.
Autoencoder write_run(const QString& grid, const std::string& id, double level, int seed, int epochs_done,
                      bool finished) {
    const std::string folder = (grid + "/runs/").toStdString() + id;
    QDir().mkpath(QString::fromStdString(folder));
    RunSpec spec;
    spec.id = id;
    spec.settings.model.hidden = 30;
    spec.settings.corruption.level = level;
    spec.settings.seed = static_cast<std::uint64_t>(seed);
    write_text_atomic(folder + "/spec.json", spec.to_json());
    const auto curves = curves_of(10 * level, epochs_done);
    std::string csv = curves_csv_header();
    for (const EpochReport& e : curves)
        csv += curves_csv_row(e);
    write_text_atomic(folder + "/curves.csv", csv);
    ModelConfig shape = spec.settings.model;
    Autoencoder model(shape);
    model.initialize(InitScheme::GlorotUniform, static_cast<std::uint64_t>(seed));
    if (!finished) return model;
    Provenance p;
    p.settings = spec.settings;
    p.curves = curves;
    p.epochs_trained = epochs_done;
    p.status = "finished";
    save_model(folder + "/model.dae", {model, p});
    RunResult r;
    r.id = id;
    r.status = "finished";
    r.settings = training_options(spec.settings);
    r.metrics = {{"epochs", epochs_done}, {"acc_test", 0.5 + level}, {"train_loss", curves.back().train_loss}};
    write_text_atomic(folder + "/result.json", r.to_json());
    return model;
}

// The button of `parent` with this text, or null.
QPushButton* button_named(QWidget* parent, const QString& text) {
    for (QPushButton* b : parent->findChildren<QPushButton*>())
        if (b->text() == text) return b;
    return nullptr;
}

// summary.csv's cells by column name, one map per configuration.
std::vector<std::map<std::string, std::string>> summary_rows(const std::string& csv) {
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    auto split = [](const std::string& l) {
        std::vector<std::string> f(1);
        for (char c : l)
            if (c == ',')
                f.emplace_back();
            else
                f.back().push_back(c);
        return f;
    };
    const auto header = split(line);
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(in, line)) {
        const auto f = split(line);
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < f.size(); ++i)
            row[header[i]] = f[i];
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

class TestRuns : public QObject {
    Q_OBJECT
private slots:
    void groupsAreTheHarnesssSummary() {
        const auto runs = catalog_runs(kTable1a.toStdString());
        QCOMPARE(runs.size(), std::size_t{27});
        QCOMPARE(varying_settings(runs), (std::vector<std::string>{"walkback", "level", "seed"}));
        // Two runs recorded σ = 0.7 as 0.69999999999999996: one noise level all the same.
        const auto groups = group_runs(runs, {"walkback", "level"});
        QCOMPARE(groups.size(), std::size_t{9});
        const auto bytes = read_file(QT_TESTCASE_SOURCEDIR "/../experiments/grids/table1a.json");
        const GridSpec grid = GridSpec::from_json({bytes.begin(), bytes.end()}, "table1a.json");
        std::vector<RunResult> results;
        for (const CatalogRun& r : runs)
            results.push_back(r.result);
        const auto summary = summary_rows(summary_csv(grid, results));
        QCOMPARE(summary.size(), groups.size());
        for (const RunGroup& g : groups) {
            QCOMPARE(g.runs.size(), std::size_t{3});
            const auto row = std::find_if(summary.begin(), summary.end(), [&](const auto& s) {
                return s.at("walkback") == g.values[0] && s.at("level") == g.values[1];
            });
            QVERIFY2(row != summary.end(), (g.values[0] + " " + g.values[1]).c_str());
            for (const std::string m : {"acc_test", "acc_train", "EX_test", "mse_wb_test"}) {
                const MeanSd s = metric_mean_sd(runs, g.runs, m);
                QCOMPARE(s.count, 3);
                // summary.csv writes 6 significant digits
                QVERIFY(std::abs(s.mean - std::stod(row->at(m + "_mean"))) <= 5e-6 * std::abs(s.mean));
                QVERIFY(std::abs(s.sd - std::stod(row->at(m + "_sd"))) <= 5e-6 * std::abs(s.sd) + 1e-12);
            }
        }
        // One hand-checked figure: k = 1, σ = 0.5, acc_test of seeds 1–3 from the CSV's rows.
        const auto k1 = std::find_if(groups.begin(), groups.end(), [](const RunGroup& g) {
            return g.values == std::vector<std::string>{"1", "0.5"};
        });
        QVERIFY(k1 != groups.end());
        QVERIFY(std::abs(metric_mean_sd(runs, k1->runs, "acc_test").mean - (0.7747 + 0.8102 + 0.8254) / 3) < 1e-9);
    }

    void aBrokenRunIsListedWithItsReason() {
        QTemporaryDir dir;
        write_run(dir.path(), "level0.3-seed1", 0.3, 1, 4, true);
        write_run(dir.path(), "level0.5-seed1", 0.5, 1, 4, true);
        write_run(dir.path(), "level0.7-seed1", 0.7, 1, 2, false);
        const std::string cut = (dir.path() + "/runs/level0.5-seed1/result.json").toStdString();
        const auto whole = read_file(cut);
        write_file_atomic(cut, std::span(whole).first(whole.size() / 2));
        const auto runs = catalog_runs(dir.path().toStdString());
        QCOMPARE(runs.size(), std::size_t{3});
        QCOMPARE(runs[0].result.status, std::string("finished"));
        QCOMPARE(runs[0].result.metric("acc_test"), 0.8);
        QCOMPARE(runs[1].result.status, std::string("unreadable"));
        QVERIFY2(runs[1].problem.find(cut) != std::string::npos, runs[1].problem.c_str());
        QCOMPARE(runs[1].result.setting("level"), std::string("0.5"));  // its spec still says what it was
        QCOMPARE(runs[2].result.status, std::string("unfinished"));
        QCOMPARE(runs[2].problem, std::string("unfinished: 2 of 100 epochs"));
        QCOMPARE(catalog_curves(runs[2]).size(), std::size_t{2});
        // A bare model file is a run too, with the curves it carries.
        const auto model = catalog_runs((dir.path() + "/runs/level0.3-seed1/model.dae").toStdString());
        QCOMPARE(model.size(), std::size_t{1});
        QCOMPARE(catalog_curves(model[0]).size(), std::size_t{4});
        QVERIFY_THROWS_EXCEPTION(Error, catalog_runs((dir.path() + "/nothing").toStdString()));
    }

    void runsOfTwoGridsSayWhichGrid() {
        QTemporaryDir dir;
        write_run(dir.filePath("order"), "seed1", 0.5, 1, 2, true);
        write_run(dir.filePath("split"), "seed1", 0.5, 1, 2, true);
        std::vector<CatalogRun> runs = catalog_runs(dir.filePath("order/").toStdString());
        for (CatalogRun& r : catalog_runs(dir.filePath("split").toStdString()))
            runs.push_back(std::move(r));
        const CatalogTable t = catalog_table(runs, false, false);
        QCOMPARE(t.columns[1], std::string("grid"));
        QCOMPARE(t.cell(runs, 0, 1, false), std::string("order"));
        QCOMPARE(t.cell(runs, 1, 1, false), std::string("split"));
        QVERIFY(catalog_table({runs[0]}, false, false).columns[1] != "grid");  // one grid: no such column
        // In Markdown a "|" in a cell is escaped, so the row keeps its cells: columns + 1 bars unescaped.
        runs[0].result.id = "seed|1";
        const std::string md = catalog_table(runs, false, false).markdown(runs);
        const std::size_t at = md.find("seed\\|1");
        QVERIFY2(at != std::string::npos, md.c_str());
        const std::string row = md.substr(md.rfind('\n', at) + 1, md.find('\n', at) - md.rfind('\n', at) - 1);
        std::size_t bars = 0;
        for (std::size_t k = 0; k < row.size(); ++k)
            bars += row[k] == '|' && (k == 0 || row[k - 1] != '\\');
        QCOMPARE(bars, t.columns.size() + 1);
        // Every column once: "epochs" is a setting and a result, shown as the setting.
        const CatalogTable all = catalog_table(runs, false, true);
        QCOMPARE(std::count(all.columns.begin(), all.columns.end(), std::string("epochs")), 1);
        // Two grids' results.csv files are named by their folders.
        for (const char* g : {"a", "b"}) {
            QVERIFY(QDir().mkpath(dir.filePath(g)));
            QVERIFY(QFile::copy(kTable1a, dir.filePath(QString(g) + "/results.csv")));
        }
        std::vector<CatalogRun> csvs = catalog_runs(dir.filePath("a/results.csv").toStdString());
        for (CatalogRun& r : catalog_runs(dir.filePath("b/results.csv").toStdString()))
            csvs.push_back(std::move(r));
        const CatalogTable named = catalog_table(csvs, false, false);
        QCOMPARE(named.cell(csvs, 0, 1, false), std::string("a"));
        QCOMPARE(named.cell(csvs, csvs.size() - 1, 1, false), std::string("b"));
    }

    void theViewDrawsTheSelectedRuns() {
        QTemporaryDir dir;
        const Autoencoder a = write_run(dir.path(), "level0.3-seed1", 0.3, 1, 5, true);
        const Autoencoder b = write_run(dir.path(), "level0.5-seed1", 0.5, 1, 5, true);
        ui::RunsPanel panel;
        panel.resize(1000, 800);
        QSignalSpy done(&panel, &ui::RunsPanel::finished);
        panel.open({dir.path()});
        QVERIFY(done.wait(10000));
        QCOMPARE(panel.proxy()->rowCount(), 2);
        QVERIFY(panel.curvesImage().isNull());
        panel.selectRows({0, 1});
        // The legend names what differs between the two, in the plot's colours.
        QCOMPARE(panel.curveNames(), QStringList({"level=0.3", "level=0.5"}));
        const QImage curves = panel.curvesImage();
        QVERIFY(!curves.isNull());
        for (int k : {0, 1}) {
            bool drawn = false;
            for (int y = 0; y < curves.height() && !drawn; ++y)
                for (int x = 0; x < curves.width() && !drawn; ++x)
                    drawn = curves.pixelColor(x, y) == ui::series_colour(k);
            QVERIFY2(drawn, qPrintable(QStringLiteral("no pixel in run %1's colour").arg(k)));
        }
        // The overlay as a vector drawing: an SVG of the same size, with the legend's names as text.
        QString svg_error;
        QVERIFY2(panel.saveSvg("loss", dir.filePath("curves.svg"), &svg_error), qPrintable(svg_error));
        const auto svg_bytes = read_file(dir.filePath("curves.svg").toStdString());
        const std::string svg(svg_bytes.begin(), svg_bytes.end());
        QVERIFY(svg.find("<svg") != std::string::npos);
        const std::string box =
            "viewBox=\"0 0 " + std::to_string(curves.width()) + " " + std::to_string(curves.height());
        QVERIFY2(svg.find(box) != std::string::npos, svg.substr(0, 400).c_str());
        QVERIFY2(svg.find("level=0.5") != std::string::npos, svg.substr(0, 400).c_str());
        QVERIFY2(panel.saveSvg("scatter", dir.filePath("scatter.svg"), &svg_error), qPrintable(svg_error));
        ui::RunsPanel empty;
        QVERIFY(!empty.saveSvg("loss", dir.filePath("none.svg"), &svg_error));  // nothing drawn: named, no file
        QVERIFY(svg_error.contains("none.svg") && !QFile::exists(dir.filePath("none.svg")));
        // Their filters, a row per run, the first 20 units, from their model files.
        QTRY_VERIFY_WITH_TIMEOUT(!panel.filtersImage().isNull(), 10000);
        const std::vector<Matrix> rows{a.w1.topRows(20).transpose(), b.w1.topRows(20).transpose()};
        QCOMPARE(panel.filtersImage(), ui::tile_rows_image(rows, 28, 28, 20));
        // One test digit iterated under each model: a row per run, step 0 the digit itself, step 1 its
        // reconstruction r(x) under that run's model (computed here by the autoencoder itself).
        auto data = std::make_shared<Partition>();
        data->test.width = data->test.height = 28;
        data->test.samples = (Matrix::Random(784, 3).array() * 0.5f + 0.5f).matrix();
        data->test.labels = {0, 1, 2};
        data->test.num_classes = 3;
        panel.setData(data);
        panel.setTrajectoryDigit(2);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.trajectoriesImage().isNull(), 10000);
        const QImage steps = panel.trajectoriesImage();
        const int per_row = static_cast<int>(ui::RunsPanel::trajectorySteps().size());
        QCOMPARE(steps.size(), QSize(per_row * 29 + 1, 2 * 29 + 1));
        const Matrix x = data->test.samples.col(2);
        for (int k = 0; k < 2; ++k) {
            const Matrix rx = (k == 0 ? a : b).reconstruct(x);
            for (int p : {0, 300, 783}) {  // tile (row k, column c) starts at (1 + 29c, 1 + 29k)
                const QPoint at(1 + p % 28, 1 + 29 * k + p / 28);
                QCOMPARE(qGray(steps.pixel(at)), ui::gray_level(x(p), 0, 1));
                QCOMPARE(qGray(steps.pixel(at + QPoint(29, 0))), ui::gray_level(rx(p), 0, 1));
            }
        }
        // Stepped together: at step 1 the two runs' r(x) side by side, then every step again.
        panel.setTrajectoryStep(1);
        const QImage together = panel.trajectoriesImage();
        QCOMPARE(together.size(), QSize(2 * 29 + 1, 29 + 1));
        for (int k = 0; k < 2; ++k) {
            const Matrix rx = (k == 0 ? a : b).reconstruct(x);
            QCOMPARE(qGray(together.pixel(1 + 29 * k + 300 % 28, 1 + 300 / 28)), ui::gray_level(rx(300), 0, 1));
        }
        panel.setTrajectoryStep(-1);
        QCOMPARE(panel.trajectoriesImage(), steps);
        // Grouped, the two levels stay two configurations; filtered, one is left.
        panel.setGrouped(true);
        QCOMPARE(panel.proxy()->rowCount(), 2);
        panel.setFilterText("0.5");
        QCOMPARE(panel.proxy()->rowCount(), 1);
        // A new run that appears in the grid's folder while it is open is listed.
        panel.setFilterText({});
        panel.setGrouped(false);
        write_run(dir.path(), "level0.7-seed1", 0.7, 1, 1, false);
        QTRY_COMPARE_WITH_TIMEOUT(panel.proxy()->rowCount(), 3, 15000);
        QVERIFY(panel.statusText().contains("1 unfinished"));
        // Export: the rows selected, the columns shown.
        QString error;
        const QString csv = dir.filePath("runs.csv");
        QVERIFY2(panel.exportCsv(csv, &error), qPrintable(error));
        const auto text = read_file(csv.toStdString());
        QVERIFY(std::string(text.begin(), text.end()).rfind("id,level,", 0) == 0);
    }

    // An atlas row: `n` probe digits, all with outcome `o`.
    static AtlasRow atlas_row(int epoch, Outcome o, Index n) {
        AtlasRow r;
        r.epoch = epoch;
        r.summary.counts[static_cast<std::size_t>(o)] = n;
        r.steps_run = 10 * epoch;
        return r;
    }

    void anAtlasIsReadBackAndABadOneIsNamed() {
        AtlasRow mixed = atlas_row(3, Outcome::Converged, 5);
        mixed.summary.counts[static_cast<std::size_t>(Outcome::Stain)] = 2;
        mixed.summary.explosions_coincide = true;
        const std::string csv =
            atlas_csv_header() + atlas_csv_row(atlas_row(1, Outcome::Explosion, 7)) + atlas_csv_row(mixed);
        const auto rows = parse_atlas_csv(csv, "a.csv");
        QCOMPARE(rows.size(), std::size_t{2});
        QCOMPARE(rows[0].summary.count(Outcome::Explosion), Index{7});
        QCOMPARE(rows[1].summary.count(Outcome::Stain), Index{2});
        QVERIFY(rows[1].summary.explosions_coincide && !rows[0].summary.explosions_coincide);
        QCOMPARE(atlas_csv_row(rows[1]), atlas_csv_row(mixed));
        QCOMPARE(rows[1].steps_run, 30);
        const std::string header = atlas_csv_header();
        for (const auto& [text, expected] : std::vector<std::pair<std::string, QString>>{
                 {"epoch,converged\n", "not an outcome atlas"},
                 {header + "1,2,0,0,0,0,0,3,0,4\n", "line 2: its counts add up to 2, not to its probe 3"},
                 {header + "1,2,0,0,0,0,0,2,0\n", "line 2: 9 fields"},
                 {header + "1,2,0,0,0,0,0,2,0,4\n1,x,0,0,0,0,0,2,0,4\n", "line 3: 'x' is not a count"},
                 {header + "1,2.5,0,0,0,0,0,2,0,4\n", "'2.5' is not a count"},
                 {header + "1,2,0,0,0,0,0,2,7,4\n", "explosions_coincide"}}) {
            const QString message = error_message([&] { parse_atlas_csv(text, "a.csv"); });
            QVERIFY2(message.startsWith("a.csv: ") && message.contains(expected), qPrintable(message));
        }
    }

    void theViewDrawsTheAtlasesOverTrainingAndCurvesOverSamples() {
        QTemporaryDir dir;
        write_run(dir.path(), "level0.3-seed1", 0.3, 1, 3, true);
        write_run(dir.path(), "level0.5-seed1", 0.5, 1, 3, true);
        write_run(dir.path(), "level0.7-seed1", 0.7, 1, 3, true);
        // Two runs recorded an atlas: all their probe converged, resp. exploded, at every epoch.
        for (const auto& [id, outcome] :
             {std::pair{"level0.3-seed1", Outcome::Converged}, std::pair{"level0.7-seed1", Outcome::Explosion}}) {
            std::string csv = atlas_csv_header();
            for (int e = 1; e <= 3; ++e)
                csv += atlas_csv_row(atlas_row(e, outcome, 20));
            write_text_atomic((dir.path() + "/runs/" + id + "/atlas.csv").toStdString(), csv);
        }
        // One run says how large its training set was (its spec's split): its curve can be drawn
        // over samples; the others' models do not say, so they are named and left out.
        RunSpec spec =
            RunSpec::from_json(read_text((dir.path() + "/runs/level0.5-seed1/spec.json").toStdString()), "s");
        spec.split = SplitSpec{SplitSpec::Rule::Shuffled, 1000, 200, 1};
        write_text_atomic((dir.path() + "/runs/level0.5-seed1/spec.json").toStdString(), spec.to_json());
        std::filesystem::remove((dir.path() + "/runs/level0.5-seed1/model.dae").toStdString());
        ui::RunsPanel panel;
        panel.resize(1000, 800);
        QSignalSpy done(&panel, &ui::RunsPanel::finished);
        panel.open({dir.path()});
        QVERIFY(done.wait(10000));
        panel.selectRows({0, 1, 2});
        // Two panels, side by side, in the first row: the converged run green, the exploded one red.
        const QImage atlas = panel.outcomesImage();
        QCOMPARE(atlas.size(), QSize(3 * ui::kAtlasPanelWidth, 28 + ui::kAtlasPanelHeight));
        const QPoint middle(ui::kAtlasPanelWidth / 2 + 17, 28 + ui::kAtlasPanelHeight / 2);
        QCOMPARE(atlas.pixelColor(middle), QColor(ui::outcome_colour(Outcome::Converged)));
        QCOMPARE(atlas.pixelColor(middle + QPoint(ui::kAtlasPanelWidth, 0)),
                 QColor(ui::outcome_colour(Outcome::Explosion)));
        QCOMPARE(atlas.pixelColor(middle + QPoint(2 * ui::kAtlasPanelWidth, 0)), QColor(Qt::white));  // no third
        QVERIFY(panel.showComparison("outcomes"));
        // Over samples: the run with a known training set at 1,000 samples an epoch, the others not drawn.
        const auto runs = panel.table()->runs();
        const ui::LinePlot plot = ui::runs_curves_plot(runs, ui::RunCurve::Train, ui::RunAxis::Samples);
        QCOMPARE(plot.x_label, QStringLiteral("training samples seen"));
        QCOMPARE(plot.lines[1].size(), std::size_t{3});
        QCOMPARE(plot.x_scales[1], 1000.0);
        QVERIFY(plot.lines[0].empty() && plot.names[0].contains("size is unknown"));
        panel.setCurvesOverSamples(true);
        const QImage over_samples = panel.curvesImage();
        panel.setCurvesOverSamples(false);
        QVERIFY(!over_samples.isNull() && over_samples != panel.curvesImage());
        QVERIFY(panel.curveNames()[2].contains("level=0.7"));
    }

    void aRunOpensInTheLabWithItsCurves() {
        QTemporaryDir dir;
        write_run(dir.path(), "level0.3-seed1", 0.3, 1, 6, true);
        QSettings settings(dir.filePath("daelab.ini"), QSettings::IniFormat);
        ui::MainWindow w("mnist-10k", &settings);
        ui::RunsPanel* panel = w.runsPanel();
        QSignalSpy done(panel, &ui::RunsPanel::finished);
        panel->open({dir.path()});
        QVERIFY(done.wait(10000));
        panel->selectRows({0});
        QPushButton* open = button_named(panel, "Open in the lab");
        QVERIFY(open);
        open->click();
        QCOMPARE(w.workspaces()->current(), ui::Workspaces::Train);
        QCOMPARE(w.lossChart()->epochs().size(), 6);
        QCOMPARE(w.lossChart()->epochs().back().train_loss, 3.0 / 6);
        // The scatter's other preset: Table 1(a) as the paper's phase diagram, in its own view.
        panel->open({kTable1a});
        QVERIFY(done.wait(10000));
        QPushButton* phase = button_named(panel, "As phase diagram");
        QVERIFY(phase);
        phase->click();
        QCOMPARE(w.workspaces()->current(), ui::Workspaces::Experiments);
        QCOMPARE(w.phasePanel()->results().size(), std::size_t{27});
        QVERIFY(w.workspaces()->views(ui::Workspaces::Experiments)->currentWidget()->isAncestorOf(w.phasePanel()));
    }
};

QTEST_MAIN(TestRuns)
#include "tst_runs.moc"
