// The generative chain in the Dynamics tab (ChainPanel): it runs in its worker and draws exactly
// the core's chain — at noise level 0 the chain is x ← r(x), so its strip must be the last 16
// iterates of r; the noise level moved while it runs takes effect (the chain starts to move
// between classes); a second model runs the same chain beside (a second row, its own statistics,
// named by its file); a model of another size is refused with the file named; closing the panel
// mid-chain is safe.
#include "dae/model_io.h"
#include "dynamics/chain_panel.h"
#include "dynamics_fixture.h"
#include "render/tile_image.h"

#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

using namespace dae;
using namespace dae::ui;

namespace {

// Runs the panel's chain until it has made at least `steps` steps, then stops it and waits.
void run_until(ChainPanel& panel, int steps) {
    QSignalSpy progressed(&panel, &ChainPanel::progressed);
    while (panel.steps() < steps)
        QVERIFY(progressed.wait(10000));
    panel.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.running(), 10000);
}

// Mean absolute difference of two equally sized strips, in gray levels (0 … 255).
double mean_change(const QImage& a, const QImage& b) {
    if (a.size() != b.size()) return 255;
    const QImage x = a.convertToFormat(QImage::Format_Grayscale8), y = b.convertToFormat(QImage::Format_Grayscale8);
    double sum = 0;
    for (int r = 0; r < x.height(); ++r)
        for (int c = 0; c < x.width(); ++c)
            sum += std::abs(int(x.constScanLine(r)[c]) - int(y.constScanLine(r)[c]));
    return sum / (x.width() * x.height());
}

void prepare(ChainPanel& panel, double level) {
    panel.setData(std::make_shared<const Partition>(fixture().data));
    panel.setJudge(fixture().judge);
    panel.setModel(fixture().model, {CorruptionType::Gaussian, 0.5});
    panel.setLevel(level);
}

}  // namespace

class TestChainPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    void theSliderSpansTheTrainingNoisesRange() {
        // Regression: with the default Gaussian σ = 0.5 the slider kept Qt's 0 … 99 range (0 … 0.099)
        // under a "σ = 0.500" label, so the training level could never be chosen again.
        ChainPanel panel;
        auto* slider = panel.findChild<QSlider*>();
        QVERIFY(slider);
        QCOMPARE(slider->maximum(), static_cast<int>(max_level(CorruptionType::Gaussian) * 1000));
        QCOMPARE(slider->value(), 500);
        panel.setModel(fixture().model, {CorruptionType::Gaussian, 0.5});
        QCOMPARE(slider->value(), 500);
        panel.setModel(fixture().model, {CorruptionType::Masking, 0.25});
        QCOMPARE(slider->maximum(), 1000);
        QCOMPARE(slider->value(), 250);
        slider->setValue(700);
        QCOMPARE(panel.level(), 0.7);
    }

    void atLevelZeroTheStripIsTheIteration() {
        ChainPanel panel;
        prepare(panel, 0.0);
        QCOMPARE(panel.level(), 0.0);
        panel.startFrom(7);
        run_until(panel, 40);
        const int steps = panel.steps();
        QVERIFY(steps >= 40);
        // The last 16 iterates of x ← r(x) from test digit 7, drawn as the panel draws them.
        const Autoencoder& m = fixture().model;
        Matrix x = fixture().data.test.samples.col(7), h, o;
        Matrix expected(x.rows(), 16);
        for (int s = 1; s <= steps; ++s) {
            m.reconstruct(x, h, o);
            x = o;
            if (s > steps - 16) expected.col(s - (steps - 16) - 1) = x.col(0);
        }
        TileLayout l;
        l.columns = 16;
        const QImage want = tiles_image(expected, l, TileScaling::Fixed01);
        QCOMPARE(panel.stripImage().size(), want.size());
        QVERIFY(panel.stripImage().convertToFormat(want.format()) == want);
        QVERIFY(panel.statsText().contains("this model"));
        QVERIFY(panel.stats().classes_visited >= 1);
    }

    void theLevelTakesEffectWhileItRuns() {
        ChainPanel panel;
        prepare(panel, 0.0);
        panel.startFrom(3);
        QSignalSpy progressed(&panel, &ChainPanel::progressed);
        while (panel.steps() < 100)
            QVERIFY(progressed.wait(10000));
        // Settled: at level 0 the chain stays near one fixed point, so the strip hardly changes.
        const QImage settled = panel.stripImage();
        QVERIFY(progressed.wait(10000));
        const double still = mean_change(settled, panel.stripImage());
        panel.setLevel(3.0);  // strong noise, moved while the chain runs
        QCOMPARE(panel.level(), 3.0);
        const int moved_at = panel.steps();
        while (panel.steps() < moved_at + 20)
            QVERIFY(progressed.wait(10000));
        const double moving = mean_change(settled, panel.stripImage());
        panel.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.running(), 10000);
        QVERIFY2(still < 0.5 && moving > 10 * std::max(still, 0.2),
                 qPrintable(QString("still %1, moving %2 gray levels").arg(still).arg(moving)));
    }

    void aSecondModelRunsBeside() {
        QTemporaryDir dir;
        const QString file = dir.filePath("ordinary.dae");
        save_model(file.toStdString(), SavedModel{fixture().model, {}});
        ChainPanel panel;
        prepare(panel, 0.5);
        panel.startFrom(1);
        run_until(panel, 10);
        const int one_row = panel.stripImage().height();
        QString error;
        QVERIFY2(panel.setComparison(file, &error), qPrintable(error));
        panel.startFrom(1);
        run_until(panel, 10);
        QVERIFY(panel.stripImage().height() > one_row);
        QVERIFY(panel.statsText(1).contains("ordinary.dae"));
        // The same model with the same noise: the same chain, so the same statistics.
        QCOMPARE(panel.stats(1).classes_visited, panel.stats(0).classes_visited);
        QCOMPARE(panel.stats(1).mean_confidence, panel.stats(0).mean_confidence);

        ModelConfig other;
        other.visible = 100;
        other.hidden = 10;
        const QString wrong = dir.filePath("other-size.dae");
        save_model(wrong.toStdString(), SavedModel{Autoencoder(other), {}});
        QVERIFY(!panel.setComparison(wrong, &error));
        QVERIFY2(error.contains("other-size.dae") && error.contains("784"), qPrintable(error));
    }

    void closingMidChainIsSafe() {
        auto panel = std::make_unique<ChainPanel>();
        prepare(*panel, 0.5);
        QSignalSpy progressed(panel.get(), &ChainPanel::progressed);
        panel->startFrom(0);
        QVERIFY(progressed.wait(10000));
        QVERIFY(panel->running());
        panel.reset();  // joins the worker mid-chain
    }
};

QTEST_MAIN(TestChainPanel)
#include "tst_chain_panel.moc"
