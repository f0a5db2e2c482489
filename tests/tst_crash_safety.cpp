// Crash safety: checkpoints resume bit-identically, damaged ones are refused, a training process
// killed with SIGKILL resumes to the same model byte for byte, and a process killed while saving
// always leaves the previous file or the new one, never a torn one.
#include "dae/checkpoint.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/files.h"
#include "dae/model_io.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdio>
#include <cstring>

using namespace dae;

namespace {

Autoencoder model_with_seed(std::uint64_t seed) {
    Autoencoder m(ModelConfig{});  // 784-500-784: a 3 MB file, slow enough to be caught mid-write
    m.initialize(InitScheme::GlorotUniform, seed);
    return m;
}

// Child mode: save two different models to the same path, alternately, until killed.
[[noreturn]] void save_loop(const char* path) {
    SavedModel a{model_with_seed(1), {}}, b{model_with_seed(2), {}};
    a.provenance.extra = {{"which", "a"}};
    b.provenance.extra = {{"which", "b"}};
    for (unsigned i = 0;; ++i) {
        save_model(path, i % 2 ? b : a);
        std::printf("saved\n");  // progress for the parent, which kills at random moments after it
        std::fflush(stdout);
    }
}

QByteArray read_all(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

TrainingConfig busy_config() {
    TrainingConfig c;
    c.model.hidden = 24;
    c.epochs = 4;
    c.momentum = 0.5;                               // velocity must be restored
    c.corruption = {CorruptionType::Masking, 0.3};  // the permutation buffer must be restored
    c.walkback = 2;
    return c;
}

}  // namespace

class TestCrashSafety : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    void checkpointResumesBitIdentically() {
        const Dataset mnist = load_default_mnist();
        const Matrix train = mnist.samples.leftCols(600), validation = mnist.samples.middleCols(600, 100);
        Trainer straight(busy_config(), train, validation);
        straight.run();

        Trainer first(busy_config(), train, validation);
        for (int i = 0; i < 47; ++i)
            first.step();  // mid-epoch (30 minibatches an epoch)
        Provenance prov;
        prov.dataset = "mnist-10k";
        prov.split = SplitSpec{SplitSpec::Rule::Shuffled, 600, 100, 7};
        prov.threads = 1;
        const auto bytes = serialize_checkpoint(first, prov);
        const Checkpoint c = parse_checkpoint(bytes, "mem.ckpt");
        QVERIFY(c.config == busy_config());
        QCOMPARE(c.provenance.dataset, std::string("mnist-10k"));
        QVERIFY(c.provenance.split == prov.split);
        QCOMPARE(c.provenance.threads, 1);
        QVERIFY(c.provenance.settings == busy_config());
        Trainer resumed(c.config, train, validation);
        resumed.set_state(c.state);
        QCOMPARE(resumed.samples_seen(), first.samples_seen());
        resumed.run();
        QVERIFY(resumed.model() == straight.model());
        QCOMPARE(resumed.last_epoch().validation_loss, straight.last_epoch().validation_loss);
    }

    void damagedCheckpointsAreRefused() {
        Trainer t(busy_config(), load_default_mnist().samples.leftCols(300));
        t.step();
        auto bytes = serialize_checkpoint(t, {});
        auto refuse = [](std::vector<std::uint8_t> b, const char* expected) {
            try {
                parse_checkpoint(b, "x.ckpt");
            } catch (const Error& e) {
                QVERIFY2(QString(e.what()).contains(expected), e.what());
                return;
            }
            QFAIL("accepted");
        };
        auto cut = bytes;
        cut.resize(bytes.size() / 2);
        refuse(cut, "checksum mismatch");
        auto flipped = bytes;
        flipped[flipped.size() / 2] ^= 1;
        refuse(flipped, "checksum mismatch");
        auto magic = bytes;
        magic[0] = 'X';
        refuse(magic, "bad magic");
        refuse({}, "too short");
        // A checkpoint made on other data is refused by the trainer.
        Trainer other(busy_config(), load_default_mnist().samples.leftCols(200));
        QVERIFY_THROWS_EXCEPTION(Error, other.set_state(parse_checkpoint(bytes, "x.ckpt").state));
    }

    void killedTrainingResumesToTheSameModel() {
        QTemporaryDir dir;
        const QStringList common{"train",     "-d",
                                 "mnist-10k", "--hidden",
                                 "100",       "--epochs",
                                 "8",         "--train-samples",
                                 "6000",      "--validation-samples",
                                 "500",       "--threads",
                                 "1",         "--momentum",
                                 "0.3",       "-q"};
        QProcess straight;
        straight.setWorkingDirectory(dir.path());
        straight.start(DAELAB_CLI, common + QStringList{"-o", "straight.dae"});
        QVERIFY(straight.waitForFinished(120000));
        QCOMPARE(straight.exitCode(), 0);

        QProcess victim;
        victim.setWorkingDirectory(dir.path());
        victim.start(DAELAB_CLI, common + QStringList{"-o", "resumed.dae", "--checkpoint", "run.ckpt"});
        QVERIFY(victim.waitForStarted());
        const std::string ckpt = dir.filePath("run.ckpt").toStdString();
        const bool reached = QTest::qWaitFor(
            [&] {
                try {
                    return load_checkpoint(ckpt).state.epoch >= 2;  // every read must parse: atomic saves
                } catch (const Error& e) {
                    if (QFile::exists(dir.filePath("run.ckpt"))) qWarning("unreadable checkpoint: %s", e.what());
                    return false;
                }
            },
            60000);
        QVERIFY(reached);
        ::kill(static_cast<pid_t>(victim.processId()), SIGKILL);  // no chance to clean up
        QVERIFY(victim.waitForFinished());
        QVERIFY(victim.exitStatus() == QProcess::CrashExit);
        QVERIFY(!QFile::exists(dir.filePath("resumed.dae")));
        const Checkpoint left = load_checkpoint(ckpt);  // intact after the kill
        QVERIFY(left.state.epoch >= 2 && left.state.epoch < 8);

        QProcess resume;
        resume.setWorkingDirectory(dir.path());
        resume.start(DAELAB_CLI, {"train", "--resume", "run.ckpt", "--threads", "1", "-q", "-o", "resumed.dae"});
        QVERIFY(resume.waitForFinished(120000));
        QVERIFY2(resume.exitCode() == 0, resume.readAllStandardError().constData());
        QCOMPARE(read_all(dir.filePath("resumed.dae")), read_all(dir.filePath("straight.dae")));
    }

    void killedWhileSavingLeavesAWholeFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("model.dae");
        SavedModel a{model_with_seed(1), {}};
        a.provenance.extra = {{"which", "a"}};
        save_model(path.toStdString(), a);
        Rng rng(3);
        int saw_b = 0;
        for (int round = 0; round < 12; ++round) {
            QProcess child;
            child.start(QCoreApplication::applicationFilePath(), {"--save-loop", path});
            QVERIFY(child.waitForStarted());
            // Wait for the child's own progress, not the clock (a loaded machine is slow): after
            // its first save ("a") it is writing "b"; in the last round, let "b" complete too.
            const int saves = round == 11 ? 2 : 1;
            int seen = 0;
            QVERIFY(QTest::qWaitFor(
                [&] {
                    seen += static_cast<int>(child.readAllStandardOutput().count("saved"));
                    return seen >= saves;
                },
                60000));
            QTest::qWait(static_cast<int>(rng.below(40)));
            ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
            QVERIFY(child.waitForFinished());
            const SavedModel m = load_model(path.toStdString());  // never torn: the old file or the new one
            const std::string which = m.provenance.extra.at("which");
            QVERIFY(which == "a" || which == "b");
            QVERIFY(m.model == model_with_seed(which == "a" ? 1 : 2));
            saw_b += which == "b";
        }
        QVERIFY(saw_b > 0);  // the loop really did replace the file
    }
};

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "--save-loop") == 0) save_loop(argv[2]);
    QCoreApplication app(argc, argv);
    TestCrashSafety test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crash_safety.moc"
