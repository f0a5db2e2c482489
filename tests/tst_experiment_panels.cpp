// The GUI's experiment panels: the noise sweep trains its members in the background from the same
// initial weights, each exactly as the core's Trainer would, and draws their filters and denoising
// curves; it can be cancelled and closed mid-run; invalid settings are refused before anything starts.
#include "dae/default_data.h"
#include "experiments/stacked_panel.h"
#include "experiments/sweep_panel.h"
#include "render/tile_image.h"

#include <QProgressBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace dae;
using namespace dae::ui;

namespace {

struct Data {
    Dataset train, held_out;
};

const Data& data() {
    static const Data d = [] {
        const Dataset mnist = load_default_mnist();
        const Split s = make_split(mnist.size(), 600, 200, 0, 3);
        return Data{mnist.subset(s.train), mnist.subset(s.validation)};
    }();
    return d;
}

Partition partition() { return Partition{data().train, data().held_out, data().held_out, false}; }

// Epochs no run gets through while a test waits: such a run ends only when it is cancelled.
constexpr int kEndless = 1000000;

// Waits for the sweep's first progress report. The bar is emptied (−1) first, and only the job's
// reports set it (0 ‰ first): a report shows that the members are training, not merely queued.
bool under_way(SweepPanel& panel) {
    panel.progressBar()->reset();
    return QTest::qWaitFor([&] { return panel.progressBar()->value() >= 0; }, 60000);
}

TrainingConfig small_base() {
    TrainingConfig c = TrainingConfig::vincent2008();
    c.model.hidden = 20;
    return c;
}

}  // namespace

class TestExperimentPanels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    void sweepMembersAreTheCoresAndShareTheirStart() {
        SweepPanel panel;
        panel.setData(std::make_shared<const Partition>(partition()));
        panel.setBaseConfig(small_base());
        QSignalSpy done(&panel, &SweepPanel::finished);
        QSignalSpy members(&panel, &SweepPanel::memberFinished);
        QVERIFY(panel.run({0, 0.25, 0.5}, 2));
        QVERIFY(done.wait(60000));
        QCOMPARE(members.size(), 3);
        QCOMPARE(panel.members().size(), std::size_t{3});
        TrainingConfig base = small_base();
        base.epochs = 2;
        base.model.visible = 784;
        const auto configs = sweep_configs(base, {0, 0.25, 0.5});
        for (std::size_t i = 0; i < 3; ++i) {
            const SweepMember& m = panel.members()[i];
            QCOMPARE(m.level, configs[i].corruption.level);
            QVERIFY(m.initial == panel.members()[0].initial);  // one start for all
            Trainer t(configs[i], data().train.samples, data().held_out.samples);
            QVERIFY(t.model() == m.initial);
            t.run();
            QVERIFY(t.model() == m.trained);  // exactly what the core trains
            QCOMPARE(m.curve,
                     denoising_curve(m.trained, data().held_out.samples, CorruptionType::Masking, panel.testLevels()));
        }
        QVERIFY(!(panel.members()[0].trained == panel.members()[2].trained));
        // The filter view: member i's first units in row i, per-tile scaling.
        Matrix tiles(784, SweepPanel::kUnits * 3);
        for (int i = 0; i < 3; ++i)
            tiles.middleCols(i * SweepPanel::kUnits, SweepPanel::kUnits) =
                panel.members()[std::size_t(i)].trained.w1.topRows(SweepPanel::kUnits).transpose();
        TileLayout layout;
        layout.columns = SweepPanel::kUnits;
        QCOMPARE(panel.filtersImage(), tiles_image(tiles, layout, TileScaling::PerTile));
    }

    void currentModelCurveFollowsTheModel() {
        SweepPanel panel;
        panel.setData(std::make_shared<const Partition>(partition()));
        panel.setBaseConfig(small_base());
        panel.show();
        Autoencoder model(ModelConfig{784, 20, true});
        model.initialize(InitScheme::GlorotUniform, 4);
        panel.setCurrentModel(model);
        QVERIFY(QTest::qWaitFor([&] { return !panel.currentCurve().empty(); }, 5000));
        QCOMPARE(panel.currentCurve(),
                 denoising_curve(model, data().held_out.samples, CorruptionType::Masking, panel.testLevels()));
    }

    void sweepCanBeCancelledAndClosedMidRun() {
        const auto shared = std::make_shared<const Partition>(partition());
        {
            SweepPanel panel;
            panel.setData(shared);
            panel.setBaseConfig(small_base());
            QVERIFY(panel.run({0, 0.1, 0.2, 0.3}, kEndless));
            // run() returns at once, the members training in the worker thread (their progress
            // reaches the window), and the window goes on handling events meanwhile: a timer fires
            // while they train …
            QVERIFY(panel.running());
            QVERIFY(under_way(panel));
            int ticks = 0;
            QTimer tick;
            connect(&tick, &QTimer::timeout, this, [&] { ticks += panel.running() ? 1 : 0; });
            tick.start(10);
            QVERIFY(QTest::qWaitFor([&] { return ticks >= 3; }, 60000));
            // … and a cancel ends them mid-run: a sweep that cannot end by itself stops.
            panel.cancel();
            QVERIFY(QTest::qWaitFor([&] { return !panel.running(); }, 60000));
            QVERIFY(panel.run({0, 0.1}, kEndless));  // and it starts again
            QVERIFY(under_way(panel));
            QVERIFY(shared.use_count() > 2);  // the panel's copy of the data, ours, and the running job's
        }
        // Destroyed while training: the job was stopped and joined, so nothing of it holds the data.
        QCOMPARE(shared.use_count(), 1L);
    }

    void stackedResultsAreTheCores() {
        StackedPanel panel;
        panel.setData(std::make_shared<const Partition>(partition()));
        QCOMPARE(panel.validationSet().size() + panel.testSet().size(), data().held_out.size());
        StackedConfig c;
        c.layers = {30, 20};
        c.pretrain.epochs = 1;
        c.finetune_epochs = 3;
        QSignalSpy done(&panel, &StackedPanel::finished);
        QVERIFY(panel.run(c, 0.3, {"SdA", "SAA", "MLP"}));
        QVERIFY(done.wait(60000));
        QCOMPARE(panel.results().size(), std::size_t{3});
        QCOMPARE(panel.table()->rowCount(), 3);
        const Dataset& train = data().train;
        for (std::size_t i = 0; i < 3; ++i) {
            const StackedResult& r = panel.results()[i];
            StackedConfig ci = c;
            ci.pretrain.corruption.level = i == 0 ? 0.3 : 0.0;
            QCOMPARE(r.noise, ci.pretrain.corruption.level);
            StackedNetwork net = i == 2 ? initial_stack(ci, 784, 10) : pretrain_stack(ci, train.samples, 10);
            const FinetuneResult f = finetune(net, ci, train.samples, train.labels, panel.validationSet().samples,
                                              panel.validationSet().labels);
            QCOMPARE(r.finetune.best_epoch, f.best_epoch);
            QCOMPARE(r.finetune.best_validation_error, f.best_validation_error);
            QCOMPARE(r.test_error, net.error_rate(panel.testSet().samples, panel.testSet().labels));
            QVERIFY(r.first_filters == Matrix(net.w[0].topRows(16).transpose()));
            QVERIFY(panel.table()->item(int(i), 3)->text().startsWith(QString::number(100 * r.test_error, 'f', 2)));
        }
        QCOMPARE(panel.table()->item(0, 0)->text(), QString("SdA"));
    }

    void stackedCanBeCancelledAndRefusesNonsense() {
        StackedPanel panel;
        panel.setData(std::make_shared<const Partition>(partition()));
        StackedConfig c;
        c.layers = {200, 200};
        c.pretrain.epochs = kEndless;
        QVERIFY(panel.run(c, 0.25, {"SdA"}));
        // run() returns at once; the job's progress reaches the window while it pretrains …
        QVERIFY(panel.running());
        QVERIFY(QTest::qWaitFor([&] { return panel.progressBar()->format().contains("pretraining layer 1"); }, 60000));
        // … and a cancel ends it mid-run: pretraining that cannot end by itself stops.
        panel.cancel();
        QVERIFY(QTest::qWaitFor([&] { return !panel.running(); }, 60000));
        QVERIFY(panel.results().empty());
        QSignalSpy message(&panel, &StackedPanel::message);
        c.layers = {50, 0};
        QVERIFY(!panel.run(c, 0.25, {"SdA"}));
        c.layers = {50};
        QVERIFY(!panel.run(c, 0.25, {}));
        QVERIFY(!panel.run(c, 1.5, {"SdA"}));
        QCOMPARE(message.size(), 3);
        QVERIFY(message.at(0).at(0).toString().contains("every layer needs"));
        QVERIFY(message.at(2).at(0).toString().contains("masking"));
        // a toy data set of 2-D points is not for image classifiers
        Dataset toy = data().train;
        toy.width = 2;
        toy.height = 1;
        toy.samples = Matrix::Zero(2, 600);
        panel.setData(std::make_shared<const Partition>(Partition{toy, toy, toy, false}));
        QVERIFY(!panel.run(c, 0.25, {"SdA"}));
        QVERIFY(message.at(3).at(0).toString().contains("not an image data set"));
        // closing mid-run joins the worker
        panel.setData(std::make_shared<const Partition>(partition()));
        c.pretrain.epochs = 300;
        QVERIFY(panel.run(c, 0.25, {"SdA"}));
    }

    void invalidSweepSettingsAreRefused() {
        SweepPanel panel;
        panel.setData(std::make_shared<const Partition>(partition()));
        TrainingConfig c = small_base();
        panel.setBaseConfig(c);
        QSignalSpy message(&panel, &SweepPanel::message);
        QVERIFY(!panel.run({0, 1.5}, 1));  // masking 150 %
        QVERIFY(!panel.run({}, 1));
        c.batch = 100000;
        panel.setBaseConfig(c);
        QVERIFY(!panel.run({0.1}, 1));
        QCOMPARE(message.size(), 3);
        QVERIFY(message.at(2).at(0).toString().contains("minibatch"));
        QVERIFY(!panel.running());
        QVERIFY(panel.members().empty());
    }
};

QTEST_MAIN(TestExperimentPanels)
#include "tst_experiment_panels.moc"
