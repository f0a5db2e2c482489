// The judge keeper: one judge per data set for every view that reads outcomes — none for
// unlabelled data (and it says why), one trained in its worker for labelled data (the cache's judge
// of the same data), one given from outside at once.
#include "dynamics/judge_keeper.h"
#include "dynamics_fixture.h"

#include <QSignalSpy>
#include <QTest>

using namespace dae;
using namespace dae::ui;

namespace {
SharedPartition small_partition() {
    Partition p;
    p.train = fixture().data.train.head(300);
    p.validation = fixture().data.validation.head(100);
    p.test = fixture().data.test.head(100);
    return std::make_shared<const Partition>(std::move(p));
}
}  // namespace

class TestJudgeKeeper : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { set_compute_threads(1); }

    void unlabelledDataHasNoJudgeAndSaysWhy() {
        JudgeKeeper keeper;
        QSignalSpy changed(&keeper, &JudgeKeeper::changed);
        Partition p;
        p.train = fixture().data.train.head(50);
        p.train.labels.clear();
        p.train.num_classes = 0;
        keeper.setData(std::make_shared<const Partition>(std::move(p)));
        QCOMPARE(changed.size(), 1);
        QVERIFY(!keeper.ready());
        QVERIFY(!keeper.training());
        QVERIFY(keeper.stateText().contains(QStringLiteral("No labels")));
        QVERIFY(keeper.missing().contains(QStringLiteral("no labels")));
    }

    void aLabelledDataSetsJudgeIsTrainedInTheWorkerThenShared() {
        JudgeKeeper keeper;
        QSignalSpy changed(&keeper, &JudgeKeeper::changed);
        const SharedPartition data = small_partition();
        bool training_when_ready = true;  // what a view asking on changed() learns
        connect(&keeper, &JudgeKeeper::changed, this, [&] {
            if (keeper.ready()) training_when_ready = keeper.training();
        });
        keeper.setData(data);
        QVERIFY(!keeper.ready() && keeper.training());
        QVERIFY(keeper.missing().contains(QStringLiteral("still training")));
        QVERIFY(QTest::qWaitFor([&] { return keeper.ready(); }, 120000));
        QVERIFY(!keeper.training() && !training_when_ready);
        QVERIFY(keeper.stateText().contains(QStringLiteral("right on the")));
        // The cache's judge of the same data: the same readings.
        const Judge same = cached_judge(data->train, data->validation);
        QVERIFY(keeper.judge().probabilities(data->test.samples) == same.probabilities(data->test.samples));
        QVERIFY(keeper.missing().isEmpty());
        QVERIFY(changed.size() >= 2);  // training, then ready
        // A judge given from outside replaces it at once, and a new data set takes it away.
        keeper.setJudge(fixture().judge);
        QVERIFY(keeper.ready());
        QVERIFY(keeper.judge().probabilities(data->test.samples) == fixture().judge.probabilities(data->test.samples));
        keeper.setData(small_partition());
        QVERIFY(!keeper.ready());
        keeper.setJudge(Judge());  // and that one's training is dropped: nothing arrives later
        QTest::qWait(200);
        QVERIFY(!keeper.ready());
    }
};

QTEST_MAIN(TestJudgeKeeper)
#include "tst_judge_keeper.moc"
