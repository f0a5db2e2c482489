// daelab-cli with weights from elsewhere and outputs for scripts: an .npz written by NumPy is
// iterated and evaluated directly (activations by flags), `convert` goes .npz → .dae → .npz without
// changing a bit, and the --json outputs hold the figures the commands print and write to CSV.
#include "dae/model_io.h"
#include "process_run.h"
#include "test_support.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

using Run = ProcessRun;
Run cli(const QStringList& args, const QString& dir) { return run_process(QStringLiteral(DAELAB_CLI), args, dir); }

QString python(const QString& code, const QString& dir) {
    QProcess py;
    py.setWorkingDirectory(dir);
    py.start(QString::fromStdString(dae::test::python_with_numpy()), {"-c", code});
    py.waitForFinished(60000);
    return py.exitCode() == 0 ? QString::fromUtf8(py.readAllStandardOutput()).trimmed()
                              : "python failed: " + py.readAllStandardError();
}

QJsonObject json_file(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// A 784-20-784 model as a PyTorch or NumPy user would save it: float32, C order, seeded.
const char* kWriteNpz =
    "import numpy as np\n"
    "g = np.random.default_rng(7)\n"
    "np.savez('numpy.npz', W1=(g.standard_normal((20, 784)) * 0.05).astype(np.float32),\n"
    "         b1=np.zeros(20, np.float32), W2=(g.standard_normal((784, 20)) * 0.05).astype(np.float32),\n"
    "         b2=np.full(784, -1.0, np.float32))\n";

// The counts of the paper definition's column in the outcome table printed for `set` ("train",
// "held-out", …), by outcome.
QMap<QString, int> printed_outcomes(const QString& out, const QString& set) {
    static const QRegularExpression line(R"(^\s+([a-z-]+)\s+(\d+)\s+(\d+)\s+[\d.]+%$)");
    QMap<QString, int> counts;
    bool in_set = false;
    for (const QString& text : out.split('\n')) {
        if (!text.startsWith(' ')) {
            in_set = text.startsWith(set + ": ");
            continue;
        }
        if (const QRegularExpressionMatch m = line.match(text); in_set && m.hasMatch())
            counts[m.captured(1)] = m.captured(2).toInt();
    }
    return counts;
}

// True when v is k / n for a whole k: a share of n samples.
bool is_share_of(double v, int n) { return std::abs(v * n - std::round(v * n)) < 1e-6; }

int outcome_total(const QJsonObject& counts) {
    int n = 0;
    for (const auto& v : counts)
        n += v.toInt();
    return n;
}

}  // namespace

class TestCliInterop : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (dae::test::python_with_numpy().empty())
            QSKIP("python3-numpy is not installed (scripts/setup.sh installs it)");
    }
    void iteratesAnNpzWrittenByNumPy() {
        QTemporaryDir dir;
        QCOMPARE(python(kWriteNpz, dir.path()), QString());
        const Run it = cli({"iterate", "numpy.npz", "-d", "mnist-10k", "--limit", "40", "--max-steps", "30", "-q",
                            "--csv", "o.csv", "--json", "o.json"},
                           dir.path());
        QVERIFY2(it.code == 0, qPrintable(it.err));
        QVERIFY2(it.out.contains("held-out: 40 samples"), qPrintable(it.out));
        const QJsonObject j = json_file(dir.filePath("o.json"));
        QCOMPARE(j["format"].toString(), QString("daelab-iterate/1"));
        QCOMPARE(j["dataset"].toString(), QString("mnist-10k"));
        const QJsonObject r = j["result"].toObject();
        QCOMPARE(r["samples"].toInt(), 40);
        QCOMPARE(outcome_total(r["outcomes"].toObject()), 40);
        QCOMPARE(outcome_total(r["outcomes_paper"].toObject()), 40);
        QCOMPARE(outcome_total(r["outcomes_daelab"].toObject()), 40);
        // The JSON's per-sample outcomes are the CSV's, row by row.
        QFile csv(dir.filePath("o.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString(csv.readAll()).split('\n', Qt::SkipEmptyParts).mid(1);
        const QJsonArray outcome = j["per_sample"].toObject()["outcome"].toArray();
        const QJsonArray label = j["per_sample"].toObject()["label"].toArray();
        QCOMPARE(rows.size(), 40);
        QCOMPARE(outcome.size(), 40);
        for (int i = 0; i < 40; ++i) {
            QCOMPARE(rows[i].section(',', 2, 2), outcome[i].toString());
            QCOMPARE(rows[i].section(',', 1, 1).toInt(), label[i].toInt());
        }
        // The printed summary's counts are the JSON's.
        const int converged = r["outcomes"].toObject()["converged"].toInt();
        QVERIFY2(it.out.contains(
                     QRegularExpression(QString("converged\\s+\\d+\\s+\\d+\\s+%1\\.")
                                            .arg(QString::number(100.0 * converged / 40, 'f', 1).section('.', 0, 0)))),
                 qPrintable(it.out));
        // Other activations for the same weights give another iteration; a .dae refuses the flags.
        const Run tanh = cli({"iterate", "numpy.npz", "-d", "mnist-10k", "--limit", "40", "--max-steps", "30", "-q",
                              "--encoder", "tanh", "--json", "t.json"},
                             dir.path());
        QVERIFY2(tanh.code == 0, qPrintable(tanh.err));
        const Run bad = cli({"iterate", "numpy.npz", "--encoder", "softplus", "-q"}, dir.path());
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains("--encoder: 'softplus' is not sigmoid, tanh, relu or linear"), qPrintable(bad.err));
    }
    void convertRoundTripsBitExactly() {
        QTemporaryDir dir;
        QCOMPARE(python(kWriteNpz, dir.path()), QString());
        const Run a = cli({"convert", "numpy.npz", "m.dae", "--encoder", "tanh", "-d", "mnist-10k"}, dir.path());
        QVERIFY2(a.code == 0, qPrintable(a.err));
        QVERIFY2(a.out.contains("784-20-784, untied, encoder tanh, decoder sigmoid"), qPrintable(a.out));
        const dae::SavedModel saved = dae::load_model(dir.filePath("m.dae").toStdString());
        QVERIFY(saved.model.config().encoder == dae::Activation::Tanh);
        QCOMPARE(saved.provenance.dataset, std::string("mnist-10k"));
        const Run b = cli({"convert", "m.dae", "back.npz"}, dir.path());
        QVERIFY2(b.code == 0, qPrintable(b.err));
        // NumPy reads back exactly the arrays it wrote.
        QCOMPARE(python("import numpy as np\n"
                        "a, b = np.load('numpy.npz'), np.load('back.npz')\n"
                        "print(all(a[k].dtype == b[k].dtype and a[k].shape == b[k].shape and (a[k] == b[k]).all()\n"
                        "          for k in ('W1', 'b1', 'W2', 'b2')))\n",
                        dir.path()),
                 QString("True"));
        // The .dae remembers its data set and activations: iterate needs neither flag.
        const Run it = cli({"iterate", "m.dae", "--limit", "10", "--max-steps", "5", "-q"}, dir.path());
        QVERIFY2(it.code == 0 && it.out.contains("mnist-10k"), qPrintable(it.err + it.out));
        const Run refused = cli({"iterate", "m.dae", "--decoder", "relu", "-q"}, dir.path());
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.err.contains("--decoder is for .npz models only"), qPrintable(refused.err));
        const Run same = cli({"convert", "m.dae", "again.dae"}, dir.path());
        QCOMPARE(same.code, 1);
        QVERIFY2(same.err.contains("are both .dae"), qPrintable(same.err));
        const Run size = cli({"convert", "numpy.npz", "s.dae", "-d", "spiral"}, dir.path());
        QCOMPARE(size.code, 1);
        QVERIFY2(size.err.contains("takes 784 values per sample but 'spiral' has 2"), qPrintable(size.err));
        QVERIFY(!QFile::exists(dir.filePath("s.dae")));
    }
    void evaluateAndStabilityWriteJson() {
        QTemporaryDir dir;
        QCOMPARE(cli({"train", "-d", "mnist-10k", "--hidden", "30", "--epochs", "1", "--train-samples", "1500",
                      "--validation-samples", "200", "-q", "-o", "m.dae"},
                     dir.path())
                     .code,
                 0);
        const Run ev =
            cli({"evaluate", "m.dae", "--max-steps", "20", "-q", "--csv", "t.csv", "--json", "t.json"}, dir.path());
        QVERIFY2(ev.code == 0, qPrintable(ev.err));
        const QJsonObject j = json_file(dir.filePath("t.json"));
        QCOMPARE(j["format"].toString(), QString("daelab-evaluate/1"));
        QCOMPARE(j["test"].toObject()["samples"].toInt(), 200);
        QCOMPARE(j["train"].toObject()["samples"].toInt(), 1500);
        QCOMPARE(j["settings"].toObject()["max-steps"].toString(), QString("20"));
        QCOMPARE(j["settings"].toObject()["classifier-epochs"].toString(), QString("30"));
        // The §5.5 classifier's settings are the evaluation's: one epoch instead of 30 reads the same fixed
        // points otherwise.
        const Run one = cli({"evaluate", "m.dae", "--max-steps", "20", "-q", "--classifier-epochs", "1",
                             "--classifier-l2", "0", "--json", "t1.json"},
                            dir.path());
        QVERIFY2(one.code == 0, qPrintable(one.err));
        const QJsonObject j1 = json_file(dir.filePath("t1.json"));
        QCOMPARE(j1["settings"].toObject()["classifier-epochs"].toString(), QString("1"));
        QCOMPARE(j1["settings"].toObject()["classifier-l2"].toString(), QString("0"));
        QCOMPARE(j1["test"].toObject()["explosions_paper"].toInt(), j["test"].toObject()["explosions_paper"].toInt());
        QVERIFY(j1["acc_train"].toDouble() != j["acc_train"].toDouble());
        // The JSON and the CSV row each hold the figures the command printed. acc_train and acc_test
        // (CSV columns 5 and 6) are shares of the 1500 training and 200 test digits; EX_test (column
        // 10) is the test set's outcome "explosion" in its printed table (paper definition), whose six
        // counts (columns 19 … 24) add up to the 200 test digits.
        QFile csv(dir.filePath("t.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString row = QString(csv.readAll()).split('\n', Qt::SkipEmptyParts).at(1);
        const QRegularExpressionMatch acc =
            QRegularExpression(R"((\d\.\d{4})\s+(\d\.\d{4})\s+\(acc_train, acc_test\))").match(ev.out);
        QVERIFY2(acc.hasMatch(), qPrintable(ev.out));
        const double acc_train = j["acc_train"].toDouble(), acc_test = j["acc_test"].toDouble();
        QCOMPARE(QString::number(acc_train, 'f', 4), acc.captured(1));
        QCOMPARE(QString::number(acc_test, 'f', 4), acc.captured(2));
        QCOMPARE(QString::number(row.section(',', 4, 4).toDouble(), 'f', 4), acc.captured(1));
        QCOMPARE(QString::number(row.section(',', 5, 5).toDouble(), 'f', 4), acc.captured(2));
        QVERIFY2(is_share_of(acc_train, 1500), qPrintable(QString::number(acc_train, 'g', 17)));
        QVERIFY2(is_share_of(acc_test, 200), qPrintable(QString::number(acc_test, 'g', 17)));
        const QString test_set = j["official_test"].toBool() ? "test" : "held-out";
        const QMap<QString, int> table = printed_outcomes(ev.out, test_set);
        const QStringList outcomes{"converged", "other-class", "stain", "explosion", "not-converged", "cycle"};
        int total = 0;
        for (int o = 0; o < outcomes.size(); ++o) {
            QVERIFY2(table.contains(outcomes[o]), qPrintable(outcomes[o] + "\n" + ev.out));
            QCOMPARE(row.section(',', 18 + o, 18 + o).toInt(), table[outcomes[o]]);
            total += table[outcomes[o]];
        }
        QCOMPARE(total, 200);
        const QRegularExpressionMatch ex =
            QRegularExpression(R"(EX_train (\d+), EX_test (\d+) \(paper's)").match(ev.out);
        QVERIFY2(ex.hasMatch(), qPrintable(ev.out));
        QCOMPARE(ex.captured(2).toInt(), table["explosion"]);
        QCOMPARE(j["test"].toObject()["explosions_paper"].toInt(), table["explosion"]);
        QCOMPARE(row.section(',', 9, 9).toInt(), table["explosion"]);
        const Run st = cli({"stability", "m.dae", "--index", "3", "--json", "s.json"}, dir.path());
        QVERIFY2(st.code == 0, qPrintable(st.err));
        const QJsonObject s = json_file(dir.filePath("s.json"));
        QCOMPARE(s["index"].toInt(), 3);
        QVERIFY(s["spectral_radius"].toDouble() > 0);
        QVERIFY2(st.out.contains(QString::number(s["spectral_radius"].toDouble(), 'f', 6)), qPrintable(st.out));
        QCOMPARE(s["stable"].toBool(), s["spectral_radius"].toDouble() < 1);
    }
    void sweepAndStackedWriteJson() {
        QTemporaryDir dir;
        const Run sw = cli({"sweep", "-d", "mnist-10k", "--levels", "0,0.3", "--hidden", "20", "--epochs", "1", "-o",
                            "sw", "--json", "sw.json"},
                           dir.path());
        QVERIFY2(sw.code == 0, qPrintable(sw.err));
        const QJsonObject s = json_file(dir.filePath("sw.json"));
        const QJsonArray members = s["members"].toArray();
        QCOMPARE(members.size(), 2);
        QCOMPARE(members[1].toObject()["level"].toDouble(), 0.3);
        QCOMPARE(members[1].toObject()["denoising_curve"].toArray().size(), s["test_levels"].toArray().size());
        QVERIFY(QFile::exists(dir.filePath(members[1].toObject()["model"].toString())));
        const Run st = cli({"stacked", "--layers", "30", "--pretrain-epochs", "1", "--finetune-epochs", "1", "-q",
                            "--models", "sda,mlp", "--json", "st.json"},
                           dir.path());
        QVERIFY2(st.code == 0, qPrintable(st.err));
        const QJsonArray results = json_file(dir.filePath("st.json"))["results"].toArray();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results[0].toObject()["model"].toString(), QString("SdA"));
        const double e = results[1].toObject()["test_error"].toDouble();
        QVERIFY2(st.out.contains(QString::number(100 * e, 'f', 2)), qPrintable(st.out));
    }
};

QTEST_APPLESS_MAIN(TestCliInterop)
#include "tst_cli_interop.moc"
