// daelab-cli end to end: datasets/info print what the core computes; train writes a loadable model,
// CSV curves and an .npz, bit-identically for the same seed; bad settings fail with a message.
#include "dae/model_io.h"
#include "process_run.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QSize>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = ProcessRun;
Run cli(const QStringList& args, const QString& dir = {},
        const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    return run_process(QStringLiteral(DAELAB_CLI), args, dir, env);
}

// Width and height from a PNG's IHDR chunk (bytes 16 … 23, big-endian).
QSize png_size(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray h = f.read(24);
    if (h.size() < 24 || !h.startsWith("\x89PNG")) return {};
    auto be = [&](int at) {
        return (static_cast<unsigned char>(h[at]) << 24) | (static_cast<unsigned char>(h[at + 1]) << 16) |
               (static_cast<unsigned char>(h[at + 2]) << 8) | static_cast<unsigned char>(h[at + 3]);
    };
    return {be(16), be(20)};
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void datasetsAndInfo() {
        const Run d = cli({"datasets"});
        QCOMPARE(d.code, 0);
        QVERIFY2(d.out.contains(QRegularExpression("mnist\\s+60000\\s+10000\\s+28x28\\s+ready")), qPrintable(d.out));
        QVERIFY(d.out.contains(QRegularExpression("mnist-10k\\s+10000\\s+none\\s+28x28\\s+ready")));
        const Run full = cli({"info", "mnist"});
        QCOMPARE(full.code, 0);
        // The official split: label 5 has 5421 training and 892 test digits (LeCun's files).
        QVERIFY2(full.out.contains(QRegularExpression("\\n5\\s+5\\s+5421\\s+[0-9.]+%\\s+892")), qPrintable(full.out));
        QVERIFY2(full.out.contains("shuffled: 50000 train, 10000 validation"), qPrintable(full.out));
        const Run i = cli({"info", "mnist-10k"});
        QCOMPARE(i.code, 0);
        QVERIFY2(i.out.contains("81.0 % black") && i.out.contains("7.9 % white"), qPrintable(i.out));
        QVERIFY(i.out.contains(QRegularExpression("\\n5\\s+5\\s+863")));
        const Run bad = cli({"info", "no-such-set"});
        QCOMPARE(bad.code, 1);
        QVERIFY(bad.err.contains("unknown data set 'no-such-set'"));
        QCOMPARE(cli({"frobnicate"}).code, 2);
    }
    void trainWritesModelCurvesAndNpzDeterministically() {
        QTemporaryDir dir;
        const QStringList args{"train", "-d",       "mnist-10k", "--preset",        "vincent", "--hidden",
                               "40",    "--epochs", "2",         "--train-samples", "2000",    "--validation-samples",
                               "500",   "-q"};
        const Run a = cli(args + QStringList{"-o", "a.dae", "--csv", "a.csv", "--npz", "a.npz"}, dir.path());
        QVERIFY2(a.code == 0, qPrintable(a.err));
        const Run b = cli(args + QStringList{"-o", "b.dae"}, dir.path());
        QCOMPARE(b.code, 0);
        QFile fa(dir.filePath("a.dae")), fb(dir.filePath("b.dae"));
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        QCOMPARE(fa.readAll(), fb.readAll());  // same seed ⇒ bit-identical model
        const dae::SavedModel m = dae::load_model(dir.filePath("a.dae").toStdString());
        QCOMPARE(m.model.hidden(), dae::Index{40});
        QVERIFY(m.model.config().tied);
        QVERIFY(m.provenance.settings->corruption.type == dae::CorruptionType::Masking);
        QCOMPARE(m.provenance.epochs_trained, 2);
        QCOMPARE(m.provenance.dataset, std::string("mnist-10k"));
        QCOMPARE(m.provenance.split->validation, dae::Index{500});
        QVERIFY(dae::import_npz(dir.filePath("a.npz").toStdString()) == m.model);
        QFile csv(dir.filePath("a.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("epoch,train_loss,validation_loss,validation_clean_mse"));
        QVERIFY(lines[2].section(',', 2, 2).toDouble() < lines[1].section(',', 2, 2).toDouble());  // val loss falls
    }
    void iterateAndEvaluateAModel() {
        QTemporaryDir dir;
        QCOMPARE(cli({"train", "-d", "mnist-10k", "--hidden", "40", "--epochs", "2", "--train-samples", "2000",
                      "--validation-samples", "300", "-q", "-o", "m.dae"},
                     dir.path())
                     .code,
                 0);
        const Run it = cli({"iterate", "m.dae", "--limit", "100", "--max-steps", "60", "-q", "--csv", "o.csv", "-o",
                            "f.npz", "--sheet", "s"},
                           dir.path());
        QVERIFY2(it.code == 0, qPrintable(it.err));
        QVERIFY2(it.out.contains("held-out: 100 samples"), qPrintable(it.out));
        QFile csv(dir.filePath("o.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 101);  // header + one row per sample
        // The summary's counts are the CSV's counts.
        int not_converged = 0;
        for (const QString& r : rows.mid(1))
            not_converged += r.section(',', 2, 2) == "not-converged";
        QVERIFY(it.out.contains(QRegularExpression(QString("not-converged\\s+%1\\s").arg(not_converged))));
        QVERIFY(QFile::exists(dir.filePath("f.npz")));
        QVERIFY(!QDir(dir.path()).entryList({"s-*.png"}).isEmpty());
        const Run ev = cli({"evaluate", "m.dae", "--max-steps", "30", "-q", "--csv", "t.csv"}, dir.path());
        QVERIFY2(ev.code == 0, qPrintable(ev.err));
        QVERIFY(ev.out.contains("(acc_train, acc_test)") && ev.out.contains("EX_train"));
        QVERIFY(ev.out.contains("held-out: 300 samples"));
        // A model for another image size is refused with both sizes named.
        const Run wrong = cli({"iterate", "m.dae", "--dataset", "spiral", "-q"}, dir.path());
        QCOMPARE(wrong.code, 1);
        QVERIFY2(wrong.err.contains("takes 784 values per sample but 'spiral' has 2"), qPrintable(wrong.err));
    }
    void trainWritesTheOutcomeAtlas() {
        QTemporaryDir dir;
        const Run r =
            cli({"train", "-d", "mnist-10k", "--hidden", "40", "--epochs", "3", "--train-samples", "1000",
                 "--validation-samples", "300", "-q", "-o", "m.dae", "--atlas", "m.atlas.csv", "--atlas-probe", "50"},
                dir.path());
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile csv(dir.filePath("m.atlas.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 4);  // header + one row per epoch
        QVERIFY(rows[0].startsWith("epoch,converged,other-class,stain,explosion,not-converged,cycle,probe"));
        for (int e = 1; e <= 3; ++e) {
            const QStringList v = rows[e].split(',');
            QCOMPARE(v[0].toInt(), e);
            int sum = 0;
            for (int o = 1; o <= 6; ++o)
                sum += v[o].toInt();
            QCOMPARE(sum, 50);  // every probe sample has exactly one outcome
            QCOMPARE(v[7].toInt(), 50);
        }
        // Beside its model, compare draws it (one panel), and the curves over the 1,000 samples an epoch.
        const Run drawn =
            cli({"compare", "m.dae", "--outcomes-png", "o.png", "--x", "samples", "--png", "c.png"}, dir.path());
        QVERIFY2(drawn.code == 0, qPrintable(drawn.err));
        QCOMPARE(png_size(dir.filePath("o.png")), QSize(900, 28 + 190));
        QVERIFY(!png_size(dir.filePath("c.png")).isEmpty());
        QFile::rename(dir.filePath("m.atlas.csv"), dir.filePath("other.csv"));
        const Run none = cli({"compare", "m.dae", "--outcomes-png", "o2.png"}, dir.path());
        QCOMPARE(none.code, 1);
        QVERIFY2(none.err.contains("recorded an outcome atlas") && !QFile::exists(dir.filePath("o2.png")),
                 qPrintable(none.err));
        // A probe larger than the validation split is refused before the judge trains (on the
        // default split that took minutes): its cache folder stays empty.
        QTemporaryDir cache;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DAELAB_CACHE_DIR", cache.path());
        for (const char* probe : {"--atlas-probe", "--census-probe"}) {
            const Run bad = cli({"train", "-d", "mnist-10k", "--epochs", "1", "--validation-samples", "100", "--atlas",
                                 "a.csv", "--census", "c.csv", probe, "500", "-q", "-o", "x.dae"},
                                dir.path(), env);
            QCOMPARE(bad.code, 1);
            QVERIFY2(bad.err.contains(QString(probe) + ": '500' is not a whole number in 1 … 100"),
                     qPrintable(bad.err));
            QVERIFY(QDir(cache.path()).isEmpty());
        }
    }
    void stackedComparesSdaSaaAndMlp() {
        QTemporaryDir dir;
        const Run r = cli({"stacked", "-d", "mnist-10k-bg-rand", "--layers", "50,30", "--pretrain-epochs", "1",
                           "--finetune-epochs", "2", "-q", "--csv", "s.csv", "--filters", "f.png"},
                          dir.path());
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile csv(dir.filePath("s.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 4);
        QVERIFY2(rows[1].startsWith("mnist-10k-bg-rand,SdA,0.25,50-30,1,2,"), qPrintable(rows[1]));
        QVERIFY(rows[2].startsWith("mnist-10k-bg-rand,SAA,0,50-30,1,2,"));
        QVERIFY(rows[3].startsWith("mnist-10k-bg-rand,MLP,0,50-30,0,2,"));
        // The stacked sets follow the data set's split: the held-out fifth halved (1000 + 1000).
        QVERIFY2(r.out.contains("8000 train, 1000 validation, 1000 test"), qPrintable(r.out));
        for (const QString& row : rows.mid(1)) {
            const double test_error = row.section(',', 8, 8).toDouble();
            QVERIFY2(test_error > 0 && test_error < 0.9, qPrintable(row));  // it learned something
        }
        QVERIFY(QFile::exists(dir.filePath("f.png")));
        const Run bad = cli({"stacked", "--layers", "50,0", "-q"}, dir.path());
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains("every layer needs 1 … 100000 units"), qPrintable(bad.err));
        const Run var = cli({"stacked", "-d", "mnist-10k-bg-moon", "-q"}, dir.path());
        QCOMPARE(var.code, 1);
        QVERIFY(var.err.contains("unknown data set 'mnist-10k-bg-moon'"));
    }
    void paperFiguresFromModels() {
        QTemporaryDir dir;
        for (const char* level : {"0.3", "0.5", "0.7"})
            QCOMPARE(cli({"train", "-d", "mnist-10k", "--hidden", "40", "--epochs", "2", "--train-samples", "2000",
                          "--validation-samples", "300", "--level", level, "-q", "-o", QString("m%1.dae").arg(level)},
                         dir.path())
                         .code,
                     0);
        const Run six = cli({"plot", "fig6", "m0.5.dae", "-o", "f6.png", "--fig7", "f7.png", "--max-steps", "30", "-q"},
                            dir.path());
        QVERIFY2(six.code == 0, qPrintable(six.err));
        // 4 rows of 12 tiles of 28 px with 2 px gaps, drawn at 2×; Fig. 7 is three plots side by side.
        QCOMPARE(png_size(dir.filePath("f6.png")), QSize(2 * (2 + 12 * 30), 2 * (2 + 4 * 30)));
        QVERIFY(png_size(dir.filePath("f7.png")).width() > 3 * 400);
        // Every digit listed as read wrong is read as another class than its label.
        const QRegularExpression wrong("wrong\\s+\\d+: (?:test|held-out) digit\\s+\\d+, label (\\d), read as (\\d)");
        int listed = 0;
        for (auto m = wrong.globalMatch(six.out); m.hasNext(); ++listed) {
            const auto w = m.next();
            QVERIFY2(w.captured(1) != w.captured(2), qPrintable(w.captured(0)));
        }
        QVERIFY2(six.out.contains(QString("%1 read wrong").arg(listed)) && listed > 0, qPrintable(six.out));
        const Run four =
            cli({"plot", "fig4", "m0.3.dae", "m0.5.dae", "m0.7.dae", "-o", "f4.png", "--pool", "300"}, dir.path());
        QVERIFY2(four.code == 0, qPrintable(four.err));
        // 6 digits in two groups of three: 6 rows (a model each) of 12 tiles (3 digits × 4 steps).
        QCOMPARE(png_size(dir.filePath("f4.png")), QSize(2 * (2 + 12 * 30), 2 * (2 + 6 * 30)));
        const QRegularExpression digit("\\(label (\\d)\\)");
        QSet<QString> classes;
        for (auto m = digit.globalMatch(four.out); m.hasNext();)
            classes.insert(m.next().captured(1));
        QCOMPARE(classes.size(), 6);  // "they all must represent different classes"
        // Fig. 3: a row per model, each with its own training noise; the digit is the first test 8.
        const Run three = cli({"plot", "fig3", "m0.3.dae", "m0.5.dae", "m0.7.dae", "-o", "f3.png"}, dir.path());
        QVERIFY2(three.code == 0, qPrintable(three.err));
        QVERIFY2(three.out.contains("m0.7.dae: gaussian 0.7") && three.out.contains("(label 8)"),
                 qPrintable(three.out));
        const QSize f3 = png_size(dir.filePath("f3.png"));  // two images (4 and 3 tiles) a row, drawn at 3×
        QVERIFY2(f3.width() > 3 * 7 * 28 && f3.height() >= 3 * 3 * 28,
                 qPrintable(QString("%1 × %2").arg(f3.width()).arg(f3.height())));
        QCOMPARE(cli({"plot", "fig3", "m0.3.dae", "m0.5.dae", "-o", "x.png"}, dir.path()).code, 1);
        const Run two = cli({"plot", "fig4", "m0.3.dae", "m0.5.dae", "-o", "x.png"}, dir.path());
        QCOMPARE(two.code, 1);
        QVERIFY2(two.err.contains("three models"), qPrintable(two.err));
    }
    void compareListsRunsSideBySide() {
        QTemporaryDir dir;
        const QString csv = dir.filePath("t.csv"), png = dir.filePath("c.png");
        const QString table1a = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../docs/experiments/table1a-results.csv");
        const Run r = cli({"compare", table1a, "--group", "--csv", csv, "--filter", "walkback=1"});
        QCOMPARE(r.code, 0);
        // k = 1 at three levels, seeds as mean ± sd: 0.803 ± 0.026 at σ = 0.5 (seeds 0.7747, 0.8102, 0.8254).
        QVERIFY2(r.out.contains("| 1, 2, 3 | 0.5 | 3 | ") && r.out.contains("0.803 ± 0.026"), qPrintable(r.out));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 4);  // the header and σ = 0.3, 0.5, 0.7
        QVERIFY2(lines[0].startsWith("seeds,level,runs,"), qPrintable(lines[0]));
        // Runs without their folders have no curves to draw; a path that is nothing is named.
        const Run no_curves = cli({"compare", table1a, "--png", png});
        QCOMPARE(no_curves.code, 1);
        QVERIFY2(no_curves.err.contains("none of these runs has learning curves"), qPrintable(no_curves.err));
        QVERIFY(!QFile::exists(png));
        const Run bad = cli({"compare", dir.filePath("nothing")});
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains(dir.filePath("nothing") + ": no such grid folder"), qPrintable(bad.err));
        QCOMPARE(cli({"compare", table1a, "--curve", "loss"}).code, 1);
    }

    void badSettingsFailBeforeTraining() {
        QTemporaryDir dir;
        const Run r = cli({"train", "--walkback", "0", "-o", "x.dae"}, dir.path());
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("Walkback steps k must be 1 … 100 (got 0)"));
        QVERIFY(!QFile::exists(dir.filePath("x.dae")));
    }
};

QTEST_APPLESS_MAIN(TestCli)
#include "tst_cli.moc"
