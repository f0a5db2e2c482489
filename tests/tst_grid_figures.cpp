// A grid's results read back and drawn: results.csv round-trips through its parser, which names
// the line and column of what is wrong; Fig. 5 places each finished run by its settings (compared
// as numbers), says which runs it leaves out and why; `daelab-cli plot fig5` and `plot phase` draw
// from grid folders and results.csv files together, a run given twice once; a scatter plot's legend
// wraps instead of losing series off its edge.
#include "dae/error.h"
#include "dae/grid_figures.h"
#include "dae/model_io.h"
#include "dae/training_options.h"
#include "error_message.h"
#include "process_run.h"
#include "render/plot_image.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace dae;

namespace {

// A finished run at (σ, k) with the figures Fig. 5 and the phase diagram read.
RunResult fake_run(const std::string& id, double level, int k, std::uint64_t seed, double mse_test, double acc_test,
                   double ex_test) {
    TrainingConfig c = TrainingConfig::bahdanau2014();
    c.corruption.level = level;
    c.walkback = k;
    c.seed = seed;
    RunResult r;
    r.id = id;
    r.status = "finished";
    r.settings = training_options(c);
    r.metrics = {{"acc_test", acc_test}, {"mse_test", mse_test}, {"EX_test", ex_test}};
    const char* outcomes[] = {"converged", "other_class", "stain", "explosion", "not_converged"};
    for (int o = 0; o < 5; ++o)
        r.metrics.emplace_back(std::string(outcomes[o]) + "_test", o == 0 ? 10000 - ex_test : (o == 3 ? ex_test : 0));
    return r;
}

GridSpec level_walkback_grid() {
    GridSpec g;
    g.axes = {{"walkback", {"1", "2"}}, {"level", {"0.3", "0.7"}}};
    return g;
}

bool write_file(const QString& path, const QByteArray& bytes) {
    if (!QDir().mkpath(QFileInfo(path).path())) return false;
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Pixels of exactly this colour in the rows [top, bottom) of the image.
int pixels_of(const QImage& image, const QColor& colour, int top = 0, int bottom = -1) {
    if (bottom < 0) bottom = image.height();
    int n = 0;
    for (int y = top; y < bottom; ++y)
        for (int x = 0; x < image.width(); ++x)
            n += image.pixelColor(x, y) == colour;
    return n;
}

QString parse_error(const std::string& text) {
    return error_message([&] { parse_results_csv(text, "r.csv"); });
}

}  // namespace

class TestGridFigures : public QObject {
    Q_OBJECT
private slots:
    void resultsCsvRoundTrips() {
        const GridSpec g = level_walkback_grid();
        std::vector<RunResult> runs{fake_run("walkback1-level0.3-seed1", 0.3, 1, 1, 4.39, 0.7, 238),
                                    fake_run("walkback2-level0.7-seed2", 0.7, 2, 2, 12.29, 0.897, 277)};
        runs[1].status = "failed";
        runs[1].metrics.clear();  // every metric empty, the last one too
        const std::string text = results_csv(g, runs);
        const ResultsTable t = parse_results_csv(text, "r.csv");
        QCOMPARE(t.axes, (std::vector<std::string>{"walkback", "level"}));
        QCOMPARE(t.runs.size(), std::size_t(2));
        QCOMPARE(t.runs[0].id, runs[0].id);
        QCOMPARE(t.runs[0].setting("level"), std::string("0.3"));
        QCOMPARE(t.runs[0].setting("walkback"), std::string("1"));
        QCOMPARE(t.runs[0].setting("seed"), std::string("1"));
        QCOMPARE(t.runs[0].setting("hidden"), std::string());  // not an axis: not in the file
        QCOMPARE(t.runs[0].metric("acc_test"), 0.7);
        QCOMPARE(t.runs[0].metric("EX_test"), 238.0);
        QVERIFY(std::isnan(t.runs[0].metric("acc_train")));  // written empty
        QCOMPARE(t.runs[1].status, std::string("failed"));
        QCOMPARE(t.runs[1].metrics.size(), run_metric_names().size());
        QVERIFY(std::isnan(t.runs[1].metrics.back().second));
        QCOMPARE(results_csv(g, t.runs), text);  // written again, the same bytes
    }

    void resultsCsvErrorsNameTheLineAndColumn() {
        QVERIFY(parse_error("id,level,status,acc_test\nx,0.3,finished,0.9\n").contains("not the results.csv"));
        QVERIFY(parse_error("").contains("not the results.csv"));
        const QString fields = parse_error("id,level,seed,status,acc_test\na,0.3,1,finished,0.9\nb,0.3,1,finished\n");
        QVERIFY2(fields.contains("r.csv, line 3: 4 fields, the header has 5"), qPrintable(fields));
        const QString number = parse_error("id,level,seed,status,acc_test\na,0.3,1,finished,0.9x\n");
        QVERIFY2(number.contains("line 2: acc_test '0.9x' is not a number"), qPrintable(number));
        const QString twice = parse_error("id,seed,status,acc_test\na,1,finished,0.9\na,1,finished,0.8\n");
        QVERIFY2(twice.contains("line 3: run a appears twice"), qPrintable(twice));
        const QString none = error_message([] { read_results_csv("no/such/results.csv"); });
        QVERIFY2(none.contains("no/such/results.csv"), qPrintable(none));
    }

    void fig5PlacesRunsByTheirSettingsAsNumbers() {
        std::vector<RunResult> runs{fake_run("a", 0.7, 2, 1, 12.3, 0.897, 277),
                                    fake_run("b", 0.3, 10, 1, 4.6, 0.86, 230), fake_run("c", 0.3, 1, 1, 4.4, 0.70, 238),
                                    fake_run("d", 0.7, 2, 2, 12.2, 0.9, 260)};
        // The same level as a results.csv of an older binary wrote it: one column with a's.
        RunResult e = fake_run("e", 0.7, 1, 1, 12.28, 0.794, 1188);
        for (auto& [k, v] : e.settings)
            if (k == "level") v = "0.69999999999999996";
        runs.push_back(e);
        RunResult unfinished = fake_run("f", 0.5, 1, 1, 8, 0.77, 758);
        unfinished.status = "stopped";
        runs.push_back(unfinished);
        RunResult no_mse = fake_run("g", 0.5, 1, 1, 8, 0.77, 758);
        no_mse.metrics.erase(no_mse.metrics.begin() + 1);
        runs.push_back(no_mse);
        RunResult no_level = fake_run("h", 0.5, 1, 1, 8, 0.77, 758);
        std::erase_if(no_level.settings, [](const auto& s) { return s.first == "level"; });
        runs.push_back(no_level);

        const Fig5 f = fig5(runs, "level", "walkback");
        QCOMPARE(f.columns, (std::vector<std::string>{"0.3", "0.7"}));
        QCOMPARE(f.colours, (std::vector<std::string>{"1", "2", "10"}));  // 10 after 2: numbers
        QCOMPARE(f.points.size(), std::size_t(2));
        QCOMPARE(f.points[0].size(), std::size_t(3));
        QCOMPARE(f.points[0][0].size(), std::size_t(1));
        QCOMPARE(f.points[0][0][0].id, std::string("c"));
        QCOMPARE(f.points[0][1].size(), std::size_t(0));
        QCOMPARE(f.points[0][2].size(), std::size_t(1));
        QCOMPARE(f.points[0][2][0].id, std::string("b"));
        QCOMPARE(f.points[1][0].size(), std::size_t(1));
        QCOMPARE(f.points[1][0][0].id, std::string("e"));
        QCOMPARE(f.points[1][1].size(), std::size_t(2));  // a and d, in the runs' order
        QCOMPARE(f.points[1][1][0].id, std::string("a"));
        QCOMPARE(f.points[1][1][1].mse_test, 12.2);
        QCOMPARE(f.points[1][1][1].acc_test, 0.9);
        QCOMPARE(f.points[1][1][1].ex_test, 260.0);
        QCOMPARE(f.left_out, (std::vector<std::string>{"g: no mse_test", "h: no 'level' setting"}));  // f: not finished
    }

    void aRunReadTwiceIsOneRunAndAnotherGridsRunIsNot() {
        const GridSpec g = level_walkback_grid();
        const RunResult a = fake_run("walkback1-level0.7-seed1", 0.7, 1, 1, 12.28, 0.794, 1188);
        const RunResult from_csv = parse_results_csv(results_csv(g, {a}), "r.csv").runs.at(0);
        QVERIFY(same_run(a, from_csv) && same_run(from_csv, a));
        RunResult older = from_csv;  // the level as an older binary wrote it
        for (auto& [k, v] : older.settings)
            if (k == "level") v = "0.69999999999999996";
        QVERIFY(same_run(a, older));
        // Another grid's run with the same id: the same axes, another data set or base setting.
        RunResult other = fake_run("walkback1-level0.7-seed1", 0.7, 1, 1, 12.28, 0.812, 1188);
        QVERIFY(!same_run(a, other));
        QVERIFY(!same_run(from_csv, other));
        other = a;
        for (auto& [k, v] : other.settings)
            if (k == "hidden") v = "1000";
        QVERIFY(!same_run(a, other));
        QVERIFY(same_run(from_csv, other));  // the CSV has no hidden column and the figures agree
        other = a;
        other.id = "walkback1-level0.7-seed2";
        QVERIFY(!same_run(a, other));
    }

    void thePhaseDiagramOfAResultsCsvIsTheFoldersOne() {
        std::vector<RunResult> runs{fake_run("a", 0.3, 1, 1, 4.4, 0.70, 238), fake_run("b", 0.3, 1, 2, 4.5, 0.72, 1200),
                                    fake_run("c", 0.7, 2, 1, 12.3, 0.897, 277)};
        const std::vector<RunResult> read = parse_results_csv(results_csv(level_walkback_grid(), runs), "r.csv").runs;
        const PhaseDiagram from_folders = phase_diagram(runs, "level", "walkback", OutcomeDefinition::Paper);
        const PhaseDiagram from_csv = phase_diagram(read, "level", "walkback", OutcomeDefinition::Paper);
        QCOMPARE(from_csv.xs, (std::vector<double>{0.3, 0.7}));
        QCOMPARE(from_csv.ys, (std::vector<double>{1, 2}));
        QCOMPARE(from_csv.runs, from_folders.runs);
        const auto explosion = static_cast<std::size_t>(Outcome::Explosion);
        QCOMPARE(from_csv.share[explosion][0][0], 0.0719);  // (238 + 1200) / 2 / 10000
        QCOMPARE(from_csv.share[explosion][1][1], from_folders.share[explosion][1][1]);
        QVERIFY(std::isnan(from_csv.share[explosion][0][1]) && std::isnan(from_csv.share[explosion][1][0]));
    }

    void theLegendWrapsAndKeepsEverySeries() {
        ui::ScatterPlot plot;
        for (int i = 0; i < 6; ++i)
            plot.series.push_back(
                {QStringLiteral("walkback = %1 (a long name)").arg(i), ui::series_colour(i), {QPointF(i, i)}});
        plot.series.push_back({QStringLiteral("no points"), ui::series_colour(6), {}});
        const QImage image = ui::render_scatter(plot);
        const int legend_top = image.height() - 60;  // under the x label
        for (int i = 0; i < 6; ++i)
            QVERIFY2(pixels_of(image, ui::series_colour(i), legend_top) > 10, qPrintable(QString::number(i)));
        QCOMPARE(pixels_of(image, ui::series_colour(6)), 0);  // a series without points is not in the legend
        // The first and the last entry on different rows.
        auto legend_row = [&](int i) {
            for (int y = image.height() - 1; y >= legend_top; --y)
                for (int x = 0; x < image.width(); ++x)
                    if (image.pixelColor(x, y) == ui::series_colour(i)) return y;
            return -1;
        };
        QVERIFY2(legend_row(5) > legend_row(0) + 8, qPrintable(QString::number(legend_row(5) - legend_row(0))));
    }

    void theCliDrawsFromFoldersAndCsvTogether() {
        QTemporaryDir dir;
        const QString grid = dir.filePath("grid");
        const std::vector<RunResult> runs{fake_run("walkback1-level0.3-seed1", 0.3, 1, 1, 4.39, 0.700, 238),
                                          fake_run("walkback2-level0.3-seed1", 0.3, 2, 1, 4.47, 0.829, 368),
                                          fake_run("walkback1-level0.7-seed1", 0.7, 1, 1, 12.28, 0.794, 1188)};
        // A third run of the folder recorded no MSE_test (an older binary): it is computed from its model.
        RunResult older = fake_run("walkback3-level0.3-seed1", 0.3, 3, 1, 0, 0.855, 232);
        std::erase_if(older.metrics, [](const auto& m) { return m.first == "mse_test"; });
        for (const RunResult& r : {runs[0], runs[1], older})
            QVERIFY(write_file(grid + "/runs/" + QString::fromStdString(r.id) + "/result.json",
                               QByteArray::fromStdString(r.to_json())));
        ModelConfig small;
        small.hidden = 8;
        Provenance provenance;
        provenance.dataset = "mnist-10k";
        provenance.settings = TrainingConfig::bahdanau2014();
        save_model((grid + "/runs/" + QString::fromStdString(older.id) + "/model.dae").toStdString(),
                   {Autoencoder(small), provenance});
        // A results.csv with one run of the folder again and one whose folder is gone.
        QVERIFY(write_file(dir.filePath("old.csv"),
                           QByteArray::fromStdString(results_csv(level_walkback_grid(), {runs[0], runs[2]}))));
        // The CSV first: the run in both is drawn from its folder all the same.
        const ProcessRun five =
            run_process(DAELAB_CLI, {"plot", "fig5", dir.filePath("old.csv"), grid, "-o", dir.filePath("f5.png")});
        QVERIFY2(five.code == 0, qPrintable(five.err));
        QVERIFY2(five.out.contains("f5.png: 4 runs"), qPrintable(five.out));
        QVERIFY2(!five.err.contains("left out"), qPrintable(five.err));
        QVERIFY2(five.err.contains("walkback1-level0.3-seed1 is in " + dir.filePath("old.csv") + " and " + grid +
                                   ": drawn once, from " + grid + "\n"),
                 qPrintable(five.err));
        const QImage image(dir.filePath("f5.png"));
        QVERIFY(!image.isNull());
        // Two columns (σ = 0.3, 0.7) of two panels (acc_test over EX_test), each 420 × 320.
        QVERIFY(image.width() > 2 * 420 && image.width() < 2 * 420 + 40);
        QVERIFY(image.height() > 2 * 320 && image.height() < 2 * 320 + 40);
        QVERIFY(pixels_of(image, ui::series_colour(0)) > 0);  // walkback 1: in both columns
        QVERIFY(pixels_of(image, ui::series_colour(1)) > 0);
        QVERIFY(pixels_of(image, ui::series_colour(2)) > 0);  // walkback 3, placed by its model's MSE_test
        QCOMPARE(pixels_of(image, ui::series_colour(3)), 0);  // no fourth k

        // A results.csv has only its grid's axes: colour by a setting it lacks, and it is said so.
        const ProcessRun hidden = run_process(
            DAELAB_CLI, {"plot", "fig5", dir.filePath("old.csv"), "--colour", "hidden", "-o", dir.filePath("h.png")});
        QCOMPARE(hidden.code, 1);
        QVERIFY2(hidden.err.contains("left out walkback1-level0.7-seed1: no 'hidden' setting"), qPrintable(hidden.err));
        QVERIFY(!QFile::exists(dir.filePath("h.png")));

        const ProcessRun phase =
            run_process(DAELAB_CLI, {"plot", "phase", dir.filePath("old.csv"), "-o", dir.filePath("p.png")});
        QVERIFY2(phase.code == 0, qPrintable(phase.err));
        QVERIFY(!QImage(dir.filePath("p.png")).isNull());

        const ProcessRun missing =
            run_process(DAELAB_CLI, {"plot", "fig5", dir.filePath("nothing"), "-o", dir.filePath("m.png")});
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.contains(dir.filePath("nothing") + ": no such grid folder or results CSV"),
                 qPrintable(missing.err));
    }
};

QTEST_MAIN(TestGridFigures)
#include "tst_grid_figures.moc"
