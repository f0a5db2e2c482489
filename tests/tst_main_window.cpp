// The main window opens offscreen and shows real samples of the default data set.
#include "dae/default_data.h"
#include "dynamics/chain_panel.h"
#include "dynamics/dynamics_panel.h"
#include "dynamics/judge_keeper.h"
#include "experiments/atlas_panel.h"
#include "experiments/attractor_panel.h"
#include "experiments/phase_panel.h"
#include "experiments/toy_panel.h"
#include "main_window.h"
#include "render/tile_image.h"
#include "training/settings_model.h"
#include "training/settings_panel.h"
#include "training/training_lab.h"
#include "training/training_session.h"
#include "widgets/sample_grid.h"
#include "workspaces.h"

#include <QDir>
#include <QFileInfo>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void everyWorkspaceAndViewIsThereAndShows() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("daelab.ini"), QSettings::IniFormat);
        dae::ui::MainWindow w("mnist-10k", &settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.workspaces()->names(),
                 QStringList({"Train", "Iterate", "Explore", "Landscape", "Generative chain", "Attractors",
                              "2-D playground", "Data set", "Experiments", "Runs", "Noise sweep", "Stacked DAEs",
                              "Phase diagram", "Outcome atlas"}));
        for (const QString& name : w.workspaces()->names()) {
            QVERIFY(w.workspaces()->showNamed(name));
            QVERIFY(w.workspaces()->currentWidget()->isVisible());
            QVERIFY(!w.workspaces()->currentWidget()->grab().isNull());
        }
        QVERIFY(!w.workspaces()->showNamed("Filters"));
    }

    // What `daelab --phase DIR`, `--census N`, `--chain D` … show: the workspace and view of the part they fill.
    void aPartsWorkspaceComesToTheFront() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("daelab.ini"), QSettings::IniFormat);
        dae::ui::MainWindow w("mnist-10k", &settings);
        using W = dae::ui::Workspaces;
        const std::tuple<const QWidget*, W::Id, QString> parts[] = {{w.phasePanel(), W::Experiments, "Phase diagram"},
                                                                    {w.attractorPanel(), W::Explore, "Attractors"},
                                                                    {w.chainPanel(), W::Explore, "Generative chain"},
                                                                    {w.toyPanel(), W::Explore, "2-D playground"},
                                                                    {w.dynamicsPanel(), W::Iterate, ""},
                                                                    {w.settingsPanel(), W::Train, ""}};
        for (const auto& [part, id, view] : parts) {
            w.showTabOf(part);
            QCOMPARE(w.workspaces()->current(), id);
            if (QTabWidget* views = w.workspaces()->views(id)) QCOMPARE(views->tabText(views->currentIndex()), view);
        }
    }

    void theWholeWindowFitsSmallScreens() {
        // Regression: the first launch opened at 1741 × 991 with a minimum size larger than a
        // 1600 × 1000 screen. Every part must fit 1280 × 800, and the first size comes from the screen.
        QTemporaryDir dir;
        QSettings settings(dir.filePath("daelab.ini"), QSettings::IniFormat);
        dae::ui::MainWindow w("mnist-10k", &settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QSize min = w.minimumSizeHint().expandedTo(w.minimumSize());
        QVERIFY2(min.width() <= 1280 && min.height() <= 800,
                 qPrintable(QStringLiteral("%1 × %2").arg(min.width()).arg(min.height())));
        // The first size is nine tenths of the screen (the offscreen platform's is 800 × 800: smaller
        // than any desktop's, so the window may be held at its minimum there).
        const QRect screen = w.screen()->availableGeometry();
        QVERIFY(w.width() <= std::max(screen.width(), min.width()) &&
                w.height() <= std::max(screen.height(), min.height()));
        // No workspace or view grows the window.
        for (const QString& name : w.workspaces()->names())
            w.workspaces()->showNamed(name);
        QVERIFY(w.minimumSizeHint().width() <= 1280 && w.minimumSizeHint().height() <= 800);
    }

    void autosaveWorksOnAFreshHomeFolder() {
        // Regression: the settings folder did not exist before the first clean exit, so every
        // autosave of a first run failed (and crash recovery with it).
        QTemporaryDir dir;
        const QString fresh = dir.filePath("new/config/daelab.ini");  // no folder yet
        QSettings settings(fresh, QSettings::IniFormat);
        dae::ui::MainWindow w("mnist-10k", &settings);
        QVERIFY(QFileInfo(w.autosavePath()).dir().exists());
        w.setAutosaveInterval(0);
        dae::TrainingConfig c = w.lab()->settings()->config();
        c.model.hidden = 16;
        w.lab()->settings()->setConfig(c);
        w.lab()->reset();
        w.session()->start();
        QVERIFY(QTest::qWaitFor([&] { return QFileInfo::exists(w.autosavePath()); }, 10000));
        w.session()->stop();
    }

    void theOutcomeAtlasWaitsForTheJudgeThenIteratesEveryEpoch() {
        // Pressed while the outcomes' judge is still training, the atlas says it waits and starts
        // when the judge comes: one row per snapshot of the replay ring.
        QTemporaryDir dir;
        QSettings settings(dir.filePath("daelab.ini"), QSettings::IniFormat);
        dae::ui::MainWindow w("mnist-10k", &settings);
        w.setAutosaveInterval(0);
        dae::TrainingConfig c = w.lab()->settings()->config();
        c.model.hidden = 16;
        c.epochs = 2;
        w.lab()->settings()->setConfig(c);
        w.lab()->reset();
        w.session()->start();
        QVERIFY(QTest::qWaitFor([&] { return w.session()->state() == dae::ui::WorkerState::Finished; }, 60000));
        const std::size_t snapshots = w.lab()->ring().size();
        QVERIFY(snapshots >= 2);
        const dae::SharedPartition data = w.lab()->sharedPartition();
        w.judgeKeeper()->setData(data);  // the judge of the data set, being trained again
        QVERIFY(w.judgeKeeper()->training());
        dae::ui::AtlasPanel* atlas = w.atlasPanel();
        QSignalSpy finished(atlas, &dae::ui::AtlasPanel::finished);
        atlas->computeButton()->click();
        QVERIFY(atlas->waiting() && !atlas->computeButton()->isEnabled());
        // A judge arrives (a small one, given, so that the test does not wait for the real one).
        w.judgeKeeper()->setJudge(dae::Judge::train(data->train.head(1000), data->validation.head(200),
                                                    dae::JudgeConfig{.hidden = 32, .epochs = 1}));
        QVERIFY(QTest::qWaitFor([&] { return finished.size() == 1; }, 120000));
        QVERIFY(!atlas->waiting() && atlas->computeButton()->isEnabled());
        QCOMPARE(atlas->rows().size(), snapshots);
        QCOMPARE(atlas->rows().back().summary.total(), dae::Index{atlas->probeSize()});
    }

    void opensAndShowsSamples() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("daelab.ini"), QSettings::IniFormat);
        dae::ui::MainWindow w("mnist-10k", &settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.windowTitle(), QStringLiteral("new model · mnist-10k — daelab"));
        auto* grid = w.sampleGrid();
        QVERIFY(w.workspaces()->showNamed("Data set"));
        QVERIFY(grid->isVisible());
        QCOMPARE(grid->shownIndices().size(), std::size_t{100});
        // Row r shows digits of class r.
        for (std::size_t j = 0; j < 100; ++j)
            QCOMPARE(w.dataset().labels[static_cast<std::size_t>(grid->shownIndices()[j])], int(j / 10));
        // The image holds the samples' pixels: tile 0's pixel (x, y) is gray(sample(y*28+x)).
        const QImage img = grid->image();
        QCOMPARE(img.size(), QSize(10 * 29 + 1, 10 * 29 + 1));
        const auto& s = w.dataset().samples;
        const dae::Index first = grid->shownIndices()[0];
        int bright = 0;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const int g = qGray(img.pixel(1 + x, 1 + y));
                QCOMPARE(g, dae::ui::gray_level(s(y * 28 + x, first), 0, 1));
                bright += g > 128;
            }
        QVERIFY(bright > 20);  // a digit, not an empty tile
        // And it is actually painted on screen.
        const QImage shot = w.grab().toImage();
        QVERIFY(!shot.isNull());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
