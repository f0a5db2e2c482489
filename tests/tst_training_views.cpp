// What the training lab's views draw: the filter grid is the weights under the chosen scaling,
// the reconstruction panel previews the slider's level, settings round-trip and mark bad values,
// the loss chart's legend and axis labels are never cut, and the bounded histories thin evenly.
#include "dae/default_data.h"
#include "render/plot_image.h"
#include "training/reconstruction_panel.h"
#include "training/settings_model.h"
#include "training/settings_panel.h"
#include "training/snapshot_ring.h"
#include "training/status_line.h"
#include "widgets/filter_grid.h"
#include "widgets/hidden_units_view.h"
#include "widgets/loss_chart.h"
#include "widgets/message_bar.h"
#include "widgets/number_field.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace dae;
using namespace dae::ui;

namespace {

Matrix random_matrix(Index rows, Index cols, std::uint64_t seed) {
    Rng rng(seed);
    Matrix m(rows, cols);
    for (Index k = 0; k < m.size(); ++k)
        m.data()[k] = rng.uniform(-1, 1);
    return m;
}

// Gray level of pixel (x, y) of tile t in a tiles image.
int tile_gray(const QImage& img, const TileLayout& l, int t, int x, int y) {
    const int x0 = l.gap + (t % l.columns) * (l.tile_width + l.gap),
              y0 = l.gap + (t / l.columns) * (l.tile_height + l.gap);
    return qGray(img.pixel(x0 + x, y0 + y));
}

}  // namespace

class TestTrainingViews : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    void theStatusLineTellsOnlyWhatIsTrue() {
        QStatusBar bar;
        MessageBar messages;
        StatusLine line(&bar, &messages);
        TrainingSnapshot s;
        s.epoch = 3;
        s.epochs = 10;
        s.batches_per_epoch = 100;
        s.batch = 50;
        s.samples_seen = 3500;
        s.samples_per_second = 1000;
        s.config.batch = 10;
        line.setState(WorkerState::Running);
        line.showSnapshot(s);
        QCOMPARE(line.epochText(), QString("epoch 4 / 10"));
        QCOMPARE(line.rateText(), QString("1000 samples/s, 6 s left"));  // 6.5 epochs × 1000 samples
        // Paused: nothing is left to wait for (it read "ETA 13 min" while paused).
        line.setState(WorkerState::Paused);
        QVERIFY(line.rateText().isEmpty());
        line.showSnapshot(s);  // a snapshot arriving after the pause does not bring it back
        QVERIFY(line.rateText().isEmpty());
        // A model just opened, nothing trained in this run: no "epoch 1 / 100 · 0 samples".
        s.samples_seen = 0;
        line.showSnapshot(s);
        QVERIFY(line.epochText().isEmpty());
        // Background jobs in one place, each until it ends.
        line.setJob("judge", 0.5);
        line.setJob("whole set", 0.25);
        QVERIFY2(line.jobsText().contains("judge 50 %") && line.jobsText().contains("whole set 25 %"),
                 qPrintable(line.jobsText()));
        line.endJob("judge");
        QVERIFY(!line.jobsText().contains("judge"));
        line.endJob("whole set");
        QVERIFY(line.jobsText().isEmpty());
        // Messages go to the bar that wraps them, and are cleared when stale.
        line.showMessage("a message", 0);
        QCOMPARE(messages.text(), QString("a message"));
        line.clearMessage();
        QVERIFY(messages.text().isEmpty() && messages.isHidden());
    }

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
        // Unit u's weight to pixel (x, y) is w1(u, 28y + x); its gray is round(255 (w − lo) / (hi − lo)),
        // lo and hi the unit's own extremes or the whole matrix's. A weight whose exact gray is within
        // float rounding of a half level may be drawn on either side of it.
        for (int u : {0, 5, 36}) {
            const double lo = scaling == int(TileScaling::PerTile) ? w1.row(u).minCoeff() : w1.minCoeff();
            const double hi = scaling == int(TileScaling::PerTile) ? w1.row(u).maxCoeff() : w1.maxCoeff();
            for (int y = 0; y < 28; ++y)
                for (int x = 0; x < 28; ++x) {
                    const double exact = 255 * (w1(u, y * 28 + x) - lo) / (hi - lo);
                    const int drawn = tile_gray(img, l, u, x, y);
                    if (std::abs(exact - std::floor(exact) - 0.5) < 1e-3)
                        QVERIFY(drawn == int(std::floor(exact)) || drawn == int(std::ceil(exact)));
                    else
                        QCOMPARE(drawn, int(std::lround(exact)));
                }
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

    void tileRowsPutEachMatrixOnItsOwnRow() {
        // Tiles of 2 × 1 pixels, 2 per row: the first matrix fills row 0, the second (one tile) row 1,
        // whose second place stays flat gray; every tile stretched to its own extremes.
        Matrix a(2, 2), b(2, 1);
        a << 0, 1, 2, 3;  // tiles (0, 2) and (1, 3)
        b << 5, 4;
        const QImage img = tile_rows_image({a, b}, 2, 1, 2);
        QCOMPARE(img.size(), QSize(2 * (2 + 1) + 1, 2 * (1 + 1) + 1));
        auto gray = [&](int x, int y) { return qGray(img.pixel(x, y)); };
        QCOMPARE(gray(1, 1), 0);  // row 0, tile 0: 0 of 0 … 2
        QCOMPARE(gray(2, 1), 255);
        QCOMPARE(gray(4, 1), 0);  // row 0, tile 1: 1 of 1 … 3
        QCOMPARE(gray(5, 1), 255);
        QCOMPARE(gray(1, 3), 255);  // row 1, tile 0: 5 of 4 … 5
        QCOMPARE(gray(2, 3), 0);
        QCOMPARE(gray(4, 3), 128);  // the short row's empty place
        QCOMPARE(gray(5, 3), 128);
        QVERIFY(tile_rows_image({a, Matrix(3, 1)}, 2, 1, 2).isNull());  // a tile of another size
    }

    void reconstructionPanelPreviewsWithoutChangingTraining() {
        const Dataset mnist = load_default_mnist();
        const Matrix samples = mnist.subset({0, 1500, 3000, 4000}).samples;
        ModelConfig mc;
        mc.hidden = 30;
        Autoencoder model(mc);
        model.initialize(InitScheme::GlorotUniform, 4);
        ReconstructionPanel panel;
        panel.setTrainingCorruption({CorruptionType::Masking, 0.25});
        panel.setSamples(samples, 28, 28);
        panel.setModel(model);
        QCOMPARE(panel.previewLevel(), 0.25);  // the preview starts at the training level
        QSignalSpy use(&panel, &ReconstructionPanel::useForTraining);
        panel.slider()->setValue(400);  // ν = 0.4: only the preview
        QCOMPARE(use.count(), 0);
        QCOMPARE(panel.previewLevel(), 0.4);
        QCOMPARE(panel.training().level, 0.25);
        QVERIFY(panel.trainingText().contains("0.25") && panel.previewText().contains("0.400"));
        TileLayout l;
        l.columns = 4;
        const QImage expected =
            tiles_image(reconstruction_rows(model, samples, {CorruptionType::Masking, 0.4}), l, TileScaling::Fixed01);
        QCOMPARE(panel.image(), expected);
        // The corrupted row has exactly ⌊0.4·784⌋ = 313 masked pixels per digit beyond its own zeros.
        const Matrix rows = reconstruction_rows(model, samples, {CorruptionType::Masking, 0.4});
        for (Index j = 0; j < 4; ++j) {
            const Index zeros_clean = (samples.col(j).array() == 0).count();
            const Index zeros_corrupted = (rows.col(4 + j).array() == 0).count();
            QVERIFY(zeros_corrupted >= 313 && zeros_corrupted <= 313 + zeros_clean);
        }
        // "Use for training" hands the preview level over, once.
        panel.useButton()->click();
        QCOMPARE(use.count(), 1);
        QVERIFY(use.at(0).at(0).value<Corruption>() == (Corruption{CorruptionType::Masking, 0.4}));
        // A different level draws something else, at once.
        panel.slider()->setValue(0);
        QVERIFY(panel.image() != expected);
        // The slider's range is the level's one range: σ up to 5 for Gaussian noise.
        panel.setTrainingCorruption({CorruptionType::Gaussian, 2.5});
        QCOMPARE(panel.previewLevel(), 2.5);
        QCOMPARE(panel.slider()->maximum(), 5000);
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
        SettingsModel a;
        a.setConfig(c);
        QVERIFY(a.config() == c);
        a.save(store);
        store.sync();
        QSettings reread(dir.filePath("daelab.ini"), QSettings::IniFormat);
        SettingsModel b;
        b.restore(reread);
        QVERIFY(b.config() == c);
        // The panel shows the model's values.
        SettingsPanel panel(&b);
        QCOMPARE(panel.field("hidden")->text(), QString("123"));
        QCOMPARE(panel.field("learning-rate")->text(), QString("0.05"));
        QCOMPARE(panel.choice("encoder")->currentText(), QString("tanh"));
    }

    void settingsFieldsMarkBadValuesAndNeverSnap() {
        SettingsModel model;
        model.setTrainSize(800);
        SettingsPanel panel(&model);
        // hidden units 0: kept as typed (not snapped back to 500), marked, and the reason given.
        panel.field("hidden")->setText("0");
        emit panel.field("hidden")->edited();
        QCOMPARE(model.config().model.hidden, Index{0});
        QCOMPARE(panel.field("hidden")->text(), QString("0"));
        QVERIFY(panel.field("hidden")->hasProblem());
        QVERIFY2(model.firstProblem().contains("Hidden units n must be 1 … 100000"), qPrintable(model.firstProblem()));
        QVERIFY(panel.problemText().contains("Hidden units"));
        panel.field("hidden")->setText("500");
        emit panel.field("hidden")->edited();
        QVERIFY(!panel.field("hidden")->hasProblem());
        // Scientific notation: "1e9" is 10⁹ (not 19), and out of range; "1e-3" is 0.001.
        panel.field("learning-rate")->setText("1e9");
        emit panel.field("learning-rate")->edited();
        QCOMPARE(model.config().learning_rate, 1e9);
        QVERIFY(model.firstProblem().contains("Learning rate ρ must be (0, 1000]"));
        panel.field("learning-rate")->setText("1e-3");
        emit panel.field("learning-rate")->edited();
        QCOMPARE(model.config().learning_rate, 1e-3);
        QVERIFY(model.valid());
        // Text that is no number leaves the value and says so.
        panel.field("epochs")->setText("ten");
        emit panel.field("epochs")->edited();
        QCOMPARE(model.config().epochs, 100);
        QVERIFY(model.firstProblem().contains("'ten' is not a valid value"));
        panel.field("epochs")->setText("10");
        emit panel.field("epochs")->edited();
        // A minibatch larger than the training set.
        panel.field("batch")->setText("900");
        emit panel.field("batch")->edited();
        QVERIFY(model.firstProblem().contains("larger than the training set"));
    }

    void lossChartLegendIsNeverCut() {
        LossChart chart;
        chart.resize(260, 400);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const QString legend = chart.legendText().replace(QChar(0xa0), ' ');
        for (const char* name : {"minibatch", "train", "validation", "clean MSE", "noise level changed"})
            QVERIFY2(legend.contains(name), qPrintable(legend));
        QVERIFY(!legend.contains(QChar(0x2026)));  // no "…"
        const auto labels = chart.findChildren<QLabel*>();
        const auto it = std::find_if(labels.begin(), labels.end(),
                                     [](QLabel* l) { return l->wordWrap() && l->text().contains("&#9632;"); });
        QVERIFY(it != labels.end());
        QVERIFY2((*it)->width() <= chart.width() && (*it)->height() >= (*it)->heightForWidth((*it)->width()),
                 "the legend wraps inside the chart's width");
        const QImage image = chart.grabImage();
        QVERIFY(image.height() > (*it)->height());  // the export carries the legend under the chart
    }

    // Regression: the x axis printed whole counts ("48628 97255 145… 194…") and cut them in the dock.
    // Its ticks are round and short, and fit side by side in a narrow chart at any length of run.
    void lossChartAxisLabelsAreNeverCut() {
        QCOMPARE(nice_tick_step(1326000, 3), 500000.0);
        QCOMPARE(nice_tick_step(194000, 3), 100000.0);
        QCOMPARE(nice_tick_step(700, 3), 250.0);
        QCOMPARE(compact_count(1.5e6), QString("1.5M"));
        QCOMPARE(compact_count(250000), QString("250k"));
        QCOMPARE(compact_count(950), QString("950"));
        LossChart chart;
        chart.resize(260, 400);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        for (const double total : {1000.0, 194000.0, 1326000.0, 2.5e9}) {
            chart.addLossPoints({{total, 10.0, 0.5, 1}});
            const double step = nice_tick_step(total, LossChart::kXTicks);
            QTRY_COMPARE(chart.xAxisLabels().value(chart.xAxisLabels().size() - 1),
                         compact_count(std::floor(total / step) * step));  // the coalesced redraw came
            const QStringList labels = chart.xAxisLabels();
            QVERIFY2(labels.size() >= 2 && labels.size() <= LossChart::kXTicks + 1, qPrintable(labels.join(' ')));
            QCOMPARE(labels.first(), QString("0"));
            const QFontMetrics metrics(chart.font());
            int width = 0;
            for (const QString& l : labels) {
                QVERIFY2(l.size() <= 5, qPrintable(l));
                width += metrics.horizontalAdvance(l) + 12;
            }
            QVERIFY2(width < 200, qPrintable(labels.join(' ')));  // the plot area of a 260-pixel chart
        }
        QCOMPARE(chart.xAxisLabels(), QStringList({"0", "1G", "2G"}));
    }

    // The soak test found resident memory growing by ~35 MB/h: every minibatch's loss was kept. The
    // history is bounded now: older points merge pairwise into their mean, nothing is lost from the
    // total, the latest point stays where it was, and noise changes are all kept.
    void lossHistoryIsBoundedWithoutLosingTheMean() {
        LossChart chart;
        const int n = 3 * LossChart::kMaxHistory + 7;
        double sum = 0;
        QVector<LossPoint> chunk;
        for (int i = 0; i < n; ++i) {
            const double loss = 10.0 + (i % 13) * 0.5 + i * 1e-5;
            sum += loss;
            chunk.push_back({20.0 * (i + 1), loss, i < n / 2 ? 0.5 : 0.3, 0});
            if (chunk.size() == 1000 || i == n - 1) {
                chart.addLossPoints(chunk);
                chunk.clear();
            }
        }
        const auto& kept = chart.batchPoints();
        QVERIFY(kept.size() <= LossChart::kMaxHistory);
        QVERIFY(kept.size() > LossChart::kMaxHistory / 2);
        long long minibatches = 0;
        double weighted = 0;
        for (const LossPoint& p : kept) {
            minibatches += p.minibatches;
            weighted += p.loss * p.minibatches;
        }
        QCOMPARE(minibatches, static_cast<long long>(n));
        QVERIFY(std::abs(weighted - sum) < 1e-9 * sum);
        QCOMPARE(kept.back().samples, 20.0 * n);
        QCOMPARE(chart.noiseChanges().size(), qsizetype{1});
        QCOMPARE(chart.noiseChanges().front().first, 20.0 * (n / 2 + 1));
    }

    void ringThinsEvenly() {
        Autoencoder m(ModelConfig{2, 1});
        SnapshotRing ring(4 * SnapshotRing::bytesOf(m));  // a budget of four snapshots
        for (int e = 1; e <= 9; ++e)
            ring.push(e, m);
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

    void ringIsBoundedByMemoryNotCount() {
        // 784-500-784 untied: 3.1 MB a snapshot; a 256 MB budget keeps ~81 of them, a 784-2000-784
        // model (12.6 MB) ~20: the memory stays bounded whatever the model.
        SnapshotRing ring;
        Autoencoder small(ModelConfig{784, 500}), big(ModelConfig{784, 2000});
        QCOMPARE(SnapshotRing::bytesOf(small), std::size_t{(2 * 784 * 500 + 500 + 784) * 4});
        for (int e = 1; e <= 200; ++e)
            ring.push(e, big);
        QVERIFY(ring.bytes() <= ring.budget());
        QVERIFY(ring.size() >= 10);
        ring.clear();
        for (int e = 1; e <= 200; ++e)
            ring.push(e, small);
        QVERIFY(ring.bytes() <= ring.budget());
        QVERIFY(ring.size() > 40);
        ring.setBudget(10 * SnapshotRing::bytesOf(small));
        QVERIFY(ring.size() <= 10);
    }

    void hiddenUnitsViewDrawsItsHistogramsWhereTheirCountsAre() {
        // The activations' histogram (left) and the weights' (right) as bars in their colours: a bin
        // with counts has a bar above the axis, an empty one none; nothing is drawn before the first
        // statistics.
        HiddenUnitsView view;
        const QSize size(300, 520);
        auto count_colour = [](const QImage& image, QRect r, QColor c) {
            int n = 0;
            for (int y = r.top(); y <= r.bottom(); ++y)
                for (int x = r.left(); x <= r.right(); ++x)
                    n += QColor(image.pixel(x, y)) == c;
            return n;
        };
        const QRect left(0, int(520 * 0.64), 150, int(520 * 0.36) - 1),
            right(150, int(520 * 0.64), 150, int(520 * 0.36) - 1);
        QImage empty = view.image(size);
        QCOMPARE(count_colour(empty, left, series_colour(0)), 0);
        HiddenStats s;
        s.mean_activation = 0.2;
        s.saturated = 0.5;
        s.contraction = 3;
        s.activations = Histogram{0, 1, {10, 0, 0, 0, 5}};
        s.weights = Histogram{-1, 1, {0, 0, 8, 0, 0}};
        view.addStats(100, s);
        s.mean_activation = 0.1;
        view.addStats(200, s);
        QCOMPARE(view.points(), std::size_t{2});
        const QImage drawn = view.image(size);
        QVERIFY(count_colour(drawn, left, series_colour(0)) > 100);  // two bars of activations
        QCOMPARE(count_colour(drawn, left, series_colour(3)), 0);
        QVERIFY(count_colour(drawn, right, series_colour(3)) > 50);  // one bar of weights
        // The weights' one bar is its middle fifth: nothing of its colour in the right histogram's outer fifths.
        const QRect outer(right.left() + 4, right.top(), (right.width() - 8) / 5 - 2, right.height());
        QCOMPARE(count_colour(drawn, outer, series_colour(3)), 0);
        view.clear();
        QCOMPARE(view.points(), std::size_t{0});
        QVERIFY(!view.latest());
    }
};

QTEST_MAIN(TestTrainingViews)
#include "tst_training_views.moc"
