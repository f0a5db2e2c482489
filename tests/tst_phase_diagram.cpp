// The phase diagram: outcome shares over σ × k, the mean over a cell's seeds, empty cells empty, the
// outcome definition switched; the Phase diagram tab opens a grid's folder or a results.csv, names a folder with no
// runs, lays its heat maps out to fit its width, and computes a grid of its own in the background.
#include "dae/default_data.h"
#include "dae/grid_figures.h"
#include "dae/training_options.h"
#include "experiments/phase_panel.h"
#include "render/plot_image.h"
#include "widgets/image_view.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace dae;
using namespace dae::ui;

namespace {

// A finished run at (σ, k) whose test outcomes are `counts` (converged, other class, stain,
// explosion, not converged) under the paper's definition and `daelab` under ours.
RunResult fake_run(const std::string& id, double level, int k, const std::vector<double>& counts,
                   const std::vector<double>& daelab) {
    TrainingConfig c = TrainingConfig::bahdanau2014();
    c.corruption.level = level;
    c.walkback = k;
    RunResult r;
    r.id = id;
    r.status = "finished";
    r.settings = training_options(c);
    const char* names[] = {"converged", "other_class", "stain", "explosion", "not_converged"};
    for (int o = 0; o < 5; ++o) {
        r.metrics.emplace_back(std::string(names[o]) + "_test", counts[static_cast<std::size_t>(o)]);
        r.metrics.emplace_back(std::string(names[o]) + "_test_daelab", daelab[static_cast<std::size_t>(o)]);
    }
    return r;
}

void write_run(const QString& grid, const RunResult& r) {
    const QString dir = grid + "/runs/" + QString::fromStdString(r.id);
    QVERIFY(QDir().mkpath(dir));
    QFile f(dir + "/result.json");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(r.to_json()));
}

std::vector<RunResult> three_runs() {
    return {fake_run("a", 0.3, 1, {60, 20, 10, 10, 0}, {60, 20, 10, 5, 5}),
            fake_run("b", 0.3, 1, {80, 0, 10, 10, 0}, {80, 0, 10, 10, 0}),  // a second seed of the same cell
            fake_run("c", 0.7, 3, {90, 5, 5, 0, 0}, {90, 5, 5, 0, 0})};
}

}  // namespace

class TestPhaseDiagram : public QObject {
    Q_OBJECT
private slots:
    void sharesAreMeansOverSeedsAndEmptyCellsStayEmpty() {
        const PhaseDiagram d = phase_diagram(three_runs(), "level", "walkback", OutcomeDefinition::Paper);
        QCOMPARE(d.xs, (std::vector<double>{0.3, 0.7}));
        QCOMPARE(d.ys, (std::vector<double>{1, 3}));
        const auto& converged = d.share[static_cast<std::size_t>(Outcome::Converged)];
        const auto& explosion = d.share[static_cast<std::size_t>(Outcome::Explosion)];
        QCOMPARE(converged[0][0], 0.7);  // (0.6 + 0.8) / 2
        QCOMPARE(explosion[0][0], 0.1);
        QCOMPARE(converged[1][1], 0.9);
        QCOMPARE(d.runs[0][0], 2);
        QCOMPARE(d.runs[1][1], 1);
        QVERIFY(std::isnan(converged[0][1]) && std::isnan(converged[1][0]));  // no run at (0.7, 1) or (0.3, 3)
        const PhaseDiagram ours = phase_diagram(three_runs(), "level", "walkback", OutcomeDefinition::Daelab);
        QCOMPARE(ours.share[static_cast<std::size_t>(Outcome::Explosion)][0][0], 0.075);  // (0.05 + 0.1) / 2
        QCOMPARE(ours.share[static_cast<std::size_t>(Outcome::NotConverged)][0][0], 0.025);
    }

    void theTabOpensAGridAndFitsItsMapsToItsWidth() {
        QTemporaryDir dir;
        for (const RunResult& r : three_runs())
            write_run(dir.path(), r);
        PhasePanel panel;
        panel.resize(1500, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QString error;
        QVERIFY2(panel.openGrid(dir.path(), &error), qPrintable(error));
        QCOMPARE(panel.results().size(), std::size_t{3});
        QCOMPARE(panel.diagram().share[static_cast<std::size_t>(Outcome::Converged)][0][0], 0.7);
        const QImage wide = panel.image();
        QVERIFY(!wide.isNull());
        QCOMPARE(panel.mapsShownPerRow(), kPhaseMaps);  // 1500 px hold all five in a row
        // Narrow: the maps wrap into rows, and the image still fits, nothing cut.
        panel.resize(420, 700);
        QTRY_VERIFY(panel.mapsShownPerRow() < kPhaseMaps);
        const QImage narrow = panel.image();
        const int rows = (kPhaseMaps + panel.mapsShownPerRow() - 1) / panel.mapsShownPerRow();
        QVERIFY2(narrow.height() >= rows * (wide.height() - 16), "the maps stacked");
        QVERIFY(narrow.width() <= panel.width());
        QCOMPARE(panel.findChild<ImageView*>()->sizeHint().height(), narrow.height());  // 1:1, no blank margin
        QCOMPARE(wide.width() - 8, kPhaseMaps * (narrow.width() - 8) / panel.mapsShownPerRow());
        // A folder without finished runs is named in the message; the diagram shown stays.
        QTemporaryDir empty;
        QVERIFY(QDir().mkpath(empty.filePath("runs")));
        QVERIFY(!panel.openGrid(empty.path(), &error));
        QVERIFY2(error.contains(empty.path()) && error.contains("no finished runs"), qPrintable(error));
        QCOMPARE(panel.results().size(), std::size_t{3});
        // A results.csv (of runs whose folders are gone): the same diagram.
        GridSpec g;
        g.axes = {{"level", {"0.3", "0.7"}}, {"walkback", {"1", "3"}}};
        std::vector<RunResult> two = three_runs();
        two.pop_back();
        const QString csv = empty.filePath("results.csv");
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(results_csv(g, two)));
        f.close();
        QVERIFY2(panel.openGrid(csv, &error), qPrintable(error));
        QCOMPARE(panel.results().size(), std::size_t{2});
        QCOMPARE(panel.diagram().share[static_cast<std::size_t>(Outcome::Converged)][0][0], 0.7);
        QCOMPARE(panel.diagram().xs, (std::vector<double>{0.3}));
        QVERIFY(!panel.openGrid(empty.filePath("nothing.csv"), &error));
        QVERIFY2(error.contains("nothing.csv"), qPrintable(error));
        QCOMPARE(panel.results().size(), std::size_t{2});
    }

    void theTabComputesAGridInTheBackground() {
        // 1,500 of the 10,000 digits (1,200 train, 300 held out): the judge trains on them too, and
        // under ASan the whole set took most of the wait below.
        const DataSource all = load_data_source("mnist-10k");
        auto data = std::make_shared<const DataSource>(
            DataSource{all.pool.head(1500), std::nullopt, SplitSpec::held_out_fifth(1500)});
        PhasePanel panel;
        panel.setData("mnist-10k", data);
        TrainingConfig base = TrainingConfig::bahdanau2014();
        base.model.hidden = 8;
        panel.setBaseConfig(base);
        QSignalSpy finished(&panel, &PhasePanel::finished);
        QVERIFY(panel.compute({0.5}, {1, 2}, 1));
        QVERIFY(panel.running());
        QVERIFY(finished.wait(240000));
        QCOMPARE(panel.results().size(), std::size_t{2});
        const PhaseDiagram& d = panel.diagram();
        QCOMPARE(d.xs, (std::vector<double>{0.5}));
        QCOMPARE(d.ys, (std::vector<double>{1, 2}));
        for (int k = 0; k < 2; ++k) {  // every held-out digit has one outcome: the shares add up to 1
            double sum = 0;
            for (const auto& share : d.share)
                sum += share[static_cast<std::size_t>(k)][0];
            QVERIFY2(std::abs(sum - 1) < 1e-9, qPrintable(QString::number(sum)));
        }
        QVERIFY(!panel.image().isNull());
        QVERIFY2(panel.statusText().startsWith("All 2 runs"), qPrintable(panel.statusText()));
        // Cancelled mid-grid, the status says so (it said "Training and iterating 2 DAEs…" forever).
        QVERIFY(panel.compute({0.3}, {1, 2}, 1));
        panel.cancel();
        QVERIFY2(panel.statusText().startsWith("Cancelled after"), qPrintable(panel.statusText()));
        QVERIFY(finished.wait(240000));
        QVERIFY(panel.statusText().startsWith("Cancelled after"));
        QSignalSpy messages(&panel, &PhasePanel::message);
        QVERIFY(!panel.compute({}, {1}, 1));  // an empty axis is refused, with a message
        QCOMPARE(messages.count(), 1);
    }
};

QTEST_MAIN(TestPhaseDiagram)
#include "tst_phase_diagram.moc"
