// Fault injection: every file daelab writes — model, npz, checkpoint, autosave, curves and other
// CSVs, PNGs, settings — is made to fail (a full disk injected after 0, a few or many bytes; a
// vanished folder; a folder that is a file), and every time the message names the file and the
// reason, the previous file is intact byte for byte, no temporary file is left, and the program
// goes on working. The files it reads that other suites do not cover (JSON settings, run specs and
// grids, the autosave, the settings store) are refused with the file and the fault named.
#include "dae/checkpoint.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/experiment.h"
#include "dae/files.h"
#include "dae/model_io.h"
#include "dae/text_log.h"
#include "dae/training_options.h"
#include "error_message.h"
#include "main_window.h"
#include "training/settings_model.h"
#include "training/status_line.h"
#include "training/training_session.h"
#include "widgets/loss_chart.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace dae;
using namespace dae::ui;

namespace {

QByteArray bytes_of(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Temporary files write_file_atomic left behind in `dir` (there must be none).
QStringList leftovers(const QString& dir) { return QDir(dir).entryList({"*.tmp-*"}, QDir::Files | QDir::Hidden); }

// The injected failure is switched off however a test ends.
struct Injection {
    explicit Injection(long long bytes) { testing::inject_write_failure(bytes); }
    ~Injection() { testing::inject_write_failure(-1); }
};

std::unique_ptr<Trainer> small_trainer(std::uint64_t seed) {
    TrainingConfig c;
    c.model.hidden = 8;
    c.epochs = 2;
    c.momentum = 0.5;
    c.seed = seed;
    auto t = std::make_unique<Trainer>(c, load_default_mnist().samples.leftCols(60));
    t->step();
    return t;
}

QString message_of(const std::function<void()>& write) { return error_message(write); }

}  // namespace

class TestFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    // Each core writer, with the disk full after 0, 7 or 3000 bytes of the new version.
    void aFullDiskLeavesThePreviousFile_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<long long>("budget");
        for (const char* kind : {"model", "npz", "checkpoint", "text", "curves"})
            for (long long budget : {0LL, 7LL, 3000LL})
                QTest::newRow(qPrintable(QString("%1, full after %2 bytes").arg(kind).arg(budget)))
                    << QString(kind) << budget;
    }
    void aFullDiskLeavesThePreviousFile() {
        QFETCH(QString, kind);
        QFETCH(long long, budget);
        QTemporaryDir dir;
        const std::string path = dir.filePath("out." + kind).toStdString();
        Autoencoder a(ModelConfig{200, 20}), b(ModelConfig{200, 20});  // 64 KB each
        a.initialize(InitScheme::GlorotUniform, 1);
        b.initialize(InitScheme::GlorotUniform, 2);
        const auto t1 = small_trainer(1), t2 = small_trainer(2);
        TextLog log;
        auto write = [&](int version) {
            const Autoencoder& m = version == 1 ? a : b;
            if (kind == "model") save_model(path, {m, {}});
            if (kind == "npz") export_npz(path, m);
            if (kind == "checkpoint") save_checkpoint(path, version == 1 ? *t1 : *t2, {});
            if (kind == "text") write_text_atomic(path, std::string(5000, version == 1 ? 'a' : 'b'));
            if (kind == "curves") {
                if (version == 1) log = TextLog(path, "epoch,loss\n");
                log.append(std::to_string(version) + "," + std::string(4000, '9') + "\n");
            }
        };
        write(1);
        const QByteArray before = bytes_of(QString::fromStdString(path));
        QVERIFY(!before.isEmpty());
        {
            Injection full(budget);
            const QString message = message_of([&] { write(2); });
            QVERIFY2(message.startsWith(QString::fromStdString(path) + ": write failed"), qPrintable(message));
            QVERIFY2(message.contains("No space left on device"), qPrintable(message));
        }
        QCOMPARE(bytes_of(QString::fromStdString(path)), before);  // the previous version, whole
        QVERIFY2(leftovers(dir.path()).isEmpty(), qPrintable(leftovers(dir.path()).join(' ')));
        // Space again: the same write goes through, and reads back as the new version.
        write(2);
        QVERIFY(bytes_of(QString::fromStdString(path)) != before);
        if (kind == "model") QVERIFY(load_model(path).model == b);
        if (kind == "npz") QVERIFY(import_npz(path) == b);
        if (kind == "checkpoint") QCOMPARE(load_checkpoint(path).state.samples_seen, t2->samples_seen());
        if (kind == "curves") QVERIFY(log.text().find("\n1,") != std::string::npos);  // nothing lost in memory
    }

    void aVanishedOrImpossibleFolderIsNamed() {
        QTemporaryDir dir;
        const QString gone = dir.filePath("gone");
        QVERIFY(QDir().mkpath(gone));
        QVERIFY(QDir(gone).removeRecursively());
        QFile plain(dir.filePath("plain"));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        for (const QString& path : {gone + "/m.dae", dir.filePath("plain/m.dae")}) {
            const QString message = message_of([&] {
                save_model(path.toStdString(), {Autoencoder(ModelConfig{4, 2}), {}});
            });
            QVERIFY2(message.startsWith(path + ": cannot create a temporary file beside it"), qPrintable(message));
        }
    }

    // Reads the other suites do not cover: a checkpoint's absurd header, JSON settings, run specs
    // and grids — garbage, truncated, of the wrong shape, or absurdly large.
    void damagedInputsAreRefusedWithTheFileNamed_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        // Plain string literals: moc misreads raw strings with unbalanced quotes.
        const QByteArray ten = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]";
        QTest::newRow("settings: garbage") << "settings" << QByteArray("\x89PNG\r\n\x1a\n") << "not valid JSON";
        QTest::newRow("settings: truncated") << "settings" << QByteArray("{\"hidden\": 50, \"lev") << "not valid JSON";
        QTest::newRow("settings: not an object") << "settings" << QByteArray("[1, 2]") << "a JSON object";
        QTest::newRow("settings: unknown key") << "settings" << QByteArray("{\"hiden\": 50}") << "hiden";
        QTest::newRow("settings: absurd value") << "settings" << QByteArray("{\"hidden\": 1e12}") << "hidden";
        QTest::newRow("run: garbage") << "run" << QByteArray("{{{{") << "run.json";
        QTest::newRow("run: deep nesting") << "run" << QByteArray(100000, '[') << "run.json";
        QTest::newRow("grid: no seeds") << "grid" << QByteArray("{\"seeds\": []}") << "seeds must be a non-empty list";
        // Found by fuzz_config: a number too large for an int was converted to one (undefined behaviour).
        QTest::newRow("grid: chains 2e45")
            << "grid" << QByteArray("{\"chains\": 2170000000000000000000000000000000000000000000}")
            << "chains must be a whole number from 1 to 100000";
        QTest::newRow("run: chain-steps 1.5")
            << "run" << QByteArray("{\"chain-steps\": 1.5}") << "chain-steps must be a whole number";
        QTest::newRow("run: split train 1e300")
            << "run" << QByteArray("{\"split\": {\"train\": 1e300}}") << "train must be a whole number";
        // Found by fuzz_config: a step count of 1e116 was converted to a long long before its range check.
        QTest::newRow("run: max-steps 1e116")
            << "run" << QByteArray("{\"evaluation\": {\"max-steps\": \"1" + QByteArray(116, '0') + "\"}}")
            << "max-steps";
        QTest::newRow("run: max-steps nan")
            << "run" << QByteArray("{\"evaluation\": {\"max-steps\": \"nan\"}}") << "max-steps";
        QTest::newRow("grid: seed -1") << "grid" << QByteArray("{\"seeds\": [-1]}") << "seeds must be whole numbers";
        QTest::newRow("grid: 100,000 runs")
            << "grid"
            << "{\"axes\": {\"walkback\": " + ten + ", \"batch\": " + ten + ", \"hidden\": " + ten +
                   ", \"epochs\": " + ten + "}, \"seeds\": " + ten + "}"
            << "more than 10000 runs";
    }
    void damagedInputsAreRefusedWithTheFileNamed() {
        QFETCH(QString, kind);
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const std::string s = text.toStdString();
        QString message;
        if (kind == "settings") {
            TrainingConfig c;
            std::string why;
            QVERIFY(!set_training_options_json(c, s, "my.json", {}, &why));
            message = QString::fromStdString(why);
            QVERIFY2(message.startsWith("my.json"), qPrintable(message));
            QVERIFY(c == TrainingConfig());  // nothing half-applied
        } else if (kind == "run") {
            message = message_of([&] { RunSpec::from_json(s, "run.json"); });
        } else {
            message = message_of([&] { GridSpec::from_json(s, "grid.json"); });
            QVERIFY2(message.startsWith("grid.json"), qPrintable(message));
        }
        QVERIFY2(message.contains(expected), qPrintable(message));
    }
    // Found by fuzz_checkpoint: a position with less than a whole minibatch left in the epoch was
    // accepted, and the next step read past the shuffled order.
    void checkpointWithNoWholeMinibatchLeftIsRefused() {
        const auto t = small_trainer(1);  // 60 samples, b = 20: positions 0, 20 and 40 are whole
        TrainerState state = t->state();
        state.position = 40;
        Trainer ok(t->config(), load_default_mnist().samples.leftCols(60));
        ok.set_state(state);
        ok.step();
        for (Index bad : {Index{60}, Index{-20}, Index{50}}) {
            state.position = bad;
            Trainer other(t->config(), load_default_mnist().samples.leftCols(60));
            const QString message = message_of([&] { other.set_state(state); });
            QVERIFY2(message.contains("the training position is corrupt"), qPrintable(message));
        }
    }
    void checkpointWithAnAbsurdHeaderIsRefused() {
        auto bytes = serialize_checkpoint(*small_trainer(1), {});
        bytes[15] = 0x7F;  // header length ~2 GB
        const QString message = message_of([&] { parse_checkpoint(bytes, "x.ckpt"); });
        QVERIFY2(message.startsWith("x.ckpt: truncated or corrupt header"), qPrintable(message));
    }

    // The window: every file it writes fails cleanly, the run goes on, and it works again after.
    void theWindowSurvivesAFullDisk() {
        QTemporaryDir dir;
        QSettings store(dir.filePath("daelab.ini"), QSettings::IniFormat);
        store.setValue("training/hidden", "12");
        store.setValue("training/epochs", "50");
        MainWindow w("mnist-10k", &store);
        w.setAutosaveInterval(10);
        w.resetAction()->trigger();
        w.startAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w.session()->latest().samples_seen > 1000; }, 20000));
        w.pauseAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w.session()->state() == WorkerState::Paused; }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return QFile::exists(w.autosavePath()); }, 5000));
        QString error;
        const QString model = dir.filePath("m.dae"), npz = dir.filePath("m.npz"), csv = dir.filePath("c.csv");
        QVERIFY2(w.saveModelFile(model, &error) && w.saveModelFile(npz, &error), qPrintable(error));
        QVERIFY2(w.lossChart()->writeCsv(csv, &error), qPrintable(error));
        QVERIFY2(w.exportPngs(dir.path(), &error), qPrintable(error));
        std::map<QString, QByteArray> before;
        for (const QString& f : {model, npz, csv, dir.filePath("filters.png"), w.autosavePath()})
            before[f] = bytes_of(f);

        {
            Injection full(0);
            // Training goes on; the autosave fails and says so, beside (not over) the epoch readout.
            w.startAction()->trigger();
            const Index seen = w.session()->latest().samples_seen;
            QVERIFY(QTest::qWaitFor([&] { return w.session()->latest().samples_seen > seen + 500; }, 20000));
            w.pauseAction()->trigger();  // pausing autosaves at once
            QVERIFY(QTest::qWaitFor([&] { return w.statusLine()->messageText().contains("Autosave failed"); }, 5000));
            QVERIFY2(w.statusLine()->messageText().contains(w.autosavePath() + ": write failed (No space left"),
                     qPrintable(w.statusLine()->messageText()));
            QVERIFY(!w.statusLine()->epochText().isEmpty());
            for (const QString& f : {model, npz}) {
                error.clear();
                QVERIFY(!w.saveModelFile(f, &error));
                QVERIFY2(error.startsWith(f + ": write failed (No space left on device)"), qPrintable(error));
            }
            QVERIFY(!w.lossChart()->writeCsv(csv, &error));
            QVERIFY2(error.startsWith(csv + ": write failed"), qPrintable(error));
            QVERIFY(!w.exportPngs(dir.path(), &error));
            QVERIFY2(error.startsWith(dir.filePath("filters.png") + ": write failed"), qPrintable(error));
        }
        for (const auto& [file, bytes] : before)
            QVERIFY2(bytes_of(file) == bytes, qPrintable(file + " changed"));
        QVERIFY(leftovers(dir.path()).isEmpty());
        QVERIFY(leftovers(QFileInfo(w.autosavePath()).path()).isEmpty());
        // Space again: the next save goes through with the newer model.
        QVERIFY2(w.saveModelFile(model, &error), qPrintable(error));
        QCOMPARE(load_model(model.toStdString()).provenance.epochs_trained, w.session()->latest().epoch);
        QVERIFY(bytes_of(model) != before[model]);
        w.setDiscardQuestion([](const QString&) { return QMessageBox::Discard; });
        QVERIFY(w.close());
    }

    void settingsThatCannotBeWrittenAreReported() {
        QTemporaryDir dir;
        QFile plain(dir.filePath("plain"));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        QSettings store(dir.filePath("plain/daelab.ini"), QSettings::IniFormat);  // its folder is a file
        MainWindow w("mnist-10k", &store);
        QString error;
        QVERIFY(!w.saveSettings(&error));
        QVERIFY2(error.startsWith(dir.filePath("plain/daelab.ini") + ": cannot write the settings"), qPrintable(error));
        // Closing says so and lets the person stay (to free the folder) or close anyway.
        QStringList asked;
        QMessageBox::StandardButton answer = QMessageBox::Cancel;
        w.setDiscardQuestion([&](const QString& what) {
            asked << what;
            return answer;
        });
        QVERIFY(!w.close());
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked[0].contains("cannot write the settings"), qPrintable(asked[0]));
        answer = QMessageBox::Discard;
        QVERIFY(w.close());
    }

    void damagedSettingsAndAutosaveAreSkippedAndSaid() {
        QTemporaryDir dir;
        const QString ini = dir.filePath("daelab.ini");
        {
            QFile f(ini);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("\xff\xfe garbage\n[training]\nhidden=banana\nlevel=-3\nepochs=7\n[[[\n");
        }
        QSettings store(ini, QSettings::IniFormat);
        {
            MainWindow first("mnist-10k", &store);  // only to learn where the autosave lives
            QFile damaged(first.autosavePath());
            QVERIFY(damaged.open(QIODevice::WriteOnly));
            damaged.write("DAECKPT1 but not really");
        }
        MainWindow w("mnist-10k", &store);
        QCOMPARE(w.settingsModel()->config().epochs, 7);  // the good entry applies
        QCOMPARE(w.settingsModel()->config().model.hidden, TrainingConfig().model.hidden);
        QVERIFY2(w.settingsModel()->valid(), qPrintable(w.settingsModel()->firstProblem()));
        // What was skipped is said at once, with the file …
        const QString skipped = w.statusLine()->messageText();
        QVERIFY2(skipped.startsWith("Skipped 2 saved settings of " + ini), qPrintable(skipped));
        QVERIFY2(skipped.contains("hidden = 'banana'") && skipped.contains("level = '-3'"), qPrintable(skipped));
        // … and then that the autosave cannot be read (it is not offered, and nothing crashes).
        QVERIFY(QTest::qWaitFor([&] { return w.statusLine()->messageText().contains("autosave"); }, 3000));
        const QString message = w.statusLine()->messageText();
        QVERIFY2(message.contains(w.autosavePath()) && message.contains("cannot be read"), qPrintable(message));
        w.resetAction()->trigger();
        w.startAction()->trigger();  // and the window trains
        QVERIFY(QTest::qWaitFor([&] { return w.session()->latest().samples_seen > 0; }, 20000));
        w.setDiscardQuestion([](const QString&) { return QMessageBox::Discard; });
        QVERIFY(w.close());
    }
};

QTEST_MAIN(TestFaults)
#include "tst_faults.moc"
