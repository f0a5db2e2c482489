// The paper's figures of single digits: the samples are chosen as its captions say (Fig. 6: read
// right and moved at least 5, or read wrong; Fig. 4: different classes, moved at least 5 under
// every model), and the log-scale line plot of Fig. 7 draws each value where the axis puts it.
#include "dae/error.h"
#include "dae/paper_figures.h"
#include "widgets/plot_image.h"

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

    void logLinesAreDrawnWhereTheLogAxisPutsThem() {
        // One line at 10⁻² over steps 0 … 10 with a gap at step 5; another at 10⁰.
        ui::LinePlot plot;
        std::vector<double> low(11, 1e-2), high(11, 1.0);
        low[5] = std::nan("");
        plot.lines = {low, high};
        plot.colours = {QColor(255, 0, 0), QColor(0, 0, 255)};
        const QImage img = ui::render_log_lines(plot, 420, 300);
        QCOMPARE(img.size(), QSize(420, 300));
        // Rows where each colour appears.
        auto rows_of = [&](QRgb want, int x) {
            std::vector<int> rows;
            for (int y = 0; y < img.height(); ++y) {
                const QRgb c = img.pixel(x, y);
                if (std::abs(qRed(c) - qRed(want)) < 60 && std::abs(qGreen(c) - qGreen(want)) < 60 &&
                    std::abs(qBlue(c) - qBlue(want)) < 60)
                    rows.push_back(y);
            }
            return rows;
        };
        // The plot area is 58 … 404 in x and 30 … 260 in y; the axis runs from 10⁻² to 10⁰ (whole decades).
        const int x_at_2 = 58 + static_cast<int>(2.0 / 10 * (420 - 58 - 16));
        const auto red = rows_of(qRgb(255, 0, 0), x_at_2), blue = rows_of(qRgb(0, 0, 255), x_at_2);
        QVERIFY(!red.empty() && !blue.empty());
        QVERIFY2(std::abs(red.front() - 260) <= 2, qPrintable(QString::number(red.front())));   // 10⁻²: the bottom
        QVERIFY2(std::abs(blue.front() - 30) <= 2, qPrintable(QString::number(blue.front())));  // 10⁰: the top
        // The gap: no red around step 5, red again at step 7.
        const int x_at_5 = 58 + static_cast<int>(5.0 / 10 * (420 - 58 - 16));
        const int x_at_7 = 58 + static_cast<int>(7.0 / 10 * (420 - 58 - 16));
        QVERIFY(rows_of(qRgb(255, 0, 0), x_at_5).empty());
        QVERIFY(!rows_of(qRgb(255, 0, 0), x_at_7).empty());
    }
};

QTEST_MAIN(TestPaperFigures)
#include "tst_paper_figures.moc"
