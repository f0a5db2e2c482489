// The attractor census over training: its CSV round-trips and names the line of a bad row; the
// basin tracks follow the attractors largest at the end back over the epochs; a census log
// resumed from a checkpoint writes the file an uninterrupted run writes (and says so when it
// cannot carry the ids on); daelab-cli train --census does that end to end, and plot census draws it.
#include "corner_cube.h"
#include "dae/census_log.h"
#include "dae/error.h"
#include "process_run.h"

#include <QColor>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace dae;

namespace {

QString read_all(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

using Run = ProcessRun;
Run cli(const QStringList& args, const QString& dir) { return run_process(QStringLiteral(DAELAB_CLI), args, dir); }

}  // namespace

class TestCensusHistory : public QObject {
    Q_OBJECT
private slots:
    void theCsvRoundTripsAndNamesABadLine() {
        CensusEpoch e;
        e.epoch = 7;
        for (Index size : {5, 2}) {
            Attractor a;
            a.basin.resize(static_cast<std::size_t>(size));
            a.labels = {size - 2, size};
            a.judged = 1;
            a.confidence = 0.25f;
            a.radius = 0.875;
            a.explosion = size == 2;
            e.census.attractors.push_back(a);
        }
        e.id = {3, 9};
        e.parent = {3, -1};
        const std::string text = census_csv_header() + census_csv_rows(e);
        const std::vector<CensusRow> rows = parse_census_csv(text, "c.csv");
        QCOMPARE(rows.size(), std::size_t{2});
        QCOMPARE(rows[1].epoch, 7);
        QCOMPARE(rows[1].id, Index{9});
        QCOMPARE(rows[1].parent, Index{-1});
        QCOMPARE(rows[1].basin, Index{2});
        QCOMPARE(rows[1].judged, 1);
        QCOMPARE(rows[1].confidence, 0.25);
        QCOMPARE(rows[1].majority, 1);
        QCOMPARE(rows[1].radius, 0.875);
        QVERIFY(rows[1].explosion && !rows[0].explosion);
        QCOMPARE(rows[0].majority, 1);  // labels {3, 5}

        auto error_of = [](const std::string& t) {
            try {
                parse_census_csv(t, "c.csv");
            } catch (const Error& x) {
                return std::string(x.what());
            }
            return std::string();
        };
        QVERIFY(error_of("epoch,id\n1,2\n").find("c.csv: not an attractor census CSV") != std::string::npos);
        const std::string bad = error_of(census_csv_header() + census_csv_rows(e) + "8,1,-1,4,2\n");
        QVERIFY2(bad.find("c.csv, line 4") != std::string::npos, bad.c_str());
        QVERIFY(bad.find("5 fields, 9 expected") != std::string::npos);
        QVERIFY(error_of(census_csv_header() + "8,1,-1,4,2,0.5,1,0.9,2\n") ==
                "c.csv, line 2: explosion '2' must be 0 or 1");
        QVERIFY(error_of(census_csv_header() + "8,1,-1,4,2,0.5,1,0.9,1 x\n") ==
                "c.csv, line 2: explosion '1 x' is not a number");
        QVERIFY(error_of(census_csv_header() + "8,1,-1,0,2,0.5,1,0.9,1\n").find("basin '0' must be a whole number") !=
                std::string::npos);
        QVERIFY(error_of(census_csv_header() + "8,1,-1,4,2,0.5,1,0.9,1\n8,1,-1,3,2,0.5,1,0.9,1\n") ==
                "c.csv, line 3: attractor 1 appears twice at epoch 8");
        QCOMPARE(parse_census_csv(census_csv_header() + "8,1,-1,4,2,0.5,1,nan,0\n", "c.csv").size(), std::size_t{1});
        QVERIFY(error_of(census_csv_header() + census_csv_rows(e)).empty());
        QVERIFY_THROWS_EXCEPTION(Error, read_census_csv("/nonexistent/census.csv"));
    }

    void tracksFollowTheLargestAtTheLastEpochBack() {
        // Epochs 2, 5, 9 (a thinned history); id 4 appears at 5, id 1 ends smaller than id 4.
        auto row = [](int epoch, Index id, Index basin) {
            CensusRow r;
            r.epoch = epoch;
            r.id = id;
            r.basin = basin;
            return r;
        };
        const std::vector<CensusRow> rows{row(9, 1, 10), row(2, 0, 50), row(2, 1, 30), row(5, 0, 40), row(5, 4, 25),
                                          row(5, 1, 15), row(9, 0, 35), row(9, 4, 30), row(9, 7, 5)};
        const BasinTracks t = basin_tracks(rows, 3);
        QCOMPARE(t.epochs, (std::vector<int>{2, 5, 9}));
        QCOMPARE(t.ids, (std::vector<Index>{0, 4, 1}));  // by basin at epoch 9: 35, 30, 10
        QCOMPARE(t.sizes[0], (std::vector<Index>{50, 40, 35}));
        QCOMPARE(t.sizes[1], (std::vector<Index>{0, 25, 30}));  // not there at epoch 2
        QCOMPARE(t.sizes[2], (std::vector<Index>{30, 15, 10}));
        QCOMPARE(basin_tracks(rows, 10).ids.size(), std::size_t{4});
        QVERIFY(basin_tracks({}, 3).ids.empty());
        // An epoch whose census found no attractor (no rows) still has its place, at 0.
        const BasinTracks gap = basin_tracks(rows, 1, {4});
        QCOMPARE(gap.epochs, (std::vector<int>{2, 4, 5, 9}));
        QCOMPARE(gap.sizes[0], (std::vector<Index>{50, 0, 40, 35}));
    }

    void aResumedLogWritesWhatAnUninterruptedOneWrites() {
        QTemporaryDir dir;
        const std::string whole = (dir.path() + "/whole.csv").toStdString(),
                          cut = (dir.path() + "/cut.csv").toStdString();
        const Autoencoder m = binarizer(4);
        CensusConfig c;
        c.spectral_for = 1;
        {
            CensusLog log(whole, two_corners(), Judge(), c);
            const CensusEpoch& first = log.append(1, m);
            QCOMPARE(first.id, (std::vector<Index>{0, 1}));
            QCOMPARE(first.parent, (std::vector<Index>{-1, -1}));
            const CensusEpoch& second = log.append(2, m);
            QCOMPARE(second.id, (std::vector<Index>{0, 1}));  // the same two corners
            QCOMPARE(second.parent, (std::vector<Index>{0, 1}));
            log.append(3, m);
        }
        {
            CensusLog log(cut, two_corners(), Judge(), c);
            log.append(1, m);
            log.append(2, m);
        }
        {
            // Killed after epoch 2's row and before its checkpoint: the checkpoint is epoch 1's.
            CensusLog log(cut, two_corners(), Judge(), c, true);
            log.resume(1, &m);
            QCOMPARE(QString::fromStdString(log.text()).count('\n'), 3);  // header + epoch 1's two rows
            log.append(2, m);
            log.append(3, m);
        }
        QCOMPARE(read_all(QString::fromStdString(cut)), read_all(QString::fromStdString(whole)));
        QCOMPARE(read_census_csv(whole).size(), std::size_t{6});

        // A file whose rows for the epoch are not this model's census (another run's): an error that
        // names the file, and the file as it was; likewise a file without rows for the epoch.
        const QString other = dir.path() + "/other.csv";
        const std::string foreign =
            census_csv_header() + "1,5,-1,6,-1,0,0,-1,0\n1,2,-1,1,-1,0,1,-1,0\n2,5,5,7,-1,0,0,-1,0\n";
        auto write = [&](const std::string& text) {
            QFile f(other);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text.c_str());
        };
        auto refused = [&](int epoch, const char* why) {
            CensusLog log(other.toStdString(), two_corners(), Judge(), c, true);
            try {
                log.resume(epoch, &m);
            } catch (const Error& e) {
                const std::string what = e.what();
                return what.find(other.toStdString()) == 0 && what.find(why) != std::string::npos;
            }
            return false;
        };
        write(foreign);
        QVERIFY(refused(1, "attractor 5 of epoch 1 is not the checkpoint's model's (basin 6 vs 4)"));
        QCOMPARE(read_all(other).toStdString(), foreign);
        QVERIFY(refused(3, "no census rows for epoch 3"));
        QCOMPARE(read_all(other).toStdString(), foreign);
        write(census_csv_header() + "1,0,-1,7,-1,0,0,-1,0\n");
        QVERIFY(refused(1, "epoch 1 has 1 attractors, the checkpoint's model 2"));
        write(census_csv_header() + "1,0,-1,4,-1,0,0,-1,0\n1,1,-1,3,-1,0,0,-1,0\n");  // labels 1 for the second
        QVERIFY(refused(1, "attractor 1 of epoch 1 is not"));

        // A checkpoint taken mid-epoch: the rows up to it stay, the attractors get new ids.
        write(foreign);
        CensusLog log(other.toStdString(), two_corners(), Judge(), c, true);
        log.resume(1, nullptr);
        const CensusEpoch& next = log.append(2, m);
        QCOMPARE(next.id, (std::vector<Index>{6, 7}));
        QCOMPARE(next.parent, (std::vector<Index>{-1, -1}));
        QCOMPARE(read_census_csv(other.toStdString()).size(), std::size_t{4});  // epoch 1's two, epoch 2's two
    }

    void trainWritesTheCensusAndResumesItAndPlotDrawsIt() {
        QTemporaryDir dir;
        const QStringList common{
            "train",     "-d",       "mnist-10k", "--train-samples", "2000", "--validation-samples",
            "300",       "--hidden", "100",       "--census-probe",  "150",  "-q",
            "--threads", "1"};
        const Run whole =
            cli(common + QStringList{"--epochs", "8", "--census", "whole.csv", "-o", "whole.dae"}, dir.path());
        QVERIFY2(whole.code == 0, qPrintable(whole.err));
        const std::vector<CensusRow> rows = read_census_csv((dir.path() + "/whole.csv").toStdString());
        QCOMPARE(rows.front().epoch, 1);
        QCOMPARE(rows.back().epoch, 8);
        const BasinTracks t = basin_tracks(rows, 8);
        QVERIFY2(t.ids.size() >= 3, "a model of 8 epochs has several attractors on 150 digits");
        bool split = false;  // an attractor that descends from another under its own id
        for (const CensusRow& r : rows)
            split = split || (r.parent >= 0 && r.parent != r.id);
        QVERIFY(split);

        // A checkpoint every 2 epochs and 5 epochs: the file holds epoch 5's rows, the checkpoint
        // epoch 4's, as after a kill between the two.
        const Run part = cli(common + QStringList{"--epochs", "5", "--census", "cut.csv", "-o", "cut.dae",
                                                  "--checkpoint", "cut.ckpt", "--checkpoint-every", "2"},
                             dir.path());
        QVERIFY2(part.code == 0, qPrintable(part.err));
        QVERIFY(read_all(dir.path() + "/cut.csv").contains("\n5,"));
        const Run resumed = cli({"train", "--resume", "cut.ckpt", "--epochs", "8", "--census", "cut.csv",
                                 "--census-probe", "150", "-o", "cut.dae", "-q", "--threads", "1"},
                                dir.path());
        QVERIFY2(resumed.code == 0, qPrintable(resumed.err));
        QVERIFY2(!resumed.err.contains("warning"), qPrintable(resumed.err));
        QCOMPARE(read_all(dir.path() + "/cut.csv"), read_all(dir.path() + "/whole.csv"));

        const Run plot = cli({"plot", "census", "whole.csv", "-o", "census.png", "--top", "3"}, dir.path());
        QVERIFY2(plot.code == 0, qPrintable(plot.err));
        QVERIFY(plot.out.contains("3 attractors followed over 8 epochs"));
        const QImage png(dir.path() + "/census.png");
        QCOMPARE(png.size(), QSize(760 + 2 * 8, 2 * 400 + 3 * 8));  // two panels, one above the other
        QVERIFY2(plot.out.contains(QRegularExpression("epoch 8: \\d+ attractors for 150 settled inputs")),
                 qPrintable(plot.out));
        // The three tracks are drawn in the palette's first three colours; the first, there at all
        // 8 epochs, is a line across the plot (its 8 dots alone are ~100 pixels).
        for (const char* colour : {"#1565c0", "#c62828", "#2e7d32"}) {
            const QColor want(colour);
            int n = 0;
            for (int y = 416 + 30; y < 416 + 352; ++y)  // the lower panel: the tracks
                for (int x = 8 + 58; x < 8 + 744; ++x) {
                    const QColor p = png.pixelColor(x, y);
                    n += std::abs(p.red() - want.red()) + std::abs(p.green() - want.green()) +
                             std::abs(p.blue() - want.blue()) <
                         30;
                }
            QVERIFY2(n > (colour[1] == '1' ? 400 : 40), qPrintable(QStringLiteral("%1: %2 pixels").arg(colour).arg(n)));
        }
        // Another run's census file is refused before any training, and left as it was.
        QFile foreign(dir.path() + "/foreign.csv");
        QVERIFY(foreign.open(QIODevice::WriteOnly));
        foreign.write("epoch,id,parent,basin,judged_class,confidence,majority_label,spectral_radius,explosion\n"
                      "8,0,-1,150,3,0.9,3,0.5,0\n");
        foreign.close();
        const QString before = read_all(dir.path() + "/foreign.csv");
        const Run refused = cli({"train", "--resume", "cut.ckpt", "--epochs", "9", "--census", "foreign.csv",
                                 "--census-probe", "150", "-o", "other.dae", "-q", "--threads", "1"},
                                dir.path());
        QVERIFY(refused.code != 0);
        QVERIFY2(refused.err.contains("foreign.csv: epoch 8 has 1 attractors"), qPrintable(refused.err));
        QCOMPARE(read_all(dir.path() + "/foreign.csv"), before);
        QVERIFY(!QFile::exists(dir.path() + "/other.dae"));

        const Run bad = cli({"plot", "census", "whole.dae", "-o", "x.png"}, dir.path());
        QVERIFY(bad.code != 0);
        QVERIFY2(bad.err.contains("whole.dae: not an attractor census CSV"), qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(TestCensusHistory)
#include "tst_census_history.moc"
