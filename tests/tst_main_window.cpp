// The main window opens offscreen and shows real samples of the default data set.
#include "dae/default_data.h"
#include "main_window.h"
#include "sample_grid.h"
#include "tile_image.h"

#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void everyTabIsThereAndShows() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("daelab.ini"), QSettings::IniFormat);
        dae::ui::MainWindow w(dae::load_default_mnist(), &settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QStringList names;
        for (int i = 0; i < w.tabs()->count(); ++i) {
            names << w.tabs()->tabText(i);
            w.tabs()->setCurrentIndex(i);
            QVERIFY(w.tabs()->widget(i)->isVisible());
            QVERIFY(!w.tabs()->widget(i)->grab().isNull());
        }
        QCOMPARE(names, QStringList({"Filters", "Dynamics", "Outcome atlas", "Noise sweep", "Stacked DAEs", "Data", "2-D vector field"}));
    }

    void opensAndShowsSamples() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("daelab.ini"), QSettings::IniFormat);
        dae::ui::MainWindow w(dae::load_default_mnist(), &settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.windowTitle(), QStringLiteral("daelab"));
        auto* grid = w.sampleGrid();
        auto* tabs = w.findChild<QTabWidget*>();
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(tabs->indexOf(grid)), QStringLiteral("Data"));
        tabs->setCurrentWidget(grid);
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
