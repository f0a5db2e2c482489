// What the training lab's widgets draw: the filter grid is the weights under the chosen scaling,
// the reconstruction panel uses the slider's level, settings round-trip, and the window trains,
// shows progress and closes cleanly mid-run.
#include "dae/default_data.h"
#include "dae/model_io.h"
#include "filter_grid.h"
#include "loss_chart.h"
#include "main_window.h"
#include "reconstruction_panel.h"
#include "settings_panel.h"
#include "snapshot_ring.h"
#include "training_session.h"

#include <QAction>
#include <map>
#include <QComboBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

using namespace dae;
using namespace dae::ui;

namespace {

Matrix random_matrix(Index rows, Index cols, std::uint64_t seed) {
    Rng rng(seed);
    Matrix m(rows, cols);
    for (Index k = 0; k < m.size(); ++k) m.data()[k] = rng.uniform(-1, 1);
    return m;
}

// Gray level of pixel (x, y) of tile t in a tiles image.
int tile_gray(const QImage& img, const TileLayout& l, int t, int x, int y) {
    const int x0 = l.gap + (t % l.columns) * (l.tile_width + l.gap), y0 = l.gap + (t / l.columns) * (l.tile_height + l.gap);
    return qGray(img.pixel(x0 + x, y0 + y));
}

}  // namespace

class TestTrainingLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    void filterGridImageIsTheWeights_data() {
        QTest::addColumn<int>("scaling");
        QTest::newRow("per tile") << int(TileScaling::PerTile);
        QTest::newRow("global") << int(TileScaling::Global);
    }
    void filterGridImageIsTheWeights() {
        QFETCH(int, scaling);
        Matrix w1 = random_matrix(37, 784, 2);
        w1.row(5) *= 0.01f;  // a weak unit: visible per tile, faint globally
        FilterGrid grid;
        QComboBox* combo = grid.findChild<QComboBox*>();
        combo->setCurrentIndex(combo->findData(scaling));
        grid.setWeights(w1, 28, 28);
        const QImage img = grid.image();
        const TileLayout l = filter_layout(37, 28, 28);
        for (int u : {0, 5, 36}) {
            const Scalar lo = scaling == int(TileScaling::PerTile) ? w1.row(u).minCoeff() : w1.minCoeff();
            const Scalar hi = scaling == int(TileScaling::PerTile) ? w1.row(u).maxCoeff() : w1.maxCoeff();
            for (int y = 0; y < 28; y += 3)
                for (int x = 0; x < 28; x += 3) QCOMPARE(tile_gray(img, l, u, x, y), gray_level(w1(u, y * 28 + x), lo, hi));
        }
        // Hovering maps back to the unit and its norm.
        grid.resize(800, 800);
        grid.show();
        QVERIFY(QTest::qWaitForWindowExposed(&grid));
        FilterView* view = grid.view();
        const QPoint probe = view->tileCentre(5);
        QCOMPARE(view->unitAt(probe), 5);
        QVERIFY(std::abs(view->norms()(5) - w1.row(5).norm()) < 1e-5f);
    }

    void reconstructionPanelUsesTheSlidersLevel() {
        const Dataset mnist = load_default_mnist();
        const Matrix samples = mnist.subset({0, 1500, 3000, 4000}).samples;
        ModelConfig mc;
        mc.hidden = 30;
        Autoencoder model(mc);
        model.initialize(InitScheme::GlorotUniform, 4);
        ReconstructionPanel panel;
        panel.setCorruptionType(CorruptionType::Masking);
        panel.setSamples(samples, 28, 28);
        panel.setModel(model);
        QSignalSpy spy(&panel, &ReconstructionPanel::levelChanged);
        panel.slider()->setValue(400);  // ν = 0.4
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toDouble(), 0.4);
        QCOMPARE(panel.level(), 0.4);
        TileLayout l;
        l.columns = 4;
        const QImage expected = tiles_image(reconstruction_rows(model, samples, {CorruptionType::Masking, 0.4}), l, TileScaling::Fixed01);
        QCOMPARE(panel.image(), expected);
        // The corrupted row has exactly ⌊0.4·784⌋ = 313 masked pixels per digit beyond its own zeros.
        const Matrix rows = reconstruction_rows(model, samples, {CorruptionType::Masking, 0.4});
        for (Index j = 0; j < 4; ++j) {
            const Index zeros_clean = (samples.col(j).array() == 0).count();
            const Index zeros_corrupted = (rows.col(4 + j).array() == 0).count();
            QVERIFY(zeros_corrupted >= 313 && zeros_corrupted <= 313 + zeros_clean);
        }
        // A different level draws something else, at once.
        panel.slider()->setValue(0);
        QVERIFY(panel.image() != expected);
    }

    void settingsRoundTrip() {
        QTemporaryDir dir;
        QSettings store(dir.filePath("daelab.ini"), QSettings::IniFormat);
        TrainingConfig c = TrainingConfig::vincent2008();
        c.model.hidden = 123;
        c.model.encoder = Activation::Tanh;
        c.learning_rate = 0.05;
        c.annealing = 0.995;
        c.walkback = 2;
        c.batch = 50;
        c.epochs = 7;
        c.seed = 99;
        c.momentum = 0.5;
        c.regularization = {0.001, 0.1, 0.0001};
        SettingsPanel a;
        a.setConfig(c);
        QVERIFY(a.config() == c);
        a.save(store);
        store.sync();
        QSettings reread(dir.filePath("daelab.ini"), QSettings::IniFormat);
        SettingsPanel b;
        b.restore(reread);
        QVERIFY(b.config() == c);
    }

    void settingsPanelNamesAbsurdSettings() {
        SettingsPanel p;
        TrainingConfig c;
        c.batch = 900;
        p.setConfig(c);
        QString why;
        QVERIFY(!p.validate(800, &why));
        QVERIFY(why.contains("larger than the training set"));
    }

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
        auto* w = new MainWindow(load_default_mnist(), &store);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        QVERIFY(QTest::qWaitFor([&] { return w->session()->hasSnapshot(); }, 5000));
        const QImage before = w->filterGrid()->image();
        // The slider redraws the reconstructions at once, with no training at all.
        const QImage rec0 = w->reconstructions()->image();
        w->reconstructions()->slider()->setValue(100);
        QVERIFY(w->reconstructions()->image() != rec0);
        QCOMPARE(w->settingsPanel()->config().corruption.level, 0.1);

        w->startAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w->session()->state() == WorkerState::Running; }, 5000));
        QVERIFY(!w->startAction()->isEnabled());
        QVERIFY(w->pauseAction()->isEnabled());
        QVERIFY(QTest::qWaitFor([&] { return !w->lossChart()->epochs().isEmpty(); }, 20000));
        QVERIFY(QTest::qWaitFor([&] { return w->filterGrid()->image() != before; }, 5000));  // filters move
        QVERIFY(QTest::qWaitFor([&] { return w->lossChart()->displayedBatchPoints() > 0; }, 2000));  // coalesced redraw
        // Pause, then resume with the same run.
        w->pauseAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w->session()->state() == WorkerState::Paused; }, 5000));
        QCOMPARE(w->startAction()->text(), QStringLiteral("Resume"));
        const quint64 generation = w->session()->generation();
        w->startAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w->session()->state() == WorkerState::Running; }, 5000));
        QCOMPARE(w->session()->generation(), generation);
        // Save mid-run, then close the window while training.
        QString error;
        QVERIFY2(w->saveModelFile(dir.filePath("m.dae"), &error), qPrintable(error));
        QVERIFY(w->close());
        delete w;
        QCOMPARE(QSettings(dir.filePath("daelab.ini"), QSettings::IniFormat).value("training/hidden").toString(), QString("50"));
    }

    void anInterruptedRunCanBeResumed() {
        QTemporaryDir dir;
        QSettings store(dir.filePath("daelab.ini"), QSettings::IniFormat);
        store.setValue("training/hidden", "20");
        store.setValue("training/epochs", "50");
        Index seen = 0;
        {
            MainWindow w(load_default_mnist(), &store);
            w.setAutosaveInterval(10);
            w.resetAction()->trigger();  // applies the interval
            w.startAction()->trigger();
            QVERIFY(QTest::qWaitFor([&] { return w.session()->latest().samples_seen > 2000; }, 20000));
            w.pauseAction()->trigger();  // pausing autosaves at once
            QVERIFY(QTest::qWaitFor([&] { return w.session()->state() == WorkerState::Paused; }, 5000));
            seen = w.session()->latest().samples_seen;
            QVERIFY(QFile::exists(w.autosavePath()));
        }  // the window goes away as in a crash: the autosave stays
        MainWindow again(load_default_mnist(), &store);
        QString error;
        QVERIFY2(again.resumeAutosave(&error), qPrintable(error));
        QVERIFY(QTest::qWaitFor([&] { return again.session()->latest().samples_seen == seen; }, 10000));
        QCOMPARE(again.settingsPanel()->config().model.hidden, Index{20});
        QCOMPARE(again.session()->state(), WorkerState::Paused);
        again.startAction()->trigger();  // Resume goes on from there
        QVERIFY(QTest::qWaitFor([&] { return again.session()->latest().samples_seen > seen; }, 10000));
    }

    void replayShowsExactlyWhatWasShownLive() {
        QTemporaryDir dir;
        QSettings store(dir.filePath("daelab.ini"), QSettings::IniFormat);
        store.setValue("training/hidden", "25");
        store.setValue("training/epochs", "6");
        MainWindow w(load_default_mnist(), &store);
        // Record the filter image the window showed live at every epoch's end.
        std::map<int, QImage> live;
        connect(w.session(), &TrainingSession::snapshot, this, [&](const TrainingSnapshot& s) {
            if (s.batch == 0 && s.epoch > 0) {
                QCoreApplication::processEvents();  // let the window draw it first
                live[s.epoch] = w.filterGrid()->image();
            }
        });
        w.startAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w.session()->state() == WorkerState::Finished; }, 30000));
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
        QCOMPARE(w.filterGrid()->image(), filter_image(w.session()->latest().model.w1, 28, 28, w.filterGrid()->scaling()));
    }

    void ringThinsEvenly() {
        SnapshotRing ring(4);
        Autoencoder m(ModelConfig{2, 1});
        for (int e = 1; e <= 9; ++e) ring.push(e, m);
        // capacity 4: [1 2 3 4] → push 5 thins to [1 3] + 5 → … every entry kept is still in order.
        int last = 0;
        for (std::size_t i = 0; i < ring.size(); ++i) {
            QVERIFY(ring.at(i).epoch > last);
            last = ring.at(i).epoch;
        }
        QCOMPARE(ring.at(ring.size() - 1).epoch, 9);
        QVERIFY(ring.size() <= 4);
        QCOMPARE(ring.at(0).epoch, 1);
    }

    void loadingAModelOfTheWrongSizeIsRefused() {
        QTemporaryDir dir;
        QSettings store(dir.filePath("daelab.ini"), QSettings::IniFormat);
        MainWindow w(load_default_mnist(), &store);
        ModelConfig mc;
        mc.visible = 2;
        mc.hidden = 8;
        Autoencoder toy(mc);
        export_npz(dir.filePath("toy.npz").toStdString(), toy);
        QString error;
        QVERIFY(!w.loadModelFile(dir.filePath("toy.npz"), &error));
        QVERIFY2(error.contains("takes 2 values per sample") && error.contains("784"), qPrintable(error));
        QCOMPARE(w.settingsPanel()->config().model.hidden, Index{500});  // nothing already there was lost
    }
};

QTEST_MAIN(TestTrainingLab)
#include "tst_training_lab.moc"
