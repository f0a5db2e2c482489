// The Landscape view: what paint_landscape draws for a map made by hand (each digit a dot in its
// label's colour where its path is at time t, one path per digit ending at its end point, a ring per
// attractor in its outcome's colour, a cross for an explosion, a highlighted digit's whole path), the
// view's play, hover and click, and the panel end to end on a trained model: its map is the core's
// compute_landscape on the same digits, its CSV has a row per digit, a click asks for that digit's
// trajectory, and "Follow the model" maps again when the model changes.
#include "dynamics/landscape_panel.h"
#include "dynamics_fixture.h"
#include "render/landscape_paint.h"
#include "render/outcome_style.h"
#include "widgets/landscape_view.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace dae;
using namespace dae::ui;

namespace {

constexpr QSize kSize(600, 450);

// Six digits (labels 0, 0, 1, 1, 2, 2) moving from the left half to two attractors on the right:
// digits 0–3 end at (4, 1) (an attractor, converged), digits 4 and 5 at (4, −1) (an explosion).
Landscape hand_made() {
    Landscape m;
    m.labels = {0, 0, 1, 1, 2, 2};
    m.frame_step = {0, 1, 5};
    Matrix start(2, 6), middle(2, 6), end(2, 6);
    start << -4, -4, -2, -2, 0, 0,  //
        2, -2, 2, -2, 2, -2;
    end << 4, 4, 4, 4, 4, 4,  //
        1, 1, 1, 1, -1, -1;
    middle = (start + end) / 2;
    m.paths = {start, middle, end};
    m.steps_run = 5;
    m.outcomes.resize(6);
    for (std::size_t j = 0; j < 6; ++j)
        m.outcomes[j].outcome = j < 4 ? Outcome::Converged : Outcome::Explosion;
    m.basins.resize(2);
    m.basins[0] = {4, 1, {0, 1, 2, 3}, 0, 0, Outcome::Converged};
    m.basins[1] = {4, -1, {4, 5}, 1, 2, Outcome::Explosion};
    m.basin_of = {0, 0, 0, 0, 1, 1};
    m.plane.explained[0] = 0.2;
    m.plane.explained[1] = 0.1;
    return m;
}

QRgb pixel(const QImage& image, QPointF at) { return image.pixel(at.toPoint()); }

// Whether a pixel within one of `at` has `colour` (antialiased lines: within 40 per channel).
bool drawn_near(const QImage& image, QPointF at, QColor colour) {
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
            const QColor c(image.pixel(at.toPoint() + QPoint(dx, dy)));
            if (std::abs(c.red() - colour.red()) < 40 && std::abs(c.green() - colour.green()) < 40 &&
                std::abs(c.blue() - colour.blue()) < 40)
                return true;
        }
    return false;
}

}  // namespace

class TestLandscapeView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    void dotsAreTheDigitsInTheirLabelsColoursWhereTheirPathsAre() {
        const Landscape map = hand_made();
        const LandscapeFrame frame(map, QRectF(QPointF(0, 0), QSizeF(kSize)));
        LandscapeLook look;
        const QImage start = render_landscape(map, kSize, look);
        for (Index j = 0; j < 6; ++j) {
            const QPointF at = frame.place(map.starts()(0, j), map.starts()(1, j));
            QCOMPARE(QColor(pixel(start, at)), label_colour(map.labels[static_cast<std::size_t>(j)]));
        }
        // Half-way (t = 1: the middle frame) every dot has left its start for the middle of its path.
        look.time = 1;
        const QImage middle = render_landscape(map, kSize, look);
        for (Index j = 0; j < 6; ++j) {
            const QPointF from = frame.place(map.starts()(0, j), map.starts()(1, j));
            const QPointF mid = frame.place(map.paths[1](0, j), map.paths[1](1, j));
            QCOMPARE(QColor(pixel(middle, mid)), label_colour(map.labels[static_cast<std::size_t>(j)]));
            QCOMPARE(QColor(pixel(middle, from)), QColor(Qt::white));
        }
    }

    void everyAttractorIsARingSizedByItsBasinAndAnExplosionACross() {
        const Landscape map = hand_made();
        const LandscapeFrame frame(map, QRectF(QPointF(0, 0), QSizeF(kSize)));
        LandscapeLook look;
        look.time = 2;  // arrived: the markers on top, at full strength
        const QImage end = render_landscape(map, kSize, look);
        const QPointF ring = frame.place(4, 1), cross = frame.place(4, -1);
        const double r0 = basin_radius(map, map.basins[0]), r1 = basin_radius(map, map.basins[1]);
        QCOMPARE(r0, 18.0);                                  // the largest basin
        QVERIFY(std::abs(r1 - 18 * std::sqrt(0.5)) < 1e-9);  // area ∝ basin: half the digits, half the area
        const QColor converged(outcome_colour(Outcome::Converged)), explosion(outcome_colour(Outcome::Explosion));
        // On the ring at its radius, left and right and above; its inside (but the dots) is white.
        for (const QPointF& d : {QPointF(r0, 0), QPointF(-r0, 0), QPointF(0, -r0)})
            QVERIFY(drawn_near(end, ring + d, converged));
        QCOMPARE(QColor(pixel(end, ring + QPointF(r0 / 2, r0 / 2))), QColor(Qt::white));
        // The cross: its diagonals are drawn, its axes are not.
        QVERIFY(drawn_near(end, cross + QPointF(r1 / 2, r1 / 2), explosion));
        QVERIFY(drawn_near(end, cross + QPointF(-r1 / 2, r1 / 2), explosion));
        QCOMPARE(QColor(pixel(end, cross + QPointF(r1 / 2, 0))), QColor(Qt::white));
    }

    void aHighlightedDigitShowsItsWholePath() {
        const Landscape map = hand_made();
        const LandscapeFrame frame(map, QRectF(QPointF(0, 0), QSizeF(kSize)));
        LandscapeLook look;
        look.highlight = 4;
        const QImage with = render_landscape(map, kSize, look);
        look.highlight = -1;
        const QImage without = render_landscape(map, kSize, look);
        // A quarter of the way along (between start and middle) the line is drawn, black, only with the highlight.
        const QPointF quarter = (frame.place(map.starts()(0, 4), map.starts()(1, 4)) +
                                 frame.place(map.paths[1](0, 4), map.paths[1](1, 4))) /
                                2;
        QVERIFY(drawn_near(with, quarter, Qt::black));
        QCOMPARE(QColor(pixel(without, quarter)), QColor(Qt::white));
    }

    void theViewPlaysEveryDigitToItsEndPointAndNamesTheOneUnderTheMouse() {
        LandscapeView view;
        view.resize(kSize);
        view.show();
        auto map = std::make_shared<const Landscape>(hand_made());
        view.setMap(map);
        const LandscapeFrame frame(*map, view.rect());
        QCOMPARE(view.time(), 0.0);
        QCOMPARE(view.placeOf(2), frame.place(-2, 2));
        view.setPlaySeconds(0.2);
        QSignalSpy playing(&view, &LandscapeView::playingChanged);
        view.play();
        QVERIFY(view.playing());
        QTRY_VERIFY_WITH_TIMEOUT(!view.playing(), 5000);
        QCOMPARE(view.time(), view.lastTime());
        for (Index j = 0; j < 6; ++j)  // every path ends at its digit's end point
            QCOMPARE(view.placeOf(j), frame.place(map->ends()(0, j), map->ends()(1, j)));
        QCOMPARE(playing.size(), 2);  // started, stopped at the end

        view.setTime(0);
        QSignalSpy hovered(&view, &LandscapeView::hovered), clicked(&view, &LandscapeView::clicked);
        QTest::mouseMove(&view, view.placeOf(3).toPoint());
        QTRY_COMPARE(hovered.size(), 1);
        QCOMPARE(hovered.at(0).at(0).value<Index>(), Index{3});
        QCOMPARE(view.highlight(), Index{3});
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.placeOf(5).toPoint());
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.at(0).at(0).value<Index>(), Index{5});
        QCOMPARE(view.digitAt(QPointF(3, 3)), Index{-1});  // a corner: nobody there
    }

    void thePanelMapsTheCoresLandscapeAndFollowsTheModel() {
        const Dataset test = fixture().data.test;
        LandscapePanel panel;
        QSignalSpy messages(&panel, &LandscapePanel::message);
        panel.setData(std::make_shared<const Partition>(fixture().data));
        panel.setModel(fixture().model, 3);
        QVERIFY(!panel.map(150));  // no judge yet: said, not started
        QVERIFY(messages.last().at(0).toString().contains(QStringLiteral("judge")));
        panel.setJudge(fixture().judge);
        QSignalSpy mapped(&panel, &LandscapePanel::mapped);
        QVERIFY(panel.map(150));
        QVERIFY(mapped.wait(60000));
        const Landscape* shown = panel.view()->map();
        QVERIFY(shown);
        const Landscape expected = compute_landscape(fixture().model, test.head(150), fixture().judge,
                                                     EvaluationConfig{}, fit_plane(test.samples));
        QCOMPARE(shown->size(), Index{150});
        QCOMPARE(shown->frame_step, expected.frame_step);
        QVERIFY((shown->ends() - expected.ends()).cwiseAbs().maxCoeff() < 1e-4);
        QCOMPARE(shown->basins.size(), expected.basins.size());
        QVERIFY(panel.summaryText().contains(QStringLiteral("150 test digits, epoch 3")));

        QTemporaryDir dir;
        QString error;
        QVERIFY2(panel.writeCsv(dir.filePath("map.csv"), &error), qPrintable(error));
        QFile csv(dir.filePath("map.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), 151);

        QSignalSpy asked(&panel, &LandscapePanel::trajectoryRequested);
        emit panel.view()->clicked(17);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.at(0).at(0).value<Index>(), Index{17});

        // Following the model: a new model (another epoch) maps the same digits again, in the same plane.
        panel.setFollow(true);
        Autoencoder other = fixture().model;
        other.b2.array() += 0.05F;
        panel.setModel(other, 4);
        QVERIFY(mapped.wait(60000));
        QCOMPARE(mapped.size(), 2);
        QVERIFY(panel.summaryText().contains(QStringLiteral("epoch 4")));
        QVERIFY((panel.view()->map()->starts() - expected.starts()).cwiseAbs().maxCoeff() < 1e-4);  // the same plane
        QVERIFY((panel.view()->map()->ends() - expected.ends()).cwiseAbs().maxCoeff() > 1e-3);      // other ends
        // More snapshots of the same epoch (the window shows a model a few times a second): no new map.
        other.b2.array() += 0.05F;
        panel.setModel(other, 4);
        QVERIFY(!panel.mapping());
        QVERIFY(!mapped.wait(300));
        QCOMPARE(mapped.size(), 2);
    }
};

QTEST_MAIN(TestLandscapeView)
#include "tst_landscape_view.moc"
