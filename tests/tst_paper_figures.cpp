// The paper's figures of single digits: the samples are chosen as its captions say (Fig. 6: read
// right and moved at least 5, or read wrong; Fig. 4: different classes, moved at least 5 under
// every model), and the log-scale line plot of Fig. 7 draws each value where the axis puts it.
#include "dae/error.h"
#include "dae/evaluation.h"
#include "dae/paper_figures.h"
#include "dae/rng.h"
#include "render/plot_image.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace dae;

namespace {

// Originals at distinct points of the plane; a fixed point moved by distance[j] along x.
Matrix moved(const Matrix& originals, const std::vector<double>& distance) {
    Matrix f = originals;
    for (Index j = 0; j < f.cols(); ++j)
        f(0, j) += static_cast<Scalar>(distance[static_cast<std::size_t>(j)]);
    return f;
}

Matrix originals(Index n) {
    Matrix m(2, n);
    for (Index j = 0; j < n; ++j)
        m.col(j) << static_cast<Scalar>(j), static_cast<Scalar>(-j);
    return m;
}

std::set<Index> as_set(const std::vector<Index>& v) { return {v.begin(), v.end()}; }

}  // namespace

class TestPaperFigures : public QObject {
    Q_OBJECT
private slots:
    void fig6TakesReadRightDigitsThatMovedAtLeastFiveAndAnyMisreadOne() {
        const Matrix x = originals(7);
        const Matrix f = moved(x, {6, 1, 7, 10, 0, 5, 4.999});
        const std::vector<int> labels{0, 1, 2, 3, 4, 5, 6}, predicted{0, 1, 9, 3, 7, 5, 6};
        const Fig6Choice all = choose_fig6(x, f, labels, predicted, 12, kFigureMinDistance, 3);
        // 0, 3 and 5 (exactly 5 counts: "at least 5") are read right and moved enough; 1 and 6 moved
        // too little; 2 and 4 are misread, whatever their distance (4 did not move at all).
        QCOMPARE(as_set(all.correct), (std::set<Index>{0, 3, 5}));
        QCOMPARE(as_set(all.misclassified), (std::set<Index>{2, 4}));
        // One of each: a seeded random choice among them, the same again for the same seed.
        const Fig6Choice one = choose_fig6(x, f, labels, predicted, 1, kFigureMinDistance, 3);
        QCOMPARE(one.correct.size(), std::size_t{1});
        QCOMPARE(one.misclassified.size(), std::size_t{1});
        QVERIFY(as_set(all.correct).count(one.correct[0]) && as_set(all.misclassified).count(one.misclassified[0]));
        QCOMPARE(choose_fig6(x, f, labels, predicted, 1, kFigureMinDistance, 3).correct, one.correct);
        std::set<Index> seen;
        for (std::uint64_t seed = 0; seed < 40; ++seed)
            seen.insert(choose_fig6(x, f, labels, predicted, 1, kFigureMinDistance, seed).correct[0]);
        QCOMPARE(seen, (std::set<Index>{0, 3, 5}));  // random: every qualifying digit is chosen by some seed
        QVERIFY_THROWS_EXCEPTION(Error, choose_fig6(x, f, labels, {0, 1}, 1, kFigureMinDistance, 1));
        QVERIFY_THROWS_EXCEPTION(Error, choose_fig6(x, f.leftCols(3), labels, predicted, 1, kFigureMinDistance, 1));
    }

    void fig4TakesDigitsOfDifferentClassesThatMovedUnderEveryModel() {
        const Matrix x = originals(6);
        const std::vector<Matrix> fixed{moved(x, {6, 6, 6, 1, 6, 6}), moved(x, {6, 1, 6, 6, 6, 6})};
        const std::vector<int> labels{0, 0, 1, 1, 2, 2};
        // 1 stays within 5 under the second model, 3 under the first: the classes 0 and 1 have one
        // candidate each (0, 2), class 2 has two (4, 5), of which one is taken.
        const std::vector<Index> c = choose_fig4(x, fixed, labels, 6, kFigureMinDistance, 1);
        QCOMPARE(c.size(), std::size_t{3});
        const std::set<Index> s = as_set(c);
        QVERIFY(s.count(0) && s.count(2) && (s.count(4) != s.count(5)));
        std::set<int> classes;
        for (Index j : c)
            classes.insert(labels[static_cast<std::size_t>(j)]);
        QCOMPARE(classes.size(), c.size());
        QCOMPARE(choose_fig4(x, fixed, labels, 2, kFigureMinDistance, 1).size(), std::size_t{2});
        QVERIFY(choose_fig4(x, fixed, labels, 6, 100, 1).empty());
        QVERIFY_THROWS_EXCEPTION(Error, choose_fig4(x, {fixed[0].leftCols(2)}, labels, 6, kFigureMinDistance, 1));
    }

    void theEvaluationsPredictionsAreItsAccuracy() {
        // Two classes of 16-pixel images (bright left or right half, with noise), a small DAE.
        Rng rng(5);
        auto make = [&](Index n) {
            Dataset d;
            d.samples.resize(16, n);
            d.num_classes = 2;
            for (Index j = 0; j < n; ++j) {
                const int label = static_cast<int>(j % 2);
                d.labels.push_back(label);
                for (Index i = 0; i < 16; ++i)
                    d.samples(i, j) =
                        std::clamp((i < 8) == (label == 0) ? 0.8f : 0.2f + rng.uniform(-0.3f, 0.3f), 0.0f, 1.0f);
            }
            return d;
        };
        Partition p{make(200), make(40), make(101), true};
        ModelConfig mc;
        mc.visible = 16;
        mc.hidden = 6;
        Autoencoder model(mc);
        model.initialize(InitScheme::GlorotUniform, 2);
        const Judge judge = Judge::train(p.train, p.validation, JudgeConfig{.hidden = 4, .epochs = 2});
        EvaluationConfig c;
        c.iteration.max_steps = 40;
        c.classifier.epochs = 3;
        const DynamicsEvaluation e = evaluate_dynamics(model, p, judge, c);
        QCOMPARE(e.predicted_test.size(), std::size_t{101});
        // The regression of Table 1, trained here as evaluation.h describes it: on the training set's
        // fixed points with their labels. Each test fixed point's class is the likelier one of its
        // two probabilities, and acc_test is the share of test digits whose class is their label.
        SoftmaxClassifier regression;
        regression.train(e.train.iteration.fixed_points, p.train.labels, 2, c.classifier);
        const Matrix probabilities = regression.probabilities(e.test.iteration.fixed_points);
        QCOMPARE(probabilities.cols(), Index{101});
        int right = 0;
        for (Index j = 0; j < 101; ++j) {
            const int likelier = probabilities(1, j) > probabilities(0, j) ? 1 : 0;
            QCOMPARE(e.predicted_test[static_cast<std::size_t>(j)], likelier);  // in the test set's order
            right += likelier == p.test.labels[static_cast<std::size_t>(j)] ? 1 : 0;
        }
        QCOMPARE(e.acc_test, right / 101.0);
    }

    void logLinesAreDrawnWhereTheLogAxisPutsThem() {
        // Lines at 10⁻², 10⁻¹ and 10⁰ over steps 0 … 10, a gap at step 5 in the lowest.
        ui::LinePlot plot;
        std::vector<double> low(11, 1e-2), middle(11, 1e-1), high(11, 1.0);
        low[5] = std::nan("");
        plot.lines = {low, middle, high};
        plot.colours = {QColor(255, 0, 0), QColor(0, 160, 0), QColor(0, 0, 255)};
        const QImage img = ui::render_log_lines(plot, 420, 300);
        QCOMPARE(img.size(), QSize(420, 300));
        // The mean row of the pixels in column x where channel `c` (0 red, 1 green, 2 blue) dominates
        // (antialiased lines are pale), −1 when there are none.
        auto row_of = [&](int c, int x) {
            double sum = 0;
            int n = 0;
            for (int y = 0; y < img.height(); ++y) {
                const QRgb p = img.pixel(x, y);
                const int v[] = {qRed(p), qGreen(p), qBlue(p)};
                if (v[c] - std::max(v[(c + 1) % 3], v[(c + 2) % 3]) > 40) sum += y, ++n;
            }
            return n ? sum / n : -1.0;
        };
        // The plot area spans x 58 … 404; step s is at 58 + s/10 of its width.
        auto x_at = [](double step) { return 58 + static_cast<int>(step / 10 * (420 - 58 - 16)); };
        const double r = row_of(0, x_at(3)), g = row_of(1, x_at(3)), b = row_of(2, x_at(3));
        QVERIFY2(r > 0 && g > 0 && b > 0, qPrintable(QStringLiteral("%1 %2 %3").arg(r).arg(g).arg(b)));
        QVERIFY(r > g && g > b);  // larger values higher up
        // Log scale: 10⁻¹ halfway between 10⁻² and 10⁰ (a linear axis would put it near 10⁻²'s row).
        QVERIFY2(std::abs(g - (r + b) / 2) < 2, qPrintable(QStringLiteral("%1 %2 %3").arg(r).arg(g).arg(b)));
        // A quarter decade of margin: no line on the frame (y 30 … 260).
        QVERIFY(r < 258 && b > 32);
        // The gap: no red at step 5, red again at step 7.
        QCOMPARE(row_of(0, x_at(5)), -1.0);
        QVERIFY(row_of(0, x_at(7)) > 0);
        // All values equal, or none positive: still an axis of at least a decade, nothing thrown.
        ui::LinePlot flat;
        flat.lines = {std::vector<double>(5, 0.5), std::vector<double>(5, 0.0)};
        QVERIFY(!ui::render_log_lines(flat).isNull());
    }
};

QTEST_MAIN(TestPaperFigures)
#include "tst_paper_figures.moc"
