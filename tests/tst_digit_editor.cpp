// Corrupting a real digit by hand in the Iterate workspace: the editor starts from a test digit or
// an end point, its edits (erase, cover a box, shift, turn, scale, an engine corruption) change the
// canvas as the core's image edits do, the edited digit is iterated from exactly the pixels the
// canvas shows — not re-centred like a drawing — and the original's trajectory plays beside it.
#include "dae/variants.h"
#include "dynamics/digit_editor.h"
#include "dynamics/dynamics_panel.h"
#include "dynamics/trajectory_player.h"
#include "dynamics_fixture.h"
#include "widgets/draw_canvas.h"

#include <QSignalSpy>
#include <QTest>

using namespace dae;
using namespace dae::ui;

class TestDigitEditor : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    void editsChangeTheCanvasAsTheCoresImageEditsDo() {
        DigitEditor editor;
        const Vector digit = fixture().data.test.samples.col(3);
        editor.startFrom(digit, 4, QStringLiteral("test digit 3"));
        QVERIFY(editor.editingRealDigit());
        QVERIFY(editor.canvas()->pixels() == digit);
        QVERIFY(editor.pixelsToIterate() == digit);  // a real digit is not re-centred
        editor.shift(2, -1);
        QVERIFY(editor.canvas()->pixels() == shifted_image(digit, 28, 28, 2, -1));
        const Vector before_turn = editor.canvas()->pixels();
        editor.turn(15);
        QVERIFY(editor.canvas()->pixels() == rotated_image(before_turn, 28, 28, 15).cwiseMax(0.0F).cwiseMin(1.0F));
        const Vector before_scale = editor.canvas()->pixels();
        editor.scale(1.1);
        QVERIFY(editor.canvas()->pixels() == scaled_image(before_scale, 28, 28, 1.1).cwiseMax(0.0F).cwiseMin(1.0F));
        // The box tool covers what is dragged over; the eraser takes ink away along its stroke.
        DrawCanvas* canvas = editor.canvas();
        canvas->setTool(DrawCanvas::Tool::Box);
        const QRectF r(canvas->rect());
        QTest::mousePress(canvas, Qt::LeftButton, {}, QPoint(int(r.width() * 0.1), int(r.height() * 0.1)));
        QTest::mouseMove(canvas, QPoint(int(r.width() * 0.9), int(r.height() * 0.5)));
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, QPoint(int(r.width() * 0.9), int(r.height() * 0.5)));
        for (int y = 4; y < 13; ++y)
            for (int x = 4; x < 24; ++x)
                QCOMPARE(canvas->pixels()(y * 28 + x), 0.0F);
        canvas->setTool(DrawCanvas::Tool::Paint);
        canvas->stroke(QPointF(5, 20), QPointF(22, 20));
        QCOMPARE(canvas->pixels()(20 * 28 + 14), 1.0F);
        canvas->setTool(DrawCanvas::Tool::Erase);
        canvas->stroke(QPointF(5, 20), QPointF(22, 20));
        QCOMPARE(canvas->pixels()(20 * 28 + 14), 0.0F);
        // An engine corruption at a level: Gaussian noise moves most pixels; the result stays in [0, 1].
        const Vector before_noise = canvas->pixels();
        editor.corrupt({CorruptionType::Gaussian, 0.3});
        const Vector noisy = canvas->pixels();
        QVERIFY((noisy - before_noise).cwiseAbs().maxCoeff() > 0.3);
        QVERIFY(noisy.minCoeff() >= 0 && noisy.maxCoeff() <= 1);
        // Masking at ν = 1 clears everything.
        editor.corrupt({CorruptionType::Masking, 1.0});
        QCOMPARE(canvas->pixels().sum(), 0.0F);
        // Clear: a drawing from blank again, centred like MNIST before it is iterated.
        editor.clear();
        QVERIFY(!editor.editingRealDigit());
        canvas->setTool(DrawCanvas::Tool::Paint);
        canvas->stroke(QPointF(2, 2), QPointF(9, 3));
        QVERIFY(editor.pixelsToIterate() == normalize_like_mnist(canvas->pixels(), 28, 28));
    }

    void aHandCorruptedDigitIteratesFromExactlyThePixelsShownBesideTheOriginal() {
        DynamicsPanel panel;
        give_fixture(panel);
        const Index i = 5;
        panel.editDigit(i);
        DigitEditor* editor = panel.editor();
        editor->corrupt({CorruptionType::SaltPepper, 0.2});
        editor->turn(-15);
        panel.canvas()->cover(QPointF(0, 0), QPointF(27, 6));
        const Vector shown = panel.canvas()->pixels();
        QSignalSpy iterated(&panel, &DynamicsPanel::trajectoryShown);
        panel.iterateDrawing();
        QVERIFY(iterated.wait(20000));
        const Trajectory& t = panel.player()->trajectory();
        QVERIFY(t.frames.col(0) == shown);
        QCOMPARE(t.label, fixture().data.test.labels[i]);  // judged against the original's label
        const Trajectory& original = panel.player()->comparison();
        QVERIFY(original.frames.cols() > 0);
        QVERIFY(original.frames.col(0) == fixture().data.test.samples.col(i));
        QVERIFY(!panel.player()->comparisonImage().isNull());
        panel.player()->setStep(t.steps());
        QVERIFY(panel.player()->comparisonText().contains(QStringLiteral("the original (test digit 5)")));
        // The end point of what was shown can be edited in turn.
        panel.editEndPoint();
        QVERIFY(panel.canvas()->pixels() == t.frames.col(t.steps()).cwiseMax(0.0F).cwiseMin(1.0F));
        // A test digit iterated afterwards plays alone.
        panel.iterateSample(7);
        QVERIFY(iterated.wait(20000));
        QCOMPARE(panel.player()->comparison().frames.cols(), Index{0});
        QVERIFY(panel.player()->comparisonImage().isNull());
    }
};

QTEST_MAIN(TestDigitEditor)
#include "tst_digit_editor.moc"
