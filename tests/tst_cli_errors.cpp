// daelab-cli and daelab on bad input: a wrong flag, a bad value, an unreadable file or an
// unwritable output ends every command with a non-zero exit code and one line naming the problem,
// before any work starts. And the regression tests of the faults a new user hit: outputs checked
// only after training, --resume ignoring --epochs, IDX files by path with --subset all, and the GUI
// aborting without a display.
#include "dae/default_data.h"
#include "dae/idx.h"
#include "process_run.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = ProcessRun;
Run run(const QString& program, const QStringList& args, const QString& dir,
        const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    return run_process(program, args, dir, env);
}

// One line on stderr, naming `what`, and a non-zero exit code (`code` when given).
void expect_one_line(const Run& r, const QString& what, int code = -1) {
    const QString line = r.err.trimmed();
    QVERIFY2(r.code != 0 && (code < 0 || r.code == code), qPrintable(QString::number(r.code) + " " + r.err));
    QVERIFY2(!line.isEmpty() && !line.contains('\n'), qPrintable("not one line: " + r.err));
    QVERIFY2(line.contains(what), qPrintable(line + "\n  does not name: " + what));
}

}  // namespace

class TestCliErrors : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Run cli(const QStringList& args) { return run(DAELAB_CLI, args, m_dir.path()); }
    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase() {
        // A small model, an IDX pair, garbage files, and a plain file to use as a "folder".
        const Run t = cli({"train", "-d", "mnist-10k", "--hidden", "10", "--epochs", "1", "--train-samples", "500",
                           "--validation-samples", "100", "-q", "-o", "m.dae", "--checkpoint", "m.ckpt"});
        QVERIFY2(t.code == 0, qPrintable(t.err));
        const dae::Dataset d = dae::load_default_mnist();
        dae::IdxArray images{{300, 28, 28}, {}}, labels{{300}, {}};  // the first 300 embedded digits
        for (dae::Index i = 0; i < 300; ++i) {
            for (dae::Index k = 0; k < 784; ++k)
                images.data.push_back(static_cast<std::uint8_t>(d.samples(k, i) * 255 + 0.5));
            labels.data.push_back(static_cast<std::uint8_t>(d.labels[static_cast<std::size_t>(i)]));
        }
        dae::write_idx(path("img.idx").toStdString(), images);
        dae::write_idx(path("lab.idx").toStdString(), labels);
        QFile grid(path("grid.json"));
        QVERIFY(grid.open(QIODevice::WriteOnly));
        grid.write("{\"dataset\": \"mnist-10k\", \"settings\": {\"epochs\": 1, \"hidden\": 5}, \"seeds\": [1]}");
        grid.close();
        for (const char* name : {"garbage.dae", "garbage.ckpt", "garbage.json", "plain"}) {
            QFile f(path(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not what you think it is\n");
        }
    }

    void aWrongFlagIsAUsageError_data() {
        QTest::addColumn<QString>("command");
        for (const char* c : {"datasets", "info", "train", "iterate", "evaluate", "stability", "sweep", "stacked",
                              "svm", "run", "grid", "chain", "attractors", "plot"})
            QTest::newRow(c) << QString(c);
    }
    void aWrongFlagIsAUsageError() {
        QFETCH(QString, command);
        expect_one_line(cli({command, "--frobnicate"}), "daelab-cli " + command + ": Unknown option 'frobnicate'", 2);
    }
    void aMissingValueOrCommandIsAUsageError() {
        expect_one_line(cli({"train", "--epochs"}), "Missing value after '--epochs'", 2);
        QCOMPARE(cli({"frobnicate"}).code, 2);
    }

    // Every value is checked, and the message names the flag and what it accepts.
    void aBadValueIsNamed_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, QStringList args, const char* expected) {
            QTest::newRow(name) << args << QString(expected);
        };
        row("train: epochs not a number", {"train", "--epochs", "many", "-o", "x.dae"}, "epochs");
        row("train: absurd level", {"train", "--level", "1e9", "-o", "x.dae"}, "σ must be in [0, 5] (got 1e+09)");
        row("train: k = 0", {"train", "--walkback", "0", "-o", "x.dae"}, "Walkback steps k must be 1 … 100 (got 0)");
        row("train: unknown data set", {"train", "-d", "mnist-11k", "-o", "x.dae"}, "unknown data set 'mnist-11k'");
        row("train: unknown preset", {"train", "--preset", "lecun", "-o", "x.dae"}, "--preset: 'lecun'");
        row("iterate: steps", {"iterate", "m.dae", "--max-steps", "-3"},
            "option 'max-steps': Step cap must be 1 … 10000000 (got -3)");
        row("iterate: subset", {"iterate", "m.dae", "--subset", "some"}, "--subset");
        row("evaluate: threads", {"evaluate", "m.dae", "--threads", "two"}, "--threads: 'two'");
        row("evaluate: classifier epochs", {"evaluate", "m.dae", "--classifier-epochs", "0"},
            "option 'classifier-epochs': Classifier epochs must be 1 … 10000 (got 0)");
        row("evaluate: classifier l2", {"evaluate", "m.dae", "--classifier-l2", "nan"},
            "option 'classifier-l2': Classifier decay must be [0, 1] (got nan)");
        row("chain: steps", {"chain", "m.dae", "--steps", "0"}, "--steps");
        row("attractors: distance", {"attractors", "m.dae", "--distance", "near"}, "--distance");
        row("sweep: levels", {"sweep", "--levels", "0.1,lots", "-o", "sw"}, "--levels: 'lots'");
        row("stacked: noise", {"stacked", "--noise", "2"}, "--noise: '2' is not a number in [0, 1]");
        row("stacked: epochs", {"stacked", "--pretrain-epochs", "1e12"}, "--pretrain-epochs: '1e12'");
        row("svm: kernel", {"svm", "--kernel", "linear"}, "--kernel: 'linear' is not rbf or poly");
        row("svm: C", {"svm", "--C", "1,0"}, "--C: '0' is not a positive number");
        row("svm: gamma", {"svm", "--gamma", "wide"}, "--gamma: 'wide' is not a positive number");
        row("svm: degree", {"svm", "--kernel", "poly", "--degree", "40"}, "degree");
        row("plot: kind", {"plot", "fig9", "x", "-o", "p.png"}, "fig9");
        row("plot: model figure not first", {"plot", "-o", "p.png", "fig6", "m.dae"}, "with the figure first");
        row("plot: fig7 of fig4", {"plot", "fig4", "a.dae", "b.dae", "c.dae", "-o", "p.png", "--fig7", "q.png"},
            "--fig7 goes with fig6");
        row("plot: one file twice", {"plot", "fig6", "m.dae", "-o", "p.png", "--fig7", "p.png"},
            "--fig7 and --out name the same file");
        row("stability: digit", {"stability", "m.dae", "--index", "-1"}, "--index");
    }
    void aBadValueIsNamed() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = cli(args);
        expect_one_line(r, expected);
        QVERIFY(!r.err.contains("training 784"));  // nothing started
    }

    void anUnreadableFileIsNamed_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing model") << QStringList{"iterate", "no-such.dae"} << "no-such.dae: cannot open";
        QTest::newRow("garbage model") << QStringList{"evaluate", "garbage.dae"} << "garbage.dae: ";
        QTest::newRow("garbage checkpoint")
            << QStringList{"train", "--resume", "garbage.ckpt", "-o", "x.dae"} << "garbage.ckpt: ";
        QTest::newRow("missing config") << QStringList{"train", "--config", "none.json", "-o", "x.dae"}
                                        << "none.json: cannot open";
        QTest::newRow("garbage config") << QStringList{"train", "--config", "garbage.json", "-o", "x.dae"}
                                        << "garbage.json: not valid JSON";
        QTest::newRow("garbage grid") << QStringList{"grid", "garbage.json", "-o", "g"}
                                      << "garbage.json: not valid JSON";
        QTest::newRow("garbage run spec") << QStringList{"run", "r", "--spec", "garbage.json"} << "garbage.json: ";
        QTest::newRow("missing IDX") << QStringList{"info", "none-images,none-labels"} << "none-images";
        QTest::newRow("IDX images as labels") << QStringList{"info", "img.idx,img.idx"} << "img.idx";
        QTest::newRow("a folder as a model") << QStringList{"iterate", "."} << "is a folder";
    }
    void anUnreadableFileIsNamed() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        expect_one_line(cli(args), expected);
    }

    // Regression: `train -o /no/such/dir/m.dae` trained the whole run and then could not save it.
    // Every output is checked before any work starts (under a plain file, no folder can be made,
    // not even by root).
    void anUnwritableOutputFailsBeforeAnyWork_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("file");
        const QStringList train{"train", "-d", "mnist-10k", "--epochs", "1000000", "-o", "ok.dae"};
        auto row = [](const char* name, QStringList args, const QString& file) { QTest::newRow(name) << args << file; };
        row("train: model", {"train", "-d", "mnist-10k", "--epochs", "1000000", "-o", "plain/m.dae"}, "plain/m.dae");
        row("train: npz", train + QStringList{"--npz", "plain/m.npz"}, "plain/m.npz");
        row("train: curves", train + QStringList{"--csv", "plain/c.csv"}, "plain/c.csv");
        row("train: checkpoint", train + QStringList{"--checkpoint", "plain/m.ckpt"}, "plain/m.ckpt");
        row("train: atlas", train + QStringList{"--atlas", "plain/a.csv"}, "plain/a.csv");
        row("iterate: csv", {"iterate", "m.dae", "--csv", "plain/o.csv"}, "plain/o.csv");
        row("iterate: npz", {"iterate", "m.dae", "-o", "plain/f.npz"}, "plain/f.npz");
        row("iterate: sheet", {"iterate", "m.dae", "--sheet", "plain/s"}, "plain/s");
        row("evaluate: csv", {"evaluate", "m.dae", "--csv", "plain/t.csv"}, "plain/t.csv");
        row("chain: sheet", {"chain", "m.dae", "--sheet", "plain/c.png"}, "plain/c.png");
        row("attractors: csv", {"attractors", "m.dae", "--csv", "plain/a.csv"}, "plain/a.csv");
        row("sweep: folder", {"sweep", "-o", "plain/sweep"}, "plain/sweep");
        row("stacked: csv", {"stacked", "--csv", "plain/s.csv"}, "plain/s.csv");
        row("stacked: filters", {"stacked", "--filters", "plain/f.png"}, "plain/f.png");
        row("svm: csv", {"svm", "--csv", "plain/s.csv"}, "plain/s.csv");
        row("grid: folder", {"grid", "grid.json", "-o", "plain/g"}, "plain/g");
    }
    void anUnwritableOutputFailsBeforeAnyWork() {
        QFETCH(QStringList, args);
        QFETCH(QString, file);
        const Run r = cli(args);
        expect_one_line(r, file);
        QVERIFY2(!r.out.contains("samples/s") && !r.err.contains("training 784"), qPrintable(r.out + r.err));
        QVERIFY(!QFile::exists(path("ok.dae")));
    }

    // Regression: --resume ignored --epochs (and every other flag) and printed an absurd rate.
    void resumeExtendsTheRunBitIdentically() {
        const QStringList common{"-d",  "mnist-10k", "--hidden", "10", "--train-samples", "500", "--validation-samples",
                                 "100", "--threads", "1",        "-q"};
        QVERIFY(cli(QStringList{"train", "--epochs", "2", "-o", "two.dae", "--checkpoint", "r.ckpt", "--csv", "r.csv"} +
                    common)
                    .code == 0);
        const Run more =
            cli({"train", "--resume", "r.ckpt", "--epochs", "4", "-q", "-o", "four.dae", "--csv", "r.csv"});
        QVERIFY2(more.code == 0, qPrintable(more.err));
        QVERIFY2(more.out.contains("trained 1000 samples"), qPrintable(more.out));  // epochs 3 and 4 only
        QVERIFY(cli(QStringList{"train", "--epochs", "4", "-o", "direct.dae"} + common).code == 0);
        QFile a(path("four.dae")), b(path("direct.dae"));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());  // 2 + 2 epochs = 4 epochs, byte for byte
        QFile csv(path("r.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 5);  // header + epochs 1 … 4, none twice
        QVERIFY(rows[4].startsWith("4,"));
        // Nothing left to do: said so, and no rate over no work.
        const Run done = cli({"train", "--resume", "r.ckpt", "--epochs", "4", "-q", "-o", "again.dae"});
        QCOMPARE(done.code, 0);
        QVERIFY2(done.out.contains("nothing left to train") && !done.out.contains("samples/s"), qPrintable(done.out));
        // Anything else is refused, not ignored.
        expect_one_line(cli({"train", "--resume", "r.ckpt", "--hidden", "30", "-o", "x.dae"}),
                        "--hidden cannot change a resumed run; only --epochs can extend it", 1);
        expect_one_line(cli({"train", "--resume", "r.ckpt", "--epochs", "1", "-o", "x.dae"}),
                        "--epochs 1 is fewer than the 4 epochs", 1);
    }

    // Regression: IDX files given by path were reloaded by their display name ("unknown data set").
    void iterateTakesIdxFilesByPath() {
        const Run r = cli({"iterate", "m.dae", "-d", "img.idx,lab.idx", "--subset", "all", "--limit", "40",
                           "--max-steps", "5", "-q"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("all: 40 samples"), qPrintable(r.out));
    }

    // Regression: the GUI aborted in the Qt platform plugin when there was no display.
    void theGuiWithoutADisplay() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* v : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(v);
        const Run help = run(DAELAB_GUI, {"--help"}, m_dir.path(), env);
        QCOMPARE(help.code, 0);
        QVERIFY2(help.out.startsWith("Usage: daelab [options]") && help.out.contains("--screenshot"),
                 qPrintable(help.out));
        const Run version = run(DAELAB_GUI, {"--version"}, m_dir.path(), env);
        QCOMPARE(version.code, 0);
        QVERIFY(version.out.startsWith("daelab "));
        expect_one_line(run(DAELAB_GUI, {}, m_dir.path(), env), "no display to open a window on", 1);
        expect_one_line(run(DAELAB_GUI, {"--frobnicate"}, m_dir.path(), env), "Unknown option 'frobnicate'", 2);
        expect_one_line(run(DAELAB_GUI, {"--threads", "many"}, m_dir.path(), env),
                        "--threads: 'many' is not a whole number", 2);
    }

    // A tab that does not exist is named with the ones that do, not silently ignored.
    void anUnknownTabIsNamed() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("HOME", path("tab-home"));
        const Run r = run(DAELAB_GUI, {"--tab", "Atractors", "--screenshot", "t.png"}, m_dir.path(), env);
        QCOMPARE(r.code, 2);
        // The last line (the offscreen platform has its own notes before it).
        const QString last = r.err.trimmed().section('\n', -1);
        QVERIFY2(last.startsWith("daelab: --tab: no workspace or view 'Atractors' (they are: Train, Iterate, Explore, "
                                 "Landscape, Generative chain, Attractors,"),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(path("t.png")));
        // An unknown data set with --screenshot: the reason and exit code 1, no dialog waiting for a click.
        const Run set = run(DAELAB_GUI, {"--dataset", "mnist-11k", "--screenshot", "t.png"}, m_dir.path(), env);
        QCOMPARE(set.code, 1);
        QVERIFY2(set.err.contains("daelab: unknown data set 'mnist-11k'"), qPrintable(set.err));
        QVERIFY(!QFile::exists(path("t.png")));
    }

    // Regression: Qt takes the C locale from the environment, so under a comma-decimal language
    // "--level 0.3" was "not a number" and neither program could read its own model files.
    void aCommaDecimalLocaleChangesNoNumber() {
        const QString locales = path("locales");
        QVERIFY(QDir().mkpath(locales));
        if (!dae::test::build_comma_locale(locales.toStdString()))
            QSKIP("localedef cannot build de_DE.UTF-8 on this machine");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LOCPATH", locales);
        env.insert("LC_ALL", "de_DE.UTF-8");
        env.insert("QT_QPA_PLATFORM", "offscreen");
        const Run comma = run("printf", {"%.1f", "0.5"}, m_dir.path(), env);  // the locale is in force
        QCOMPARE(comma.out, QString("0,5"));
        const Run train =
            run(DAELAB_CLI,
                {"train", "--dataset", "mnist-10k", "--train-samples", "600", "--validation-samples", "100", "--hidden",
                 "8", "--epochs", "1", "--level", "0.3", "--threads", "1", "-o", "de.dae"},
                m_dir.path(), env);
        QVERIFY2(train.code == 0, qPrintable(train.err));
        const QString said = train.out + train.err;  // the settings line is on stderr
        QVERIFY2(said.contains("gaussian 0.3") && said.contains("α=0.99"), qPrintable(said));
        const Run iterate = run(DAELAB_CLI, {"iterate", "de.dae", "--max-steps", "5", "-q"}, m_dir.path(), env);
        QVERIFY2(iterate.code == 0, qPrintable(iterate.err));
        const Run gui = run(
            DAELAB_GUI, {"--model", "de.dae", "--threads", "1", "--screenshot", "de.png", "--screenshot-delay", "0"},
            m_dir.path(), env);
        QVERIFY2(gui.code == 0 && QFile::exists(path("de.png")), qPrintable(gui.err));
    }

    // A full disk while the CLI saves: the message names the file, the old model is intact.
    void aFullDiskKeepsThePreviousModel() {
        QFile::remove(path("keep.dae"));
        QVERIFY(QFile::copy(path("m.dae"), path("keep.dae")));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DAELAB_INJECT_WRITE_FAILURE", "100");
        const Run r = run(DAELAB_CLI,
                          {"train", "-d", "mnist-10k", "--hidden", "12", "--epochs", "1", "--train-samples", "300",
                           "--validation-samples", "100", "-q", "-o", "keep.dae"},
                          m_dir.path(), env);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.trimmed().section('\n', -1).startsWith("daelab-cli: " + path("keep.dae") +
                                                              ": write failed (No space left on device)") ||
                     r.err.trimmed().section('\n', -1).startsWith(
                         "daelab-cli: keep.dae: write failed (No space left on device)"),
                 qPrintable(r.err));
        QFile a(path("m.dae")), b(path("keep.dae"));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(b.readAll(), a.readAll());
        QVERIFY(QDir(m_dir.path()).entryList({"*.tmp-*"}).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestCliErrors)
#include "tst_cli_errors.moc"
