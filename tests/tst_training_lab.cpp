// The training lab as a whole: the window trains, shows progress and closes cleanly mid-run; an
// interrupted run resumes; the replay shows what was shown live; the CLI iterates the GUI's
// held-out digits; a model of the wrong size is refused.
#include "dae/default_data.h"
#include "dae/model_io.h"
#include "main_window.h"
#include "training/reconstruction_panel.h"
#include "training/settings_model.h"
#include "training/settings_panel.h"
#include "training/snapshot_ring.h"
#include "training/status_line.h"
#include "training/training_lab.h"
#include "training/training_session.h"
#include "widgets/filter_grid.h"
#include "widgets/loss_chart.h"
#include "widgets/number_field.h"

#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>

using namespace dae;
using namespace dae::ui;

class TestTrainingLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    void windowTrainsShowsProgressAndClosesMidRun() {
        QTemporaryDir dir;
        QSettings store(dir.filePath("daelab.ini"), QSettings::IniFormat);
        TrainingConfig c;
        c.model.hidden = 50;
        c.epochs = 200;
        store.beginGroup("training");
        store.setValue("hidden", "50");
        store.setValue("epochs", "200");
        store.endGroup();
        auto* w = new MainWindow("mnist-10k", &store);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        QVERIFY(QTest::qWaitFor([&] { return w->session()->hasSnapshot(); }, 5000));
        const QImage before = w->filterGrid()->image();
        // The slider redraws the reconstructions at once, with no training at all — and is only
        // a preview: the training level stays (regression: exploring it changed the next run).
        const QImage rec0 = w->reconstructions()->image();
        w->reconstructions()->slider()->setValue(100);
        QVERIFY(w->reconstructions()->image() != rec0);
        QCOMPARE(w->settingsModel()->config().corruption.level, 0.5);
        // The training level typed in the settings moves the slider at once.
        NumberField* level = w->settingsPanel()->field("level");
        level->setText("0.3");
        emit level->edited();
        QCOMPARE(w->reconstructions()->previewLevel(), 0.3);
        QCOMPARE(w->reconstructions()->slider()->value(), 300);
        QVERIFY(w->reconstructions()->trainingText().contains("0.3"));

        w->startAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w->session()->state() == WorkerState::Running; }, 5000));
        QVERIFY(!w->startAction()->isEnabled());
        QVERIFY(w->pauseAction()->isEnabled());
        QVERIFY(QTest::qWaitFor([&] { return !w->lossChart()->epochs().isEmpty(); }, 20000));
        QVERIFY(QTest::qWaitFor([&] { return w->filterGrid()->image() != before; }, 5000));          // filters move
        QVERIFY(QTest::qWaitFor([&] { return w->lossChart()->displayedBatchPoints() > 0; }, 2000));  // coalesced redraw
        // Pause, then resume with the same run.
        w->pauseAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w->session()->state() == WorkerState::Paused; }, 5000));
        QCOMPARE(w->startAction()->text(), QStringLiteral("Resume"));
        const quint64 generation = w->session()->generation();
        w->startAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w->session()->state() == WorkerState::Running; }, 5000));
        QCOMPARE(w->session()->generation(), generation);
        // Noise changes mid-run reach the trainer once each, and the chart marks each once.
        w->reconstructions()->slider()->setValue(150);
        w->reconstructions()->slider()->setValue(200);  // dragging: no marker, no change of training
        w->reconstructions()->useButton()->click();     // σ = 0.2 for training
        QVERIFY(QTest::qWaitFor([&] { return !w->lossChart()->noiseChanges().isEmpty(); }, 5000));
        QTest::qWait(200);
        QCOMPARE(w->lossChart()->noiseChanges().size(), qsizetype{1});
        QCOMPARE(w->lossChart()->noiseChanges().front().second, 0.2);
        QCOMPARE(w->settingsModel()->config().corruption.level, 0.2);
        // Closing mid-run asks first; Cancel keeps the window and the run.
        QStringList asked;
        w->setDiscardQuestion([&](const QString& what) {
            asked << what;
            return QMessageBox::Cancel;
        });
        QVERIFY(!w->close());
        QCOMPARE(asked.size(), 1);
        QCOMPARE(w->session()->state(), WorkerState::Running);
        // Save mid-run, then close the window while training: nothing unsaved, no question.
        QString error;
        QVERIFY2(w->saveModelFile(dir.filePath("m.dae"), &error), qPrintable(error));
        w->setDiscardQuestion([&](const QString&) { return QMessageBox::Discard; });
        QVERIFY(w->close());
        delete w;
        QCOMPARE(QSettings(dir.filePath("daelab.ini"), QSettings::IniFormat).value("training/hidden").toString(),
                 QString("50"));
    }

    // Regression: Qt Charts' legend cut its entries to "mini…", "vali…", "clea…" in a narrow dock.
    // The legend is a wrapping label: every name whole, at the narrow width, and in the export.
    void anInterruptedRunCanBeResumed() {
        QTemporaryDir dir;
        QSettings store(dir.filePath("daelab.ini"), QSettings::IniFormat);
        store.setValue("training/hidden", "20");
        store.setValue("training/epochs", "50");
        store.setValue("training/batch", "100");  // an epoch is a moment: 80 minibatches
        Index seen = 0;
        QVector<EpochReport> curves;
        {
            MainWindow w("mnist-10k", &store);
            w.setAutosaveInterval(10);
            w.resetAction()->trigger();  // applies the interval
            w.startAction()->trigger();
            QVERIFY(QTest::qWaitFor([&] { return w.lossChart()->epochs().size() >= 3; }, 30000));
            w.pauseAction()->trigger();  // pausing autosaves at once
            QVERIFY(QTest::qWaitFor([&] { return w.session()->state() == WorkerState::Paused; }, 5000));
            seen = w.session()->latest().samples_seen;
            curves = w.lossChart()->epochs();
            QVERIFY(QFile::exists(w.autosavePath()));
            // Paused, nothing is left to wait for: no rate, no time left.
            QVERIFY2(w.statusLine()->rateText().isEmpty(), qPrintable(w.statusLine()->rateText()));
            // Resume after a pause keeps the curves and the replay.
            const auto points = w.lossChart()->batchPoints().size();
            const auto history = w.replayRing().size();
            w.startAction()->trigger();
            QVERIFY(QTest::qWaitFor([&] { return w.session()->latest().samples_seen > seen; }, 10000));
            QVERIFY(w.lossChart()->epochs().size() >= curves.size() && w.lossChart()->batchPoints().size() >= points);
            QVERIFY(w.replayRing().size() >= history);
            QVERIFY(QTest::qWaitFor([&] { return !w.statusLine()->rateText().isEmpty(); }, 5000));  // running again
            w.pauseAction()->trigger();
            QVERIFY(QTest::qWaitFor([&] { return w.session()->state() == WorkerState::Paused; }, 5000));
            seen = w.session()->latest().samples_seen;
            curves = w.lossChart()->epochs();
        }  // the window goes away as in a crash: the autosave stays
        MainWindow again("mnist-10k", &store);
        QString error;
        QVERIFY2(again.resumeAutosave(&error), qPrintable(error));
        QVERIFY(QTest::qWaitFor([&] { return again.session()->latest().samples_seen == seen; }, 10000));
        QCOMPARE(again.settingsModel()->config().model.hidden, Index{20});
        QCOMPARE(again.session()->state(), WorkerState::Paused);
        // Regression: the resumed run's loss chart was empty; its epochs so far come back with it.
        QCOMPARE(again.lossChart()->epochs().size(), curves.size());
        for (int i = 0; i < curves.size(); ++i)
            QVERIFY(std::abs(again.lossChart()->epochs()[i].train_loss - curves[i].train_loss) <=
                    1e-5 * std::abs(curves[i].train_loss));
        again.startAction()->trigger();  // Resume goes on from there
        QVERIFY(QTest::qWaitFor([&] { return again.session()->latest().samples_seen > seen; }, 10000));
    }

    void aSavedModelOpensWithItsCurves() {
        QTemporaryDir dir;
        QSettings store(dir.filePath("daelab.ini"), QSettings::IniFormat);
        store.setValue("training/hidden", "12");
        store.setValue("training/epochs", "3");
        store.setValue("training/batch", "100");
        QVector<EpochReport> curves;
        const QString file = dir.filePath("m.dae");
        {
            MainWindow w("mnist-10k", &store);
            w.startAction()->trigger();
            QVERIFY(QTest::qWaitFor([&] { return w.session()->state() == WorkerState::Finished; }, 30000));
            curves = w.lossChart()->epochs();
            QCOMPARE(curves.size(), 3);
            QString error;
            QVERIFY2(w.saveModelFile(file, &error), qPrintable(error));
            QCOMPARE(w.windowTitle(), QString("m.dae · mnist-10k — daelab"));
        }
        QCOMPARE(load_model(file.toStdString()).provenance.curves.size(), std::size_t{3});
        MainWindow w("mnist-10k", &store);
        QString error;
        QVERIFY2(w.loadModelFile(file, &error), qPrintable(error));
        QCOMPARE(w.lossChart()->epochs().size(), 3);
        QCOMPARE(w.lossChart()->epochs()[2].epoch, 2);
        QVERIFY(w.statusLine()->modelText().startsWith("m.dae: 3 epochs"));
        QVERIFY(w.statusLine()->epochText().isEmpty());  // not "epoch 1 / 3 · 0 samples": nothing trains
    }

    void replayShowsExactlyWhatWasShownLive() {
        QTemporaryDir dir;
        QSettings store(dir.filePath("daelab.ini"), QSettings::IniFormat);
        store.setValue("training/hidden", "25");
        store.setValue("training/epochs", "6");
        MainWindow w("mnist-10k", &store);
        // Record the filter image the window showed live at every epoch's end.
        std::map<int, QImage> live;
        connect(w.session(), &TrainingSession::snapshot, this, [&](const TrainingSnapshot& s) {
            if (s.batch == 0 && s.epoch > 0) {
                QCoreApplication::processEvents();  // let the window draw it first
                live[s.epoch] = w.filterGrid()->image();
            }
        });
        w.startAction()->trigger();
        // Generous: under ThreadSanitizer, with the judge training beside it, 6 epochs take tens of seconds.
        QVERIFY(QTest::qWaitFor([&] { return w.session()->state() == WorkerState::Finished; }, 180000));
        QTest::qWait(50);
        QCOMPARE(w.replayRing().size(), std::size_t{7});  // epoch 0 (initial weights) … 6
        QCOMPARE(w.replayRing().at(0).epoch, 0);
        for (std::size_t i = 0; i < w.replayRing().size(); ++i) {
            const auto& e = w.replayRing().at(i);
            w.showReplay(static_cast<int>(i));
            QVERIFY(w.replaying());
            QCOMPARE(w.filterGrid()->image(), filter_image(e.model.w1, 28, 28, w.filterGrid()->scaling()));
            if (live.count(e.epoch)) QCOMPARE(w.filterGrid()->image(), live[e.epoch]);
        }
        QCOMPARE(int(live.size()), 6);
        w.showReplay(-1);  // back to live: the final model
        QVERIFY(!w.replaying());
        QCOMPARE(w.filterGrid()->image(),
                 filter_image(w.session()->latest().model.w1, 28, 28, w.filterGrid()->scaling()));
    }

    void stopThenStartAsksBeforeDiscardingTheModel() {
        QTemporaryDir dir;
        QSettings store(dir.filePath("daelab.ini"), QSettings::IniFormat);
        store.setValue("training/hidden", "20");
        MainWindow w("mnist-10k", &store);
        QStringList asked;
        QMessageBox::StandardButton answer = QMessageBox::Cancel;
        w.setDiscardQuestion([&](const QString& what) {
            asked << what;
            return answer;
        });
        w.startAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w.session()->latest().samples_seen > 200; }, 10000));
        w.stopAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w.session()->state() == WorkerState::Stopped; }, 5000));
        const Index seen = w.session()->latest().samples_seen;
        w.startAction()->trigger();  // would start a new run over the stopped model: asks; Cancel
        QCOMPARE(asked.size(), 1);
        QTest::qWait(50);
        QCOMPARE(w.session()->state(), WorkerState::Stopped);
        QCOMPARE(w.session()->latest().samples_seen, seen);
        w.resetAction()->trigger();  // Reset asks too
        QCOMPARE(asked.size(), 2);
        answer = QMessageBox::Discard;
        w.startAction()->trigger();
        QCOMPARE(asked.size(), 3);
        QVERIFY(QTest::qWaitFor([&] { return w.session()->state() == WorkerState::Running; }, 5000));
        w.stopAction()->trigger();
    }

    void theCliIteratesExactlyTheGuisHeldOutDigits() {
        // A data set of n = 1003 samples (n mod 5 = 3: round(n/5) = 201 held out, floor would give
        // 200): the GUI trains and saves; daelab-cli iterate on the saved model must use the very
        // digits the GUI held out.
#ifdef __SANITIZE_THREAD__
        // Under ThreadSanitizer, QProcess's fork from this many-threaded process ends the run
        // ("starting new threads after multi-threaded fork is not supported"); the split rule is
        // not about threads, and the normal and ASan suites run this test.
        QSKIP("spawns daelab-cli: not under ThreadSanitizer");
#endif
        QTemporaryDir dir;
        const Dataset d = load_default_mnist().subset([] {
            std::vector<Index> v;
            for (Index j = 0; j < 1003; ++j)
                v.push_back(j * 9);
            return v;
        }());
        const std::string images = dir.filePath("i.idx3").toStdString(), labels = dir.filePath("l.idx1").toStdString();
        write_idx(images, images_to_idx(d));
        write_idx(labels, labels_to_idx(d));
        QSettings store(dir.filePath("daelab.ini"), QSettings::IniFormat);
        store.setValue("training/hidden", "16");
        MainWindow w(images + "," + labels, &store);
        QCOMPARE(w.lab()->partition().validation.size(), Index{201});
        w.stepAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w.session()->latest().samples_seen == 20; }, 5000));
        QString error;
        QVERIFY2(w.saveModelFile(dir.filePath("m.dae"), &error), qPrintable(error));
        QProcess cli;
        cli.start(DAELAB_CLI, {"iterate", dir.filePath("m.dae"), "--subset", "validation", "--max-steps", "3", "-q",
                               "-o", dir.filePath("f.npz")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QVERIFY(QString(cli.readAllStandardOutput()).contains("201 samples"));
        // The .npz holds the originals one sample per row, as NumPy users expect.
        const Matrix cli_originals = read_npz_array(dir.filePath("f.npz").toStdString(), "originals");
        QVERIFY(cli_originals.transpose() == w.lab()->partition().validation.samples);
    }

    void loadingAModelOfTheWrongSizeIsRefused() {
        QTemporaryDir dir;
        QSettings store(dir.filePath("daelab.ini"), QSettings::IniFormat);
        MainWindow w("mnist-10k", &store);
        ModelConfig mc;
        mc.visible = 2;
        mc.hidden = 8;
        Autoencoder toy(mc);
        export_npz(dir.filePath("toy.npz").toStdString(), toy);
        QString error;
        QVERIFY(!w.loadModelFile(dir.filePath("toy.npz"), &error));
        QVERIFY2(error.contains("takes 2 values per sample") && error.contains("784"), qPrintable(error));
        QCOMPARE(w.settingsModel()->config().model.hidden, Index{500});  // nothing already there was lost
    }
};

QTEST_MAIN(TestTrainingLab)
#include "tst_training_lab.moc"
