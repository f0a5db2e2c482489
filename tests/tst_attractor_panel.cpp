// The Attractors tab (AttractorPanel): its table is the core's census of the first test digits
// (row by row: basin, judged class, labels, stability), a click shows the selected basin's inputs,
// "over training" follows the attractors over epoch snapshots and draws the basin tracks of the
// core's basin_tracks(), its CSV export is a census CSV that daelab-cli plot census reads, and a
// cancelled job says so.
#include "dynamics_fixture.h"
#include "experiments/attractor_panel.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace dae;
using namespace dae::ui;

namespace {

void prepare(AttractorPanel& panel, const Autoencoder& model) {
    panel.setData(fixture().data.test);
    panel.setJudge(fixture().judge);
    panel.setModel(model);
}

// The fixture's training run stopped after 1, 2 and 3 epochs (the same seed: one run's snapshots).
std::vector<std::pair<int, Autoencoder>> snapshots() {
    std::vector<std::pair<int, Autoencoder>> s;
    for (int epochs = 1; epochs <= 3; ++epochs) {
        TrainingConfig c;
        c.model.hidden = 64;
        c.epochs = epochs;
        Trainer t(c, fixture().data.train.samples);
        t.run();
        s.emplace_back(epochs, t.model());
    }
    return s;
}

QString bar_text(const AttractorPanel& panel) { return panel.findChild<QProgressBar*>()->format(); }

}  // namespace

class TestAttractorPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    void theTableIsTheCoresCensus() {
        AttractorPanel panel;
        prepare(panel, fixture().model);
        QSignalSpy finished(&panel, &AttractorPanel::finished);
        QVERIFY(panel.computeCensus(200));
        QVERIFY(finished.wait(60000));
        const Census expected =
            attractor_census(fixture().model, fixture().data.test.head(200), fixture().judge, CensusConfig{});
        const Census& c = panel.census();
        QCOMPARE(c.attractors.size(), expected.attractors.size());
        QVERIFY(!c.attractors.empty());
        Index settled = 0;
        for (const Attractor& a : c.attractors)
            settled += static_cast<Index>(a.basin.size());
        QCOMPARE(settled + c.unsettled, Index{200});
        QTableWidget* t = panel.table();
        QVERIFY(t->rowCount() > 0 && t->rowCount() <= static_cast<int>(c.attractors.size()));
        for (int r = 0; r < t->rowCount(); ++r) {
            const Attractor& a = expected.attractors[static_cast<std::size_t>(r)];
            QCOMPARE(t->item(r, 1)->text(), QString::number(a.basin.size()));
            QVERIFY(t->item(r, 2)->text().startsWith(QString::number(a.judged) + " ("));
            QCOMPARE(t->item(r, 3)->text(), QString::number(a.majority_label()));
            const char* kind = a.explosion ? "explosion" : a.confidence < 0.6f ? "stain" : "digit";
            QVERIFY2(t->item(r, 5)->text().startsWith(QLatin1String(kind)), qPrintable(t->item(r, 5)->text()));
        }
        QCOMPARE(bar_text(panel), QStringLiteral("done"));

        // The selected attractor's basin: one 28×28 tile per input (at most 50), 10 a row.
        const auto last = static_cast<int>(c.attractors.size()) - 1;
        panel.showBasin(last);
        const QImage one = panel.basinImage();
        panel.showBasin(0);
        const QImage first = panel.basinImage();
        const auto n0 = static_cast<int>(std::min<std::size_t>(50, c.attractors[0].basin.size()));
        const auto n1 = static_cast<int>(std::min<std::size_t>(50, c.attractors.back().basin.size()));
        QVERIFY(first.height() >= 28 * ((n0 + 9) / 10));
        QVERIFY(first.width() >= 28 * std::min(n0, 10));
        if ((n0 + 9) / 10 != (n1 + 9) / 10 || std::min(n0, 10) != std::min(n1, 10)) QVERIFY(first.size() != one.size());
    }

    void overTrainingDrawsTheBasinTracksAndExportsThem() {
        AttractorPanel panel;
        prepare(panel, fixture().model);
        QSignalSpy finished(&panel, &AttractorPanel::finished);
        QVERIFY(panel.computeHistory(snapshots(), 150));
        QVERIFY(finished.wait(120000));
        const std::vector<CensusEpoch>& h = panel.history();
        QCOMPARE(h.size(), std::size_t{3});
        QCOMPARE(h.front().epoch, 1);
        QCOMPARE(h.back().epoch, 3);
        std::vector<CensusRow> rows;
        for (const CensusEpoch& e : h)
            for (const CensusRow& r : census_rows(e))
                rows.push_back(r);
        const BasinTracks tracks = basin_tracks(rows, 8);
        auto* chart = panel.findChild<QChartView*>();
        QVERIFY(chart);
        const QList<QAbstractSeries*> series = chart->chart()->series();
        QCOMPARE(series.size(), static_cast<qsizetype>(tracks.ids.size()));
        for (qsizetype i = 0; i < series.size(); ++i) {
            const auto* line = qobject_cast<QLineSeries*>(series[i]);
            QVERIFY(line);
            QCOMPARE(line->count(), 3);
            for (int e = 0; e < 3; ++e) {
                QCOMPARE(line->at(e).x(), static_cast<double>(tracks.epochs[static_cast<std::size_t>(e)]));
                QCOMPARE(line->at(e).y(),
                         static_cast<double>(tracks.sizes[static_cast<std::size_t>(i)][static_cast<std::size_t>(e)]));
            }
        }
        QCOMPARE(chart->chart()->title(), QStringLiteral("Basin sizes by epoch"));

        QTemporaryDir dir;
        const QString csv = dir.filePath("history.csv");
        QString error;
        QVERIFY2(panel.writeCsv(csv, &error), qPrintable(error));
        const std::vector<CensusRow> read = read_census_csv(csv.toStdString());
        QCOMPARE(read.size(), rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(read[i].epoch, rows[i].epoch);
            QCOMPARE(read[i].id, rows[i].id);
            QCOMPARE(read[i].parent, rows[i].parent);
            QCOMPARE(read[i].basin, rows[i].basin);
        }
    }

    void aCancelledCensusSaysSo() {
        AttractorPanel panel;
        prepare(panel, fixture().model);
        QSignalSpy finished(&panel, &AttractorPanel::finished);
        QVERIFY(panel.computeCensus(5000));
        panel.cancel();
        QVERIFY(finished.wait(60000));
        QCOMPARE(bar_text(panel), QStringLiteral("cancelled"));
    }
};

QTEST_MAIN(TestAttractorPanel)
#include "tst_attractor_panel.moc"
