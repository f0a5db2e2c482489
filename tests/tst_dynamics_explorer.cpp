// The Dynamics explorer: the player shows exactly the core's frames and keeps frame, step box,
// scrubber and plot in agreement; step keys are never dropped; a drawn stroke lands in the right
// pixels and is prepared like MNIST; the whole-set counts equal the core's, with progress in the
// summary's words; the 2-D arrows are r(x) − x at their base points; long iterations can be
// cancelled; and the outcome atlas computes the core's rows and stacks them as drawn.
#include "dae/default_data.h"
#include "dae/stability.h"
#include "dae/synthetic.h"
#include "dynamics/dynamics_panel.h"
#include "dynamics/iteration_settings.h"
#include "dynamics/set_explorer.h"
#include "dynamics/trajectory_player.h"
#include "dynamics_fixture.h"
#include "experiments/atlas_panel.h"
#include "experiments/toy_panel.h"
#include "render/tile_image.h"
#include "widgets/draw_canvas.h"
#include "widgets/log_plot.h"
#include "widgets/vector_field_view.h"

#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numeric>

using namespace dae;
using namespace dae::ui;

class TestDynamicsExplorer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        set_compute_threads(1);
        qputenv("DAELAB_CACHE_DIR", QTemporaryDir().path().toUtf8());  // no judge of the tests in the user's cache
    }

    void aJudgeThatArrivesLateReadsTheShownTrajectory() {
        // Regression: a digit iterated while the judge trained kept "(the judge is not ready yet)"
        // long after the judge was there.
        DynamicsPanel panel;
        panel.setData(std::make_shared<const Partition>(fixture().data));
        panel.setJudge(Judge());  // not trained: no readings
        panel.setModel(fixture().model);
        QSignalSpy shown(&panel, &DynamicsPanel::trajectoryShown);
        panel.iterateSample(3);
        QVERIFY(shown.wait(10000));
        QVERIFY(panel.player()->trajectory().predicted.empty());
        QVERIFY(panel.player()->verdictText().contains("not ready"));
        panel.setJudge(fixture().judge);  // it arrives
        QVERIFY(shown.wait(10000));       // the same digit, iterated again with its readings
        QCOMPARE(panel.player()->trajectory().predicted.size(),
                 static_cast<std::size_t>(panel.player()->trajectory().frames.cols()));
        QVERIFY2(!panel.player()->verdictText().contains("not ready"), qPrintable(panel.player()->verdictText()));
        QCOMPARE(panel.player()->trajectory().label, fixture().data.test.labels[3]);
    }

    void playerShowsTheCoresFrames() {
        const DynamicsFixture& f = fixture();
        DynamicsPanel panel;
        give_fixture(panel);
        QSignalSpy shown(&panel, &DynamicsPanel::trajectoryShown);
        panel.iterateSample(5);
        QVERIFY(shown.wait(10000));
        TrajectoryPlayer* player = panel.player();
        const Trajectory& t = player->trajectory();
        // The core's own run of the same digit, every frame kept, at least to i₀ = 500 (Fig. 7).
        IterationConfig c;
        c.keep_all_frames = true;
        c.stop_fraction = 1;
        c.rule = StoppingRule::SharedStep;
        c.min_steps = 500;
        const IterationResult r = iterate(f.model, f.data.test.samples.col(5), c);
        QCOMPARE(static_cast<std::size_t>(t.frames.cols()), r.frames.size());
        QVERIFY(t.steps() >= 500);
        QCOMPARE(t.reference_step, 500);
        QCOMPARE(t.distance[500], 0.0f);  // dᵢ = ‖xⁱ − x⁵⁰⁰‖
        TileLayout l;
        l.columns = 1;
        l.gap = 0;
        for (int step : {0, 1, 7, int(r.frames.size()) - 1}) {
            player->scrubber()->setValue(step);
            QCOMPARE(player->step(), step);
            QCOMPARE(player->stepBox()->value(), step);
            QVERIFY(player->stepText().startsWith(QStringLiteral("step %1 of").arg(step)));
            QVERIFY(t.frames.col(step) == r.frames[std::size_t(step)].col(0));
            QCOMPARE(player->frameImage(), tiles_image(r.frames[std::size_t(step)].col(0), l, TileScaling::Fixed01));
            QCOMPARE(player->plot()->marker(), step);
        }
        // The plot marks the current step with a dashed red line at that step's x, nowhere else.
        const QImage shot = player->plot()->grab().toImage();
        auto red_near = [&](int step) {
            const int x = qRound(player->plot()->xOf(step));
            int n = 0;
            for (int y = 0; y < shot.height(); ++y)
                for (int dx = -1; dx <= 1; ++dx) {
                    const QColor c = shot.pixelColor(x + dx, y);
                    n += c.red() > 150 && c.green() < 90 && c.blue() < 90;
                }
            return n;
        };
        QVERIFY(red_near(player->step()) > 20);
        QCOMPARE(red_near(player->step() / 2), 0);
        QVERIFY(t.step_length == r.step_length[0]);
        QCOMPARE(t.label, f.data.test.labels[5]);
        if (r.ending[0] == Ending::Converged) {
            const SpectralEstimate e = spectral_radius(f.model, r.fixed_points.col(0), 2000, 1e-7);
            QCOMPARE(t.radius, e.radius);
            QVERIFY(player->stabilityText().contains(e.stable() ? "stable" : "unstable"));
        }
        player->setStep(100000);
        QCOMPARE(player->step(), t.steps());
        // Curves and frames export.
        QTemporaryDir dir;
        QString error;
        QVERIFY(player->exportCurves(dir.filePath("c.csv"), &error));
        QVERIFY(player->exportFrames(dir.filePath("frames"), &error));
        QCOMPARE(QDir(dir.filePath("frames")).entryList({"*.png"}).size(), int(t.frames.cols()));
        QVERIFY(!player->exportCurves(dir.filePath("no/such/dir/c.csv"), &error));
        QVERIFY(error.contains("c.csv"));
    }

    void playerStateStaysInOnePlace() {
        // Regression: after Play, Pause and dragging the scrubber, the frame said "step 77 of 100"
        // while the step box said 63; and fast "." presses were dropped (20 presses, 10 steps).
        DynamicsPanel panel;
        give_fixture(panel);
        QSignalSpy shown(&panel, &DynamicsPanel::trajectoryShown);
        panel.iterateSample(3);
        QVERIFY(shown.wait(10000));
        TrajectoryPlayer* player = panel.player();
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.activateWindow();
        player->play();
        QTest::qWait(120);
        player->pause();
        player->scrubber()->setValue(63);
        QCOMPARE(player->step(), 63);
        QCOMPARE(player->stepBox()->value(), 63);
        QVERIFY(player->stepText().startsWith("step 63 of"));
        QCOMPARE(player->plot()->marker(), 63);
        player->stepBox()->setValue(40);
        QCOMPARE(player->scrubber()->value(), 40);
        player->setFocus();
        for (int i = 0; i < 20; ++i)
            QTest::keyClick(player, Qt::Key_Period);
        QCOMPARE(player->step(), 60);
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(player, Qt::Key_Comma);
        QCOMPARE(player->step(), 55);
        QCOMPARE(player->stepBox()->value(), 55);
        QCOMPARE(player->scrubber()->value(), 55);
    }

    void verdictsFollowTheJudge() {
        const DynamicsFixture& f = fixture();
        const Trajectory t =
            compute_trajectory(f.model, f.data.test.samples.col(2), f.data.test.labels[2], f.judge, EvaluationConfig{});
        const Matrix p = f.judge.probabilities(t.frames);
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
        for (int x = 5; x <= 20; ++x)
            QCOMPARE(px(10 * 28 + x), 1.0f);
        QCOMPARE(px(10 * 28 + 2), 0.0f);
        QCOMPARE(px(14 * 28 + 12), 0.0f);
        QCOMPARE(px(2 * 28 + 12), 0.0f);
        // With the mouse: the press lands on the pixel under the cursor.
        canvas.clear();
        canvas.resize(280, 280);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        const QPoint at(75, 35);  // pixel (7, 3)
        QTest::mousePress(&canvas, Qt::LeftButton, {}, at);
        QCOMPARE(canvas.pixels()(3 * 28 + 7), 1.0f);
        QCOMPARE(canvas.pixels()(20 * 28 + 20), 0.0f);
    }

    void drawingsAreIteratedAsMnistWouldHaveThem() {
        // Regression: a drawing was iterated as drawn, off-centre and small, not like MNIST's
        // digits (20 × 20 box, centre of mass at the centre) — a clear 7 was read as a 3.
        DynamicsPanel panel;
        give_fixture(panel);
        panel.canvas()->setBrushRadius(1.2);
        panel.canvas()->stroke(QPointF(2, 2), QPointF(10, 2));
        panel.canvas()->stroke(QPointF(10, 2), QPointF(5, 12));
        const Vector prepared = panel.preparedDrawing();
        QVERIFY(prepared == normalize_like_mnist(panel.canvas()->pixels(), 28, 28));
        QVERIFY(!(prepared == panel.canvas()->pixels()));  // the raw drawing stays as drawn
        QSignalSpy shown(&panel, &DynamicsPanel::trajectoryShown);
        panel.iterateDrawing();
        QVERIFY(shown.wait(10000));
        QVERIFY(panel.player()->trajectory().frames.col(0) == prepared);
    }

    void wholeSetCountsEqualTheCoresInTheSameWords() {
        const DynamicsFixture& f = fixture();
        DynamicsPanel panel;
        give_fixture(panel);
        QSignalSpy done(&panel, &DynamicsPanel::setFinished);
        panel.iterateSet();
        QVERIFY(done.wait(30000));
        const EvaluationConfig config = panel.settings()->config();
        const SetEvaluation expected = evaluate_set(f.model, f.data.test, f.judge, config);
        const SetResult& got = panel.setExplorer()->result();
        QCOMPARE(got.eval.summary.counts, expected.summary.counts);
        QCOMPARE(got.eval.summary.total(), f.data.test.size());
        // Progress and summary use the same words and the same count of settled samples.
        const Index settled = expected.iteration.converged_count();
        QVERIFY2(panel.setExplorer()->progressText().contains(
                     QStringLiteral("%1 of %2 settled").arg(settled).arg(f.data.test.size())),
                 qPrintable(panel.setExplorer()->progressText()));
        QVERIFY(panel.setExplorer()->countsText().contains(QStringLiteral("<b>%1 settled</b>").arg(settled)));
        // Settled samples are those with an outcome other than "not converged"/"cycle".
        QCOMPARE(settled, got.eval.summary.total() - got.eval.summary.count(Outcome::NotConverged) -
                              got.eval.summary.count(Outcome::Cycle));
    }

    void outcomesAreExplainedWithTheThresholdsInUse() {
        DynamicsPanel panel;
        const QString legend = panel.legendText();
        for (int o = 0; o < kOutcomeCount; ++o)
            QVERIFY(legend.contains(QString::fromLatin1(outcome_name(Outcome(o)))));
        QVERIFY(legend.contains("gray stain with no white pixels"));
        QVERIFY(legend.contains("0.95"));
        EvaluationConfig c = panel.settings()->config();
        set_evaluation_option(c, "definition", "daelab", nullptr);
        panel.settings()->setConfig(c);
        QVERIFY(panel.legendText().contains("0.35"));
    }

    void atlasRowsEqualTheCoresAndTheChartStacksThem() {
        const DynamicsFixture& f = fixture();
        DynamicsPanel panel;
        give_fixture(panel);
        // Three snapshots of one run: before training, after 1 and after 3 epochs.
        TrainingConfig c;
        c.model.hidden = 64;
        c.epochs = 3;
        Trainer t(c, f.data.train.samples);
        std::vector<std::pair<int, Autoencoder>> snapshots{{0, t.model()}};
        t.step();
        while (t.epoch() < 1)
            t.step();
        snapshots.emplace_back(1, t.model());
        t.run();
        snapshots.emplace_back(3, t.model());
        AtlasPanel atlas;
        QSignalSpy finished(&atlas, &AtlasPanel::finished);
        std::vector<Index> first(100);
        std::iota(first.begin(), first.end(), Index{0});
        const Dataset probe = f.data.test.subset(first);
        const EvaluationConfig config = panel.settings()->config();
        QVERIFY(atlas.start(snapshots, probe, f.judge, config));
        QVERIFY(atlas.busy() && !atlas.computeButton()->isEnabled());
        QVERIFY(QTest::qWaitFor([&] { return finished.size() == 1; }, 60000));
        QVERIFY(atlas.computeButton()->isEnabled());
        QCOMPARE(atlas.rows().size(), std::size_t{3});
        for (std::size_t i = 0; i < 3; ++i) {
            const AtlasRow expected = probe_outcomes(snapshots[i].second, snapshots[i].first, probe, f.judge,
                                                     config.iteration, config.thresholds);
            const AtlasRow& got = atlas.rows()[i];
            QCOMPARE(got.epoch, snapshots[i].first);
            QCOMPARE(got.summary.counts, expected.summary.counts);
            QCOMPARE(got.summary.total(), Index{100});
            double below = 0;
            for (int o = 0; o < kOutcomeCount; ++o) {
                const double above = below + double(expected.summary.counts[std::size_t(o)]);
                QCOMPARE(atlas.lowerPoint(Outcome(o), int(i)), QPointF(got.epoch, below));
                QCOMPARE(atlas.upperPoint(Outcome(o), int(i)), QPointF(got.epoch, above));
                below = above;
            }
            QCOMPARE(below, 100.0);
        }
        QVERIFY(atlas.rows().front().summary.counts != atlas.rows().back().summary.counts);
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

    void atlasWithoutSnapshotsOrJudgeSaysSo() {
        const DynamicsFixture& f = fixture();
        AtlasPanel atlas;
        QVERIFY(!atlas.start({}, f.data.test.head(100), f.judge, EvaluationConfig{}));
        QVERIFY(!atlas.busy() && atlas.computeButton()->isEnabled());
        const auto said = [&](const char* what) {
            for (const QLabel* l : atlas.findChildren<QLabel*>())
                if (l->text().contains(QLatin1String(what))) return true;
            return false;
        };
        QVERIFY(said("training run"));
        QVERIFY(!atlas.start({{0, Autoencoder(ModelConfig{})}}, f.data.test.head(100), Judge(), EvaluationConfig{}));
        QVERIFY(said("judge is not ready"));
        QVERIFY(atlas.rows().empty());
        // A cancelled atlas says so and can be asked again.
        std::vector<std::pair<int, Autoencoder>> many(20, {0, f.model});
        QVERIFY(atlas.start(many, f.data.test.head(500), f.judge, EvaluationConfig{}));
        atlas.cancel();
        QVERIFY(said("Cancelled") && atlas.computeButton()->isEnabled());
        QTest::qWait(50);
        QVERIFY(atlas.rows().empty());  // nothing computed before the cancel reaches the chart
        // Cleared (a new run, a new data set) while it computes: the old run's rows never come.
        QVERIFY(atlas.start(many, f.data.test.head(500), f.judge, EvaluationConfig{}));
        atlas.clear();
        QVERIFY(atlas.computeButton()->isEnabled());
        QVERIFY(QTest::qWaitFor([&] { return !atlas.busy(); }, 30000));
        QVERIFY(atlas.rows().empty());
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
        for (const Vector& x : view.basins().attractors)
            QVERIFY((t.model().reconstruct(Matrix(x)).col(0) - x).norm() < 1e-3f);
        view.resize(400, 400);
        view.addTrajectory(view.toPlane(view.toWidget(0.3, 0.7)));
        QCOMPARE(view.trajectories().size(), std::size_t{1});
        QVERIFY((view.trajectories()[0].front() - Vector((Vector(2) << 0.3f, 0.7f).finished())).norm() < 1e-5f);
    }

    void thePlaygroundsFieldChangesWhileItTrains() {
        ToyPanel panel;
        QCOMPARE(panel.data().size(), Index{600});  // the mixture's points, before anything trains
        QSignalSpy frames(&panel, &ToyPanel::toyTrained);
        panel.train();
        QVERIFY(frames.wait(30000));
        QVERIFY(panel.view()->hasModel());
        const std::vector<FieldArrow> first = panel.view()->arrows();
        QTRY_VERIFY_WITH_TIMEOUT(panel.frames() >= 4, 30000);
        const std::vector<FieldArrow> later = panel.view()->arrows();
        QCOMPARE(later.size(), first.size());
        double moved = 0;
        for (std::size_t i = 0; i < first.size(); ++i)
            moved += (later[i].delta - first[i].delta).norm();
        QVERIFY2(moved > 1e-3, qPrintable(QString::number(moved)));  // live: the field is not the first frame's
        QVERIFY(!panel.view()->basins().attractors.empty());
        // Every frame's arrows are its model's field at their base points.
        panel.pause();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.running(), 5000);
        QTest::qWait(200);  // the last slice's frame
        // A click adds a point (and the model starts anew on the edited points).
        panel.view()->setClickMode(VectorFieldView::ClickMode::AddPoint);
        panel.view()->resize(400, 400);
        QTest::mouseClick(panel.view(), Qt::LeftButton, {}, panel.view()->toWidget(0.5, 0.5).toPoint());
        QCOMPARE(panel.data().size(), Index{601});
        QVERIFY(!panel.view()->hasModel());
        panel.view()->setClickMode(VectorFieldView::ClickMode::RemovePoints);
        QTest::mouseClick(panel.view(), Qt::LeftButton, {}, panel.view()->toWidget(0.5, 0.5).toPoint());
        QCOMPARE(panel.data().size(), Index{600});
    }

    void theTrueScoreOfTheMixtureIsTweediesArrow() {
        // For a mixture of Gaussians of sd s blurred by the noise σ: σ²∇log p_σ, by finite differences
        // of log p_σ, and pointing to the nearest mean next to it.
        const GaussianMixture2D p = *toy_2d_density(Toy2D::Mixture, 0.1);
        QCOMPARE(p.means.size(), std::size_t{6});
        const double sigma = 0.05;
        for (const auto& [x, y] : std::vector<std::pair<double, double>>{{0.3, 0.6}, {0.5, 0.5}, {0.8, 0.45}}) {
            Vector v(2);
            v << float(x), float(y);
            const Vector arrow = true_score_arrow(p, v, sigma);
            for (int d = 0; d < 2; ++d) {
                Vector a = v, b = v;
                a(d) += 1e-3f;
                b(d) -= 1e-3f;
                const double numeric =
                    sigma * sigma * (std::log(p.density(a, sigma)) - std::log(p.density(b, sigma))) / (a(d) - b(d));
                QVERIFY2(std::abs(numeric - arrow(d)) < 1e-3 * std::max(1.0, std::abs(numeric)),
                         qPrintable(QString("%1 vs %2").arg(numeric).arg(arrow(d))));
            }
        }
        Vector near = p.means[0];
        near(0) += 0.01f;
        QVERIFY(true_score_arrow(p, near, sigma)(0) < 0);  // back towards the mean
        // The playground draws them for the mixture, one beside each learned arrow.
        ToyPanel panel;
        QSignalSpy frames(&panel, &ToyPanel::toyTrained);
        panel.train();
        QVERIFY(frames.wait(30000));
        panel.pause();
        const auto& truth = panel.view()->trueArrows();
        QCOMPARE(truth.size(), panel.view()->arrows().size());
        for (std::size_t i = 0; i < truth.size(); ++i)
            QVERIFY((truth[i].delta - true_score_arrow(p, truth[i].base, 0.05)).norm() < 1e-6f);
        QVERIFY2(panel.agreementText().contains("° apart"), qPrintable(panel.agreementText()));
    }

    void aPlaygroundOfFewPointsTrains() {
        // Fewer points than the playground's minibatch of 100 (its spin box goes down to 20): one
        // minibatch of them, frames as usual, no error (the trainer refused a batch of 100 before).
        ToyPanel panel;
        QSpinBox* points = nullptr;
        for (QSpinBox* b : panel.findChildren<QSpinBox*>())
            if (b->maximum() == 20000) points = b;
        QVERIFY(points);
        points->setValue(50);
        emit points->editingFinished();
        QCOMPARE(panel.data().size(), Index{50});
        QCOMPARE(panel.config().batch, Index{50});
        QSignalSpy frames(&panel, &ToyPanel::toyTrained), messages(&panel, &ToyPanel::message);
        panel.train();
        QVERIFY(frames.wait(30000));
        panel.pause();
        QVERIFY2(messages.isEmpty(), qPrintable(messages.isEmpty() ? QString() : messages.front().front().toString()));
    }

    void longIterationsCanBeCancelled() {
        // r(x) = 0.9999x: ~10⁵ steps to converge. Cancel after a moment: the job ends within a
        // step and its partial result is dropped.
        ModelConfig mc;
        mc.visible = mc.hidden = 784;
        mc.encoder = mc.decoder = Activation::Linear;
        Autoencoder slow(mc);
        slow.w1 = Matrix::Identity(784, 784);
        slow.w2 = 0.9999f * Matrix::Identity(784, 784);
        DynamicsPanel panel;
        give_fixture(panel);
        panel.setModel(slow);
        EvaluationConfig c = panel.settings()->config();
        c.iteration.max_steps = 100000;
        panel.settings()->setConfig(c);
        QSignalSpy shown(&panel, &DynamicsPanel::trajectoryShown);
        panel.iterateSample(0);
        QTest::qWait(30);
        QVERIFY(panel.busy());
        panel.cancel();
        QVERIFY(QTest::qWaitFor([&] { return !panel.busy(); }, 5000));
        QTest::qWait(50);
        QCOMPARE(shown.size(), 0);
    }
};

QTEST_MAIN(TestDynamicsExplorer)
#include "tst_dynamics_explorer.moc"
