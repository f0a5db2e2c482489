// The Dynamics explorer: the scrubber shows exactly the core's frame, a drawn stroke lands in the
// right pixels, the whole-set counts equal the core's, the 2-D arrows are r(x) − x at their base
// points, long iterations can be cancelled, and the outcome atlas computes the core's rows
// and stacks them as drawn.
#include "atlas_panel.h"
#include "dae/default_data.h"
#include "dae/stability.h"
#include "dae/synthetic.h"
#include "draw_canvas.h"
#include "dynamics_panel.h"
#include "log_plot.h"
#include "tile_image.h"
#include "toy_panel.h"
#include "vector_field_view.h"

#include <QFile>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

#include <numeric>

using namespace dae;
using namespace dae::ui;

namespace {

struct Fixture {
    Dataset train, held_out;
    Autoencoder model;
    SoftmaxClassifier reference;
};

const Fixture& fixture() {
    static const Fixture f = [] {
        Fixture x;
        const Dataset mnist = load_default_mnist();
        const Split s = make_split(mnist.size(), 3000, 300, 0, 1);
        x.train = mnist.subset(s.train);
        x.held_out = mnist.subset(s.validation);
        TrainingConfig c;
        c.model.hidden = 64;
        c.epochs = 3;
        Trainer t(c, x.train.samples);
        t.run();
        x.model = t.model();
        x.reference.train(x.train.samples, x.train.labels, 10, {.epochs = 5});
        return x;
    }();
    return f;
}

}  // namespace

class TestDynamicsExplorer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    void scrubberShowsTheCoresFrame() {
        const Fixture& f = fixture();
        DynamicsPanel panel;
        panel.setData(f.train, f.held_out);
        panel.setModel(f.model);
        QSignalSpy shown(&panel, &DynamicsPanel::trajectoryShown);
        panel.iterateSample(5);
        QVERIFY(shown.wait(10000));
        const Trajectory& t = panel.trajectory();
        // The core's own run of the same digit, every frame kept.
        IterationConfig c;
        c.keep_all_frames = true;
        c.stop_fraction = 1;
        const IterationResult r = iterate(f.model, f.held_out.samples.col(5), c);
        QCOMPARE(static_cast<std::size_t>(t.frames.cols()), r.frames.size());
        TileLayout l;
        l.columns = 1;
        l.gap = 0;
        for (int step : {0, 1, 7, int(r.frames.size()) - 1}) {
            panel.scrubber()->setValue(step);
            QCOMPARE(panel.currentStep(), step);
            QVERIFY(t.frames.col(step) == r.frames[std::size_t(step)].col(0));
            QCOMPARE(panel.frameImage(), tiles_image(r.frames[std::size_t(step)].col(0), l, TileScaling::Fixed01));
            QCOMPARE(panel.plot()->marker(), step);
        }
        QVERIFY(t.step_length == r.step_length[0]);
        QCOMPARE(t.label, f.held_out.labels[5]);
        // Stability at the end point is the core's estimate, and the panel says which it is.
        if (r.ending[0] == Ending::Converged) {
            const SpectralEstimate e = spectral_radius(f.model, r.fixed_points.col(0), 2000, 1e-7);
            QCOMPARE(t.radius, e.radius);
            QVERIFY(panel.stabilityText().contains(e.stable() ? "stable" : "unstable"));
        }
        // go to step / step back / forward through the public API.
        panel.goToStep(3);
        QCOMPARE(panel.scrubber()->value(), 3);
        panel.goToStep(100000);
        QCOMPARE(panel.currentStep(), int(t.frames.cols()) - 1);
        // Curves and frames export.
        QTemporaryDir dir;
        QString error;
        QVERIFY(panel.exportCurves(dir.filePath("c.csv"), &error));
        QVERIFY(panel.exportFrames(dir.filePath("frames"), &error));
        QCOMPARE(QDir(dir.filePath("frames")).entryList({"*.png"}).size(), int(t.frames.cols()));
    }

    void verdictsFollowTheReferenceClassifier() {
        const Fixture& f = fixture();
        const Trajectory t = compute_trajectory(f.model, f.held_out.samples.col(2), f.held_out.labels[2], f.reference, IterationConfig{});
        const Matrix p = f.reference.probabilities(t.frames);
        QCOMPARE(static_cast<Index>(t.predicted.size()), t.frames.cols());
        for (Index s = 0; s < t.frames.cols(); s += 10) {
            Index best;
            QCOMPARE(t.confidence[std::size_t(s)], p.col(s).maxCoeff(&best));
            QCOMPARE(t.predicted[std::size_t(s)], int(best));
        }
    }

    void drawnStrokeLandsInTheRightPixels() {
        DrawCanvas canvas(28, 28);
        canvas.setBrushRadius(0.5);
        canvas.stroke(QPointF(5.5, 10.5), QPointF(20.5, 10.5));  // pixel centres of row 10, columns 5 … 20
        const Vector& px = canvas.pixels();
        for (int x = 5; x <= 20; ++x) QCOMPARE(px(10 * 28 + x), 1.0f);
        QCOMPARE(px(10 * 28 + 2), 0.0f);
        QCOMPARE(px(14 * 28 + 12), 0.0f);
        QCOMPARE(px(2 * 28 + 12), 0.0f);
        // With the mouse: the press lands on the pixel under the cursor.
        canvas.clear();
        canvas.resize(280, 280);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        const QPointF target(7.5, 3.5);  // pixel (7, 3)
        const QRectF rect(0, 0, 280, 280);
        const QPoint at(static_cast<int>(rect.x() + target.x() * 10), static_cast<int>(rect.y() + target.y() * 10));
        QTest::mousePress(&canvas, Qt::LeftButton, {}, at);
        QCOMPARE(canvas.pixels()(3 * 28 + 7), 1.0f);
        QCOMPARE(canvas.pixels()(20 * 28 + 20), 0.0f);
    }

    void wholeSetCountsEqualTheCores() {
        const Fixture& f = fixture();
        DynamicsPanel panel;
        panel.setData(f.train, f.held_out);
        panel.setModel(f.model);
        QVERIFY(QTest::qWaitFor([&] { return panel.referenceReady(); }, 20000));
        QSignalSpy done(&panel, &DynamicsPanel::setFinished);
        panel.iterateSet();
        QVERIFY(done.wait(30000));
        // The panel's reference classifier is trained the same way as this one (same data, defaults).
        SoftmaxClassifier reference;
        reference.train(f.train.samples, f.train.labels, 10);
        const IterationResult r = iterate(f.model, f.held_out.samples, IterationConfig{});
        const OutcomeSummary expected = summarize_outcomes(r, classify_outcomes(r, f.held_out.labels, reference));
        QCOMPARE(panel.setResult().summary.counts, expected.counts);
        QCOMPARE(panel.setResult().summary.total(), f.held_out.size());
    }

    void atlasRowsEqualTheCoresAndTheChartStacksThem() {
        const Fixture& f = fixture();
        DynamicsPanel panel;
        panel.setData(f.train, f.held_out);
        QVERIFY(QTest::qWaitFor([&] { return panel.referenceReady(); }, 20000));
        // Three snapshots of one run: before training, after 1 and after 3 epochs.
        TrainingConfig c;
        c.model.hidden = 64;
        c.epochs = 3;
        Trainer t(c, f.train.samples);
        std::vector<std::pair<int, Autoencoder>> snapshots{{0, t.model()}};
        t.step();
        while (t.epoch() < 1) t.step();
        snapshots.emplace_back(1, t.model());
        t.run();
        snapshots.emplace_back(3, t.model());
        AtlasPanel atlas;
        connect(&panel, &DynamicsPanel::atlasRow, &atlas, &AtlasPanel::addRow);
        QSignalSpy rows(&panel, &DynamicsPanel::atlasRow);
        QVERIFY(panel.startAtlas(snapshots, 100));
        QVERIFY(QTest::qWaitFor([&] { return rows.size() == 3; }, 60000));
        SoftmaxClassifier reference;
        reference.train(f.train.samples, f.train.labels, 10);
        std::vector<Index> first(100);
        std::iota(first.begin(), first.end(), Index{0});
        const Dataset probe = f.held_out.subset(first);
        QCOMPARE(atlas.rows().size(), std::size_t{3});
        for (std::size_t i = 0; i < 3; ++i) {
            const AtlasRow expected = probe_outcomes(snapshots[i].second, snapshots[i].first, probe, reference);
            const AtlasRow& got = atlas.rows()[i];
            QCOMPARE(got.epoch, snapshots[i].first);
            QCOMPARE(got.summary.counts, expected.summary.counts);
            QCOMPARE(got.summary.total(), Index{100});
            // the chart's bands: outcome o spans the cumulative shares of the outcomes before it
            double below = 0;
            for (int o = 0; o < kOutcomeCount; ++o) {
                const double above = below + double(expected.summary.counts[std::size_t(o)]);
                QCOMPARE(atlas.lowerPoint(Outcome(o), int(i)), QPointF(got.epoch, below));
                QCOMPARE(atlas.upperPoint(Outcome(o), int(i)), QPointF(got.epoch, above));
                below = above;
            }
            QCOMPARE(below, 100.0);
        }
        // the untrained net and the trained one end differently (the atlas shows a change)
        QVERIFY(atlas.rows().front().summary.counts != atlas.rows().back().summary.counts);
        // CSV: a header and one row per epoch, as the CLI writes it
        QTemporaryDir dir;
        QString error;
        QVERIFY(atlas.writeCsv(dir.filePath("atlas.csv"), &error));
        QFile file(dir.filePath("atlas.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0].toStdString() + "\n", atlas_csv_header());
        QCOMPARE(lines[3].toStdString() + "\n", atlas_csv_row(atlas.rows()[2]));
        QVERIFY(!atlas.writeCsv(dir.filePath("no/such/dir/atlas.csv"), &error));
        QVERIFY(error.contains("atlas.csv"));
    }

    void atlasWithoutSnapshotsSaysSo() {
        DynamicsPanel panel;
        panel.setData(fixture().train, fixture().held_out);
        QSignalSpy message(&panel, &DynamicsPanel::message);
        QVERIFY(!panel.startAtlas({}, 100));
        QCOMPARE(message.size(), 1);
        QVERIFY(message.at(0).at(0).toString().contains("training run"));
    }

    void arrowsAreTheFieldAtTheirBasePoints() {
        TrainingConfig c;
        c.model.hidden = 16;
        c.corruption = {CorruptionType::Gaussian, 0.05};
        c.learning_rate = 0.5;
        c.annealing = 1;
        c.epochs = 20;
        const Dataset spiral = make_toy_2d(Toy2D::Spiral, 500, 0.03, 1);
        Trainer t(c, spiral.samples);
        t.run();
        VectorFieldView view;
        view.setModel(t.model(), spiral);
        QVERIFY(!view.arrows().empty());
        for (const FieldArrow& a : view.arrows()) {
            const Matrix r = t.model().reconstruct(Matrix(a.base));
            QVERIFY((a.delta - (r.col(0) - a.base)).norm() < 1e-6f);
        }
        // Every cell's basin is an attractor's index (or −1), and attractors are fixed points.
        for (const Vector& x : view.basins().attractors) QVERIFY((t.model().reconstruct(Matrix(x)).col(0) - x).norm() < 1e-3f);
        // A click iterates from the point under the mouse.
        view.resize(400, 400);
        view.addTrajectory(view.toPlane(view.toWidget(0.3, 0.7)));
        QCOMPARE(view.trajectories().size(), std::size_t{1});
        QVERIFY((view.trajectories()[0].front() - Vector((Vector(2) << 0.3f, 0.7f).finished())).norm() < 1e-5f);
    }

    void toyPanelTrainsInTheBackground() {
        ToyPanel panel;
        QSignalSpy trained(&panel, &ToyPanel::toyTrained);
        panel.train();
        QVERIFY(trained.wait(30000));
        QVERIFY(panel.view()->hasModel());
        QVERIFY(!panel.view()->basins().attractors.empty());
    }

    void longIterationsCanBeCancelled() {
        // r(x) = 0.9999x + …: ~10⁵ steps to converge. Cancel after a moment.
        ModelConfig mc;
        mc.visible = mc.hidden = 784;
        mc.encoder = mc.decoder = Activation::Linear;
        Autoencoder slow(mc);
        slow.w1 = Matrix::Identity(784, 784);
        slow.w2 = 0.9999f * Matrix::Identity(784, 784);
        DynamicsPanel panel;
        panel.setData(fixture().train, fixture().held_out);
        panel.setModel(slow);
        QSignalSpy shown(&panel, &DynamicsPanel::trajectoryShown);
        panel.iterateSample(0);  // step cap 1000 by default: cancel well before
        QTest::qWait(30);
        panel.cancel();
        QVERIFY(shown.wait(10000));
        QVERIFY(panel.trajectory().cancelled);
        QVERIFY(panel.trajectory().frames.cols() < 1000);
    }
};

QTEST_MAIN(TestDynamicsExplorer)
#include "tst_dynamics_explorer.moc"
