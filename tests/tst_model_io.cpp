// Model files and .npz: bit-exact round trips, and each kind of damage rejected with its message.
#include "dae/error.h"
#include "dae/files.h"
#include "dae/model_io.h"
#include "dae/provenance.h"
#include "error_message.h"
#include "python_numpy.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace dae;

namespace {

Autoencoder trained_like(bool tied, Activation enc = Activation::Sigmoid, Activation dec = Activation::Sigmoid) {
    ModelConfig c;
    c.visible = 12;
    c.hidden = 5;
    c.tied = tied;
    c.encoder = enc;
    c.decoder = dec;
    Autoencoder m(c);
    m.initialize(InitScheme::GlorotUniform, 3);
    Rng rng(4);
    for (Index j = 0; j < m.b1.size(); ++j)
        m.b1(j) = rng.uniform(-1, 1);
    for (Index j = 0; j < m.b2.size(); ++j)
        m.b2(j) = rng.uniform(-1, 1);
    return m;
}

QString run_python(const QString& python, const QString& code, const QStringList& args) {
    QProcess py;
    py.start(python, QStringList{"-c", code} + args);
    py.waitForFinished();
    if (py.exitCode() != 0) return "python failed: " + py.readAllStandardError();
    return py.readAllStandardOutput();
}

QString error_of(const std::vector<std::uint8_t>& bytes) {
    return error_message([&] { parse_model(bytes, "m.dae"); });
}

}  // namespace

class TestModelIo : public QObject {
    Q_OBJECT
private slots:
    void saveLoadRoundTripIsBitExact_data() {
        QTest::addColumn<bool>("tied");
        QTest::newRow("untied") << false;
        QTest::newRow("tied") << true;
    }
    void saveLoadRoundTripIsBitExact() {
        QFETCH(bool, tied);
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/m.dae").toStdString();
        SavedModel s{trained_like(tied, Activation::Tanh, Activation::Sigmoid), {}};
        s.provenance.dataset = "mnist";
        s.provenance.split = SplitSpec{SplitSpec::Rule::Ordered, 50000, 10000, 1};
        TrainingConfig c = TrainingConfig::bahdanau2014();
        c.model = s.model.config();
        c.corruption.level = 0.7;
        s.provenance.settings = c;
        s.provenance.threads = 2;
        s.provenance.epochs_trained = 7;
        s.provenance.status = "finished";
        s.provenance.extra = {{"a-later-key", "kept as read"}};
        // Learning curves keep every digit of their losses (0.1 + 2⁻⁴⁰ is not 0.1 to 6 digits) and
        // no timings; an epoch with a value that is not finite is left out.
        EpochReport e;
        e.epoch = 0;
        e.train_loss = 0.1 + std::ldexp(1.0, -40);
        e.validation_loss = 12.345678901234;
        e.validation_clean_mse = -1;
        e.learning_rate = 0.099;
        e.seconds = 3.5;
        e.samples_per_second = 1234;
        EpochReport diverged = e;
        diverged.epoch = 1;
        diverged.validation_loss = std::nan("");
        s.provenance.curves = {e, diverged};
        save_model(path, s);
        const SavedModel back = load_model(path);
        QVERIFY(back.model == s.model);
        Provenance expected = s.provenance;
        expected.version = daelab_version();  // written by this program
        e.seconds = e.samples_per_second = 0;
        expected.curves = {e};
        QVERIFY(back.provenance == expected);
        // The header alone (a list of many runs reads only that) gives the same provenance.
        QVERIFY(read_model_provenance(path) == expected);
        // Saving again over it replaces it atomically (no leftover temporary files).
        save_model(path, s);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
        // Structural keys cannot be smuggled in as provenance.
        SavedModel smuggled = s;
        smuggled.provenance.extra = {{"tied", "1"}};
        QVERIFY_THROWS_EXCEPTION(Error, serialize_model(smuggled));
    }

    void provenanceOfEarlierFilesIsReadTheSameWay() {
        // Version 0.1 wrote "split.held-out" and meant the embedded digits by "mnist".
        const Provenance p = provenance_from_metadata({{"dataset", "mnist"},
                                                       {"split.seed", "3"},
                                                       {"split.train", "8000"},
                                                       {"split.held-out", "2000"},
                                                       {"train.walkback", "3"}},
                                                      "old.dae");
        QCOMPARE(p.dataset, std::string("mnist-10k"));
        QVERIFY(p.split.has_value());
        QCOMPARE(p.split->validation, Index{2000});
        QCOMPARE(p.split->train, Index{8000});
        QCOMPARE(p.split->seed, std::uint64_t{3});
        QVERIFY(p.split->rule == SplitSpec::Rule::Shuffled);
        QCOMPARE(p.settings->walkback, 3);
        // It does not claim this program's version, and saved again it reads back the same: neither
        // as this version's file nor with its data set's id mapped a second time.
        QCOMPARE(p.version, std::string(kUnknownVersion));
        QVERIFY(provenance_from_metadata(provenance_to_metadata(p), "again.dae") == p);
        // Files before 0.3 did not record the minibatch order: they reshuffled every epoch. Today's
        // record it, and read back what they wrote.
        QVERIFY(p.settings->order == MinibatchOrder::Reshuffle);
        TrainingConfig circular;
        QVERIFY(circular.order == MinibatchOrder::Circular);
        Provenance now;
        now.settings = circular;
        QVERIFY(provenance_from_metadata(provenance_to_metadata(now), "new.dae").settings == circular);
        // A file that says nothing of its split gets the data set's one rule: a fifth held out.
        const Provenance none = provenance_from_metadata({{"dataset", "mnist"}}, "old.dae");
        QVERIFY(!none.split);
        QVERIFY(none.split_or(SplitSpec::held_out_fifth(10003)) == SplitSpec::held_out_fifth(10003));
        QCOMPARE(SplitSpec::held_out_fifth(10003).validation, Index{2001});  // round(n/5), not floor
        QVERIFY_THROWS_EXCEPTION(
            Error, provenance_from_metadata({{"split.train", "x"}, {"split.validation", "1"}}, "bad.dae"));
    }
    void damagedFilesAreRejected_data() {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << 0 << "truncated";
        QTest::newRow("bad magic") << 1 << "bad magic";
        QTest::newRow("future version") << 2 << "version 99 is not supported";
        QTest::newRow("cut in the header") << 3 << "truncated";
        QTest::newRow("cut in the weights") << 4 << "truncated: a 12-5-12 untied model needs";
        QTest::newRow("flipped weight bit") << 5 << "checksum mismatch";
        QTest::newRow("trailing bytes") << 6 << "unexpected bytes";
        QTest::newRow("corrupt hidden size") << 7 << "hidden=";
        QTest::newRow("absurd header length") << 8 << "header length";
        QTest::newRow("duplicate key") << 9 << "'tied' appears twice";
    }
    void damagedFilesAreRejected() {
        QFETCH(int, damage);
        QFETCH(QString, expected);
        auto bytes = serialize_model({trained_like(false), {}});
        switch (damage) {
        case 0: bytes.clear(); break;
        case 1: bytes[0] = 'X'; break;
        case 2: bytes[8] = 99; break;
        case 3: bytes.resize(30); break;
        case 4: bytes.erase(bytes.end() - 10, bytes.end()); break;
        case 5: bytes[bytes.size() - 20] ^= 0x10; break;
        case 6: bytes.push_back(0); break;
        case 7: {
            const std::string key = "hidden=5";
            auto it = std::search(bytes.begin(), bytes.end(), key.begin(), key.end());
            QVERIFY(it != bytes.end());
            *(it + 7) = 'x';
            break;
        }
        case 8: bytes[15] = 0x7F; break;
        case 9: {  // "visible=12" → "tied=1\n..." would need a new length; overwrite "hidden=5\n" with "tied=0\n\n"?
                   // keep length:
            const std::string key = "decoder=sigmoid\n";
            auto it = std::search(bytes.begin(), bytes.end(), key.begin(), key.end());
            QVERIFY(it != bytes.end());
            const std::string repl = "tied=0\nx=123456\n";  // same length as the line it replaces
            QCOMPARE(repl.size(), key.size());
            std::copy(repl.begin(), repl.end(), it);
            break;
        }
        }
        const QString message = error_of(bytes);
        QVERIFY2(message.startsWith("m.dae: "), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        // Reading the header alone finds every damage up to the end of the header, and names the file.
        if (damage <= 3 || damage >= 7) {
            QTemporaryDir dir;
            const std::string path = (dir.path() + "/m.dae").toStdString();
            write_file_atomic(path, bytes);
            const QString header = error_message([&] { read_model_provenance(path); });
            QVERIFY2(header.startsWith(QString::fromStdString(path) + ": ") && header.contains(expected),
                     qPrintable(header));
        }
    }
    void nonFiniteWeightsAreRefused() {
        SavedModel s{trained_like(false), {}};
        s.model.w1(0, 0) = std::nanf("");
        const QString message = error_of(serialize_model(s));  // the CRC is right: only the values are bad
        QVERIFY2(message.contains("NaN or infinite"), qPrintable(message));
        SavedModel empty{Autoencoder(), {}};
        empty.model = Autoencoder(ModelConfig{});
        empty.model.w1.resize(0, 0);
        QVERIFY_THROWS_EXCEPTION(Error, serialize_model(empty));  // shapes must match the config
    }
    void npzRoundTripIsBitExact_data() {
        QTest::addColumn<bool>("tied");
        QTest::newRow("untied") << false;
        QTest::newRow("tied") << true;
    }
    void npzRoundTripIsBitExact() {
        QFETCH(bool, tied);
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/m.npz").toStdString();
        const Autoencoder m = trained_like(tied);
        export_npz(path, m);
        const Autoencoder back = import_npz(path);
        QCOMPARE(back.config().tied, tied);  // W2 = W1ᵀ exactly is recognised
        QVERIFY(back == m);
    }
    void npzLoadsInNumPy() {
        // The real consumer: NumPy reads our file with the documented shapes and r(x) agrees.
        const QString python = python_with_numpy();
        if (python.isEmpty()) QSKIP("python3-numpy is not installed (scripts/setup.sh installs it)");
        QTemporaryDir dir;
        const QString path = dir.path() + "/m.npz";
        const Autoencoder m = trained_like(false);
        export_npz(path.toStdString(), m);
        Matrix x = Matrix::Constant(12, 1, 0.25f);
        const Matrix r = m.reconstruct(x);
        QProcess py;
        py.start(python,
                 QStringList{"-c",
                             "import numpy as np, sys\n"
                             "z = np.load(sys.argv[1])\n"
                             "s = lambda a: 1 / (1 + np.exp(-a))\n"
                             "assert z['W1'].shape == (5, 12) and z['W2'].shape == (12, 5)\n"
                             "assert z['b1'].shape == (5,) and z['b2'].shape == (12,) and z['W1'].dtype == np.float32\n"
                             "r = s(z['W2'] @ s(z['W1'] @ np.full(12, 0.25, np.float32) + z['b1']) + z['b2'])\n"
                             "print(' '.join('%.7f' % v for v in r))\n",
                             path});
        QVERIFY(py.waitForFinished());
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const QStringList values = QString(py.readAllStandardOutput()).split(' ', Qt::SkipEmptyParts);
        QCOMPARE(values.size(), 12);
        for (int i = 0; i < 12; ++i)
            QVERIFY(std::abs(values[i].toDouble() - r(i, 0)) < 1e-5);
    }
    void damagedNpzIsRejected() {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/m.npz").toStdString();
        export_npz(path, trained_like(false));
        auto bytes = read_file(path);
        auto message = [&](std::vector<std::uint8_t> b) {
            try {
                import_npz_bytes(b, "m.npz");
            } catch (const Error& e) {
                return QString(e.what());
            }
            return QString();
        };
        QVERIFY(message({1, 2, 3}).contains("not a valid .npz archive"));
        auto cut = bytes;
        cut.resize(cut.size() / 2);
        QVERIFY2(message(cut).startsWith("m.npz: "), qPrintable(message(cut)));
        QVERIFY(message({}).contains("not a valid .npz archive"));
    }
    void npzFromNumPyInEveryLayout() {
        // NumPy writes C order (and float64, and deflate with savez_compressed): all must import,
        // and inconsistent shapes must be named.
        const QString python = python_with_numpy();
        if (python.isEmpty()) QSKIP("python3-numpy is not installed (scripts/setup.sh installs it)");
        QTemporaryDir dir;
        const QString good = dir.path() + "/good.npz", bad = dir.path() + "/bad.npz", f64 = dir.path() + "/f64.npz";
        const QString out = run_python(python,
                                       "import numpy as np, sys\n"
                                       "W1 = np.arange(60, dtype=np.float32).reshape(5, 12) / 7\n"
                                       "np.savez_compressed(sys.argv[1], W1=W1, b1=np.ones(5, np.float32), "
                                       "W2=W1.T.copy() * 2, b2=np.zeros(12, np.float32))\n"
                                       "np.savez(sys.argv[2], W1=W1, b1=np.ones(5, np.float32), W2=np.zeros((12, 4), "
                                       "np.float32), b2=np.zeros(12, np.float32))\n"
                                       "np.savez(sys.argv[3], W1=W1.astype(np.float64), b1=np.ones(5), "
                                       "W2=W1.T.astype(np.float64), b2=np.zeros(12))\n"
                                       "print('ok')\n",
                                       {good, bad, f64});
        QCOMPARE(out.trimmed(), QString("ok"));
        const Autoencoder m = import_npz(good.toStdString());
        QCOMPARE(m.hidden(), Index{5});
        QCOMPARE(m.visible(), Index{12});
        QVERIFY(!m.config().tied);
        QCOMPARE(m.w1(2, 7), float(2 * 12 + 7) / 7);  // C order read as (row, column)
        QCOMPARE(m.w2(7, 2), 2 * float(2 * 12 + 7) / 7);
        const Autoencoder t = import_npz(f64.toStdString());
        QVERIFY(t.config().tied);  // W2 = W1ᵀ exactly
        QCOMPARE(t.w1(4, 11), float(4 * 12 + 11) / 7);
        try {
            import_npz(bad.toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("W2 has shape (12, 4), expected (12, 5)"), e.what());
        }
    }
};

QTEST_MAIN(TestModelIo)
#include "tst_model_io.moc"
