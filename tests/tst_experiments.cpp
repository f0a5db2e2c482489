// The core's experiments: the judge (a strong classifier, cached on disk), the attractor census
// (single-linkage groups, basins, following attractors over epochs), the generative chain, and
// the reproduction harness (a run resumes after a kill and is never redone; grids expand and
// summarise; a grid runs through GNU parallel from its printed commands).
#include "corner_cube.h"
#include "dae/attractors.h"
#include "dae/chain.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/experiment.h"
#include "dae/files.h"
#include "dae/model_io.h"
#include "dae/run_catalog.h"
#include "dae/training_options.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <signal.h>

using namespace dae;

class TestExperiments : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        set_compute_threads(1);
        qputenv("DAELAB_CACHE_DIR", m_cache.path().toUtf8());
    }

    void judgeIsStrongAndCachedByItsData() {
        const DataSource s = load_data_source("mnist-10k");
        const Partition p = make_partition(s, s.default_split);
        const Dataset train = p.train.head(3000), validation = p.validation.head(500);
        const JudgeConfig c{.hidden = 200, .epochs = 15};
        const Judge j = cached_judge(train, validation, c);
        const double acc = j.accuracy(p.test.samples, p.test.labels);
        SoftmaxClassifier linear;  // the Table-1 classifier on the same digits
        linear.train(train.samples, train.labels, 10);
        const double linear_acc = linear.accuracy(p.test.samples, p.test.labels);
        QVERIFY2(acc > linear_acc + 0.02, qPrintable(QString("judge %1, linear %2").arg(acc).arg(linear_acc)));
        QCOMPARE(QDir(m_cache.path()).entryList({"judge-*.bin"}).size(), 1);
        // The second call reads the file: the very same network.
        const Judge again = cached_judge(train, validation, c);
        QVERIFY(again.probabilities(p.test.samples.leftCols(20)) == j.probabilities(p.test.samples.leftCols(20)));
        QVERIFY(Judge::parse(j.serialize(), "mem").probabilities(p.test.samples.leftCols(5)) ==
                j.probabilities(p.test.samples.leftCols(5)));
        // Other data: another entry.
        cached_judge(p.train.head(2000), validation, c);
        QCOMPARE(QDir(m_cache.path()).entryList({"judge-*.bin"}).size(), 2);
        auto bytes = j.serialize();
        bytes[bytes.size() / 2] ^= 1;
        QVERIFY_THROWS_EXCEPTION(Error, Judge::parse(bytes, "damaged"));
    }

    void cachedJudgeIsTrainedOnItsOwnThreadCount() {
        // One thread and several sum a product's terms in different orders (threads.h): the cached
        // judge is the one trained on config.threads threads whatever the caller's count, which it keeps.
        QTemporaryDir cache;
        const QByteArray cache_before = qgetenv("DAELAB_CACHE_DIR");
        struct Restore {
            QByteArray cache;
            ~Restore() {
                qputenv("DAELAB_CACHE_DIR", cache);
                set_compute_threads(1);
            }
        } restore{cache_before};
        qputenv("DAELAB_CACHE_DIR", cache.path().toUtf8());
        const DataSource s = load_data_source("mnist-10k");
        const Partition p = make_partition(s, s.default_split);
        const Dataset train = p.train.head(1000), validation = p.validation.head(200);
        JudgeConfig c{.hidden = 200, .epochs = 2};
        set_compute_threads(2);
        const auto two = Judge::train(train, validation, c).serialize();
        set_compute_threads(1);
        const auto one = Judge::train(train, validation, c).serialize();
        QVERIFY(one != two);  // else this test could not tell the counts apart
        c.threads = 2;
        QVERIFY(cached_judge(train, validation, c).serialize() == two);
        QCOMPARE(compute_threads(), 1);
        c.threads = 1;
        set_compute_threads(3);  // several threads sum as two do: the count is changed to 1 here
        QVERIFY(cached_judge(train, validation, c).serialize() == one);  // another cache entry
        QCOMPARE(compute_threads(), 3);
        QCOMPARE(QDir(cache.path()).entryList({"judge-*.bin"}).size(), 2);
        c.threads = 2;
        QVERIFY(cached_judge(train, validation, c).serialize() == two);  // read back, 3 counting as 2
        QCOMPARE(QDir(cache.path()).entryList({"judge-*.bin"}).size(), 2);
        // A program that keeps its count (the window) gets the judge asked for when it is cached …
        judges_keep_compute_threads();
        struct KeepNoMore {
            ~KeepNoMore() { judges_keep_compute_threads(false); }
        } keep_no_more;
        set_compute_threads(1);
        QVERIFY(cached_judge(train, validation, c).serialize() == two);
        // … else the one of its own count, trained without changing the count, and cached.
        QVERIFY(QFile::remove(cache.filePath(QDir(cache.path()).entryList({"judge-*.bin"}).front())));
        QVERIFY(QFile::remove(cache.filePath(QDir(cache.path()).entryList({"judge-*.bin"}).front())));
        QVERIFY(cached_judge(train, validation, c).serialize() == one);
        QCOMPARE(compute_threads(), 1);
        QCOMPARE(QDir(cache.path()).entryList({"judge-*.bin"}).size(), 1);
    }

    void singleLinkageJoinsChainsOfNearPoints() {
        // a—b—c each 0.008 apart (a and c 0.016 apart), d far away: {a, b, c}, {d} at distance 0.01.
        Matrix p = Matrix::Zero(3, 4);
        p(0, 1) = 0.008f;
        p(0, 2) = 0.016f;
        p(1, 3) = 1.0f;
        const auto g = link_within(p, 0.01);
        QCOMPARE(g, (std::vector<Index>{0, 0, 0, 1}));
        QCOMPARE(link_within(p, 0.005), (std::vector<Index>{0, 1, 2, 3}));
        QCOMPARE(link_within(p, 2.0), (std::vector<Index>{0, 0, 0, 0}));
    }

    void censusFindsTheCornersAndTheirBasins() {
        // 4-pixel "images" near two corners of the cube, with labels: two attractors, basins as built.
        const Dataset d = two_corners();
        CensusConfig c;
        c.spectral_for = 2;
        const Census census = attractor_census(binarizer(4), d, Judge(), c);
        QCOMPARE(census.unsettled, Index{0});
        QCOMPARE(census.attractors.size(), std::size_t{2});
        const Attractor& big = census.attractors[0];
        QCOMPARE(big.basin, (std::vector<Index>{0, 1, 2, 3}));  // the largest basin first
        QCOMPARE(big.labels, (std::vector<Index>{3, 1}));
        QCOMPARE(big.majority_label(), 0);
        QVERIFY(big.point(0) > 0.99f && big.point(2) < 0.01f);
        QCOMPARE(census.attractors[1].basin, (std::vector<Index>{4, 5, 6}));
        QVERIFY(big.radius >= 0 && big.radius < 1);  // a stable corner
        QVERIFY(!big.explosion);
    }

    void attractorsAreFollowedOverEpochs() {
        // Epoch 1: one attractor with basin {0 … 5}. Epoch 2: it splits into {0, 1, 2, 3} and {4, 5}.
        // Epoch 3: they merge again with a new input {6}.
        auto epoch = [](int e, std::vector<std::vector<Index>> basins) {
            CensusEpoch ce;
            ce.epoch = e;
            for (auto& b : basins) {
                Attractor a;
                a.basin = b;
                ce.census.attractors.push_back(a);
            }
            return ce;
        };
        std::vector<CensusEpoch> h{epoch(1, {{0, 1, 2, 3, 4, 5}}), epoch(2, {{0, 1, 2, 3}, {4, 5}}),
                                   epoch(3, {{0, 1, 2, 3, 4, 5, 6}})};
        link_epochs(h);
        QCOMPARE(h[0].id[0], Index{0});
        QCOMPARE(h[1].id[0], Index{0});      // the larger part keeps the id
        QCOMPARE(h[1].parent[1], Index{0});  // the smaller split off from it …
        QVERIFY(h[1].id[1] != 0);            // … under a new id
        QCOMPARE(h[2].id[0], Index{0});
        QVERIFY(census_csv_rows(h[1]).find("2,0,0,4,") != std::string::npos);
    }

    void chainsMixAndTheirStatisticsAddUp() {
        const DataSource s = load_data_source("mnist-10k");
        const Partition p = make_partition(s, s.default_split);
        const Judge j =
            cached_judge(p.train.head(3000), p.validation.head(500), JudgeConfig{.hidden = 100, .epochs = 5});
        TrainingConfig tc;
        tc.model.hidden = 64;
        tc.epochs = 2;
        Trainer t(tc, p.train.head(3000).samples);
        t.run();
        ChainConfig c;
        c.steps = 200;
        c.burn_in = 20;
        c.keep_every = 50;
        const ChainResult r = run_chain(t.model(), p.test.samples.leftCols(8), j, c);
        QCOMPARE(r.classes.size(), std::size_t{8});
        QCOMPARE(r.classes[0].size(), std::size_t{200});
        QCOMPARE(r.frames.size(), std::size_t{4});
        QCOMPARE(r.frame_step, (std::vector<int>{50, 100, 150, 200}));
        const ChainStats st = chain_stats(r, 10, c.burn_in);
        double total = 0;
        for (double v : st.class_share)
            total += v;
        QVERIFY(std::abs(total - 1) < 1e-9);
        QVERIFY(st.balance >= 0 && st.balance <= 1);
        QVERIFY(st.mean_confidence > 0.1 && st.mean_confidence <= 1);
        QVERIFY(st.mean_dwell >= 1);
        // The same seed gives the same chain; noise makes it move (unlike x ← r(x), which settles).
        const ChainResult again = run_chain(t.model(), p.test.samples.leftCols(8), j, c);
        QVERIFY(again.last == r.last);
        QVERIFY(!(r.frames[2] == r.frames[3]));
    }

    void aKilledRunResumesAndAFinishedOneIsNeverRedone() {
        QTemporaryDir dir;
        RunSpec spec;
        spec.id = "tiny";
        spec.dataset = "mnist-10k";
        spec.split = SplitSpec{SplitSpec::Rule::Shuffled, 1000, 200, 1};
        spec.settings.model.hidden = 16;
        spec.settings.epochs = 4;
        spec.settings.walkback = 1;
        spec.evaluation.iteration.max_steps = 50;
        spec.atlas_probe = 30;  // the outcome atlas, a row per epoch, resumed with the checkpoint
        const DataSource data = load_data_source("mnist-10k");
        // Stopped after 2 epochs (as a kill would, at an epoch's end): no result, a checkpoint.
        struct StopAfter : RunObserver {
            int epochs = 0;
            Verdict on_epoch(const EpochReport&) override { return ++epochs == 2 ? Verdict::Stop : Verdict::Continue; }
        } stop;
        const std::string folder = dir.filePath("tiny").toStdString();
        const RunResult partial = run_experiment(spec, data, folder, &stop);
        QCOMPARE(partial.status, std::string("stopped"));
        QVERIFY(!QFile::exists(dir.filePath("tiny/result.json")));
        QVERIFY(QFile::exists(dir.filePath("tiny/train.ckpt")));
        // The training time counts the earlier process's epochs (their seconds in curves.csv; set to
        // 1000 s each here, so that they stand out).
        {
            QFile f(dir.filePath("tiny/curves.csv"));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QStringList rows = QString(f.readAll()).split('\n', Qt::SkipEmptyParts);
            f.close();
            QCOMPARE(rows.size(), 3);
            for (int r = 1; r <= 2; ++r) {
                QStringList v = rows[r].split(',');
                v[5] = "1000";
                rows[r] = v.join(',');
            }
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write((rows.join('\n') + '\n').toUtf8());
        }
        // Resumed: it goes on from epoch 2 and ends as the uninterrupted run does.
        // A long-lived caller's own thread count (the GUI's) is its own again after the run.
        set_compute_threads(2);
        const RunResult resumed = run_experiment(spec, data, folder);
        QCOMPARE(compute_threads(), 2);
        set_compute_threads(1);
        QCOMPARE(resumed.status, std::string("finished"));
        QCOMPARE(resumed.metric("epochs"), 4.0);
        QVERIFY2(resumed.metric("train_seconds") >= 2000 && resumed.metric("train_seconds") < 2060,
                 qPrintable(QString::number(resumed.metric("train_seconds"))));
        RunSpec again = spec;
        again.id = "straight";
        const RunResult straight = run_experiment(again, data, dir.filePath("straight").toStdString());
        QCOMPARE(resumed.metric("train_loss"), straight.metric("train_loss"));
        QCOMPARE(resumed.metric("acc_test"), straight.metric("acc_test"));
        QVERIFY(load_model(dir.filePath("tiny/model.dae").toStdString()).model ==
                load_model(dir.filePath("straight/model.dae").toStdString()).model);
        QFile curves(dir.filePath("tiny/curves.csv"));
        QVERIFY(curves.open(QIODevice::ReadOnly));
        QCOMPARE(QString(curves.readAll()).count('\n'), 5);  // header + one row per epoch, none twice
        // The atlas too: a row per epoch, the probe's outcomes adding up, the same as without the kill.
        CatalogRun listed;
        listed.folder = folder;
        const auto atlas = catalog_atlas(listed);
        QCOMPARE(atlas.size(), std::size_t{4});
        for (std::size_t e = 0; e < atlas.size(); ++e) {
            QCOMPARE(atlas[e].epoch, static_cast<int>(e) + 1);
            QCOMPARE(atlas[e].summary.total(), Index{30});
        }
        QCOMPARE(read_text(folder + "/atlas.csv"), read_text(dir.filePath("straight/atlas.csv").toStdString()));
        listed.model = folder + "/model.dae";
        QCOMPARE(catalog_training_samples(listed), Index{1000});  // an epoch's worth, from the model's header
        // Finished: never redone (the result is read back, nothing is trained).
        const auto stamp = QFileInfo(dir.filePath("tiny/model.dae")).lastModified();
        QTest::qWait(20);
        struct Fail : RunObserver {
            Verdict on_batch(const BatchReport&) override {
                qFatal("a finished run was trained again");
                return Verdict::Stop;
            }
        } fail;
        const RunResult read = run_experiment(spec, data, folder, &fail);
        QCOMPARE(read.metric("acc_test"), resumed.metric("acc_test"));
        QCOMPARE(QFileInfo(dir.filePath("tiny/model.dae")).lastModified(), stamp);
        // A folder holding another run is refused.
        RunSpec other = spec;
        other.settings.model.hidden = 17;
        QVERIFY_THROWS_EXCEPTION(Error, run_experiment(other, data, dir.filePath("straight").toStdString()));
    }

    void gridsExpandAndSummarise() {
        const GridSpec g = GridSpec::from_json(R"({"dataset": "mnist-10k", "settings": {"epochs": 3},
            "axes": {"walkback": [1, 2], "level": [0.3, 0.5]}, "seeds": [1, 2]})",
                                               "g.json");
        const auto runs = g.runs();
        QCOMPARE(runs.size(), std::size_t{8});
        QCOMPARE(runs[0].id, std::string("walkback1-level0.3-seed1"));  // axes in the file's order, seeds outermost
        QCOMPARE(runs[1].id, std::string("walkback2-level0.3-seed1"));
        QCOMPARE(runs[4].id, std::string("walkback1-level0.3-seed2"));
        QCOMPARE(runs[3].settings.walkback, 2);
        QCOMPARE(runs[3].settings.corruption.level, 0.5);
        QCOMPARE(runs[3].settings.epochs, 3);
        // mean ± sd over seeds
        std::vector<RunResult> rs;
        for (int seed = 1; seed <= 2; ++seed) {
            RunResult r;
            r.id = runs[std::size_t(seed == 1 ? 0 : 4)].id;
            r.settings = training_options(runs[std::size_t(seed == 1 ? 0 : 4)].settings);
            r.status = "finished";
            r.metrics = {{"acc_test", seed == 1 ? 0.8 : 0.9}};
            rs.push_back(r);
        }
        const std::string md = summary_markdown(g, rs, {"acc_test"});
        QVERIFY2(md.find("| 1 | 0.3 | 2 | 0.850 ± 0.071 |") != std::string::npos, md.c_str());
        // One seed so far: its value, no spread.
        rs.pop_back();
        const std::string one = summary_markdown(g, rs, {"acc_test"});
        QVERIFY2(one.find("| 1 | 0.3 | 1 | 0.800 |") != std::string::npos, one.c_str());
        QVERIFY_THROWS_EXCEPTION(Error, GridSpec::from_json(R"({"axes": {"walkback": [0]}})", "bad.json"));
        QVERIFY_THROWS_EXCEPTION(Error, GridSpec::from_json("{not json", "broken.json"));
    }

    void theValidationSetPicksAndThePickRunsMoreSeeds() {
        // A series of b × α at two noise levels, one screening seed; per level the configuration with
        // the best acc_validation is picked, whatever the test figures say, and runs with seeds 2, 3.
        const GridSpec g = GridSpec::from_json(R"({"dataset": "mnist-10k", "settings": {"epochs": 3},
            "axes": {"batch": [20, 50], "annealing": [0.99, 0.999], "level": [0.3, 0.5]}, "seeds": [1],
            "select": {"metric": "acc_validation", "by": ["level"], "seeds": [1, 2, 3]}})",
                                               "series.json");
        QCOMPARE(g.runs().size(), std::size_t{8});
        std::vector<RunResult> rs;
        auto result = [&](const RunSpec& spec, double validation, double test) {
            RunResult r;
            r.id = spec.id;
            r.settings = training_options(spec.settings);
            r.status = "finished";
            r.metrics = {{"acc_test", test}, {"acc_validation", validation}};
            return r;
        };
        // Level 0.3: batch 50, α 0.99 is best on validation; batch 20, α 0.999 best on test.
        const std::map<std::string, std::pair<double, double>> scores{
            {"batch20-annealing0.99-level0.3-seed1", {0.80, 0.81}},
            {"batch50-annealing0.99-level0.3-seed1", {0.86, 0.80}},
            {"batch20-annealing0.999-level0.3-seed1", {0.82, 0.90}},
            {"batch50-annealing0.999-level0.3-seed1", {0.84, 0.82}},
            {"batch20-annealing0.99-level0.5-seed1", {0.88, 0.88}},
            {"batch50-annealing0.99-level0.5-seed1", {0.87, 0.87}},
            {"batch20-annealing0.999-level0.5-seed1", {0.89, 0.86}}};  // one level-0.5 run missing
        for (const RunSpec& r : g.runs())
            if (scores.count(r.id)) rs.push_back(result(r, scores.at(r.id).first, scores.at(r.id).second));
        auto picks = g.picks(rs);
        QCOMPARE(picks.size(), std::size_t{1});  // level 0.5 waits for its last configuration
        QCOMPARE(picks[0].by_values, std::vector<std::string>{"0.3"});
        QCOMPARE(picks[0].values, (std::vector<std::string>{"50", "0.99", "0.3"}));
        QCOMPARE(picks[0].candidates, 4);
        QCOMPARE(picks[0].score, 0.86);
        auto more = g.selected_runs(picks);
        QCOMPARE(more.size(), std::size_t{2});
        QCOMPARE(more[0].id, std::string("batch50-annealing0.99-level0.3-seed2"));
        QCOMPARE(more[1].id, std::string("batch50-annealing0.99-level0.3-seed3"));
        QCOMPARE(more[1].settings.batch, Index{50});
        QCOMPARE(more[1].settings.seed, std::uint64_t{3});
        // The last level-0.5 run completes its group.
        rs.push_back(result(g.runs()[7], 0.85, 0.95));
        picks = g.picks(rs);
        QCOMPARE(picks.size(), std::size_t{2});
        QCOMPARE(picks[1].values, (std::vector<std::string>{"20", "0.999", "0.5"}));
        // The pick's test figures come from all its seeds.
        rs.push_back(result(more[0], 0.7, 0.70));
        rs.push_back(result(more[1], 0.7, 0.75));
        const std::string md = selection_markdown(g, picks, rs, {"acc_test"});
        QVERIFY2(md.find("| 50 | 0.99 | 0.3 | 4 | 0.8600 | 3 | 0.750 ± 0.050 |") != std::string::npos, md.c_str());
        const std::string csv = selection_csv(g, picks, rs, {"acc_test"});
        QVERIFY2(csv.find("50,0.99,0.3,4,acc_validation,0.86,3,0.75,0.05\n") != std::string::npos, csv.c_str());
        // A test figure cannot select, and `by` must name an axis.
        QVERIFY_THROWS_EXCEPTION(Error, GridSpec::from_json(R"({"axes": {"level": [0.3]},
            "select": {"metric": "acc_test", "by": ["level"]}})",
                                                            "peek.json"));
        QVERIFY_THROWS_EXCEPTION(Error, GridSpec::from_json(R"({"axes": {"level": [0.3]},
            "select": {"by": ["batch"]}})",
                                                            "by.json"));
    }

    void theProjectsGridsParseAndSayWhatTheyRun() {
        // Every grid the project ships reads back and expands; the first series' grids keep daelab's
        // earlier split and order (their committed CSVs are reproduced from them), the paper's series
        // run the paper's.
        const QDir grids(QStringLiteral(QT_TESTCASE_SOURCEDIR "/../experiments/grids"));
        const QStringList files = grids.entryList({"*.json"}, QDir::Files);
        QVERIFY(files.size() >= 8);
        for (const QString& f : files) {
            QFile file(grids.filePath(f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const GridSpec g = GridSpec::from_json(file.readAll().toStdString(), f.toStdString());
            const auto runs = g.runs();
            QVERIFY2(!runs.empty(), qPrintable(f));
            const bool first_series = f.startsWith("table1") || f.startsWith("walkback") || f == "factors-base.json";
            if (first_series) {
                QVERIFY2(runs[0].settings.order == MinibatchOrder::Reshuffle, qPrintable(f));
                QVERIFY2(runs[0].split && runs[0].split->rule == SplitSpec::Rule::Ordered, qPrintable(f));
            }
            if (f.startsWith("bj-")) {
                QVERIFY2(runs[0].settings.order == MinibatchOrder::Circular, qPrintable(f));
                QVERIFY2(runs[0].split && runs[0].split->rule == SplitSpec::Rule::Shuffled, qPrintable(f));
            }
        }
        QFile series(grids.filePath("bj-k1-series.json"));
        QVERIFY(series.open(QIODevice::ReadOnly));
        const GridSpec g = GridSpec::from_json(series.readAll().toStdString(), "bj-k1-series.json");
        QCOMPARE(g.runs().size(), std::size_t{24});  // 2 b × 2 α × 2 N × 3 σ, one seed
        QVERIFY(g.select && g.select->metric == "acc_validation" && g.select->by == std::vector<std::string>{"level"});
        QCOMPARE(g.runs()[0].settings.walkback, 1);
        // The walkback variants' grid: its axis reaches the trainer's settings, and the id says it.
        QFile walkback(grids.filePath("walkback.json"));
        QVERIFY(walkback.open(QIODevice::ReadOnly));
        const auto wruns = GridSpec::from_json(walkback.readAll().toStdString(), "walkback.json").runs();
        QCOMPARE(wruns.size(), std::size_t{18});
        QVERIFY(wruns[0].settings.walkback_variant == WalkbackVariant::Bengio);
        QCOMPARE(wruns[0].id, std::string("walkback-variantbengio-level0.7-seed1"));
        QVERIFY(RunSpec::from_json(wruns[1].to_json(), "spec.json").settings.walkback_variant ==
                WalkbackVariant::SamplesNoBptt);
    }

    void splitAndOrderAreAxesAndRecorded() {
        // The split is a run setting a grid can vary: shuffled (the paper's) or ordered, its seed.
        const GridSpec g = GridSpec::from_json(R"({"dataset": "mnist-10k", "settings": {"epochs": 3},
            "axes": {"split": ["shuffled", "ordered"], "order": ["circular", "reshuffle"]}})",
                                               "factors.json");
        const auto runs = g.runs();
        QCOMPARE(runs.size(), std::size_t{4});
        QCOMPARE(runs[1].id, std::string("splitordered-ordercircular-seed1"));
        QVERIFY(runs[1].split->rule == SplitSpec::Rule::Ordered);
        QVERIFY(runs[2].split->rule == SplitSpec::Rule::Shuffled);
        QVERIFY(runs[2].settings.order == MinibatchOrder::Reshuffle);
        // Counts 0: the data set's own counts, with the rule asked for.
        const SplitSpec own{SplitSpec::Rule::Shuffled, 8000, 2000, 1};
        const SplitSpec ordered = runs[1].split->with_counts_of(own);
        QCOMPARE(ordered.train, Index{8000});
        QVERIFY(ordered.rule == SplitSpec::Rule::Ordered);
        // A spec round-trips through spec.json; a spec of an earlier version (no "format") reshuffled.
        QVERIFY(RunSpec::from_json(runs[1].to_json(), "spec.json") == runs[1]);
        QVERIFY(RunSpec::from_json(R"({"id": "old"})", "old.json").settings.order == MinibatchOrder::Reshuffle);
        QVERIFY_THROWS_EXCEPTION(Error, GridSpec::from_json(R"({"axes": {"split": ["random"]}})", "s.json"));
        RunSpec r;
        std::string why;
        QVERIFY(set_run_option(r, "split-seed", "7", &why));
        QCOMPARE(r.split->seed, std::uint64_t{7});
        QVERIFY(!set_run_option(r, "split-seed", "-1", &why));
    }

    void aKilledGridResumesWithoutRedoingFinishedRuns() {
        // Two runs, one at a time: kill the second run's process (SIGKILL, no chance to clean
        // up) once it has checkpointed, and the grid with it; run the grid again. Training only:
        // evaluation (its judge is an MLP) would make this minutes long under the sanitizers.
        QTemporaryDir dir;
        QFile grid(dir.filePath("g.json"));
        QVERIFY(grid.open(QIODevice::WriteOnly));
        grid.write(
            R"({"name": "kill", "dataset": "mnist-10k", "split": {"rule": "shuffled", "train": 2000, "validation": 100},
                      "settings": {"hidden": 40, "epochs": 12}, "axes": {"level": [0.3, 0.6]}, "seeds": [1],
                      "evaluate": false})");
        grid.close();
        const QString out = dir.filePath("out");
        QProcess first;
        first.start(DAELAB_CLI, {"grid", dir.filePath("g.json"), "-o", out, "-j", "1"});
        QVERIFY(first.waitForStarted());
        const QString one = out + "/runs/level0.3-seed1", two = out + "/runs/level0.6-seed1";
        QVERIFY(QTest::qWaitFor(
            [&] { return QFile::exists(one + "/result.json") && QFile::exists(two + "/train.ckpt"); }, 120000));
        QFile lock(two + "/.lock");
        QVERIFY(lock.open(QIODevice::ReadOnly));
        const qint64 pid = QString(lock.readAll()).trimmed().toLongLong();
        QVERIFY(pid > 0);
        ::kill(static_cast<pid_t>(pid), SIGKILL);
        ::kill(static_cast<pid_t>(first.processId()), SIGKILL);
        QVERIFY(first.waitForFinished());
        QVERIFY(!QFile::exists(two + "/result.json"));
        const auto done_at = QFileInfo(one + "/model.dae").lastModified();
        QProcess second;
        second.start(DAELAB_CLI, {"grid", dir.filePath("g.json"), "-o", out, "-j", "1"});
        QVERIFY(second.waitForFinished(180000));
        const QString log = second.readAllStandardOutput();
        QVERIFY2(second.exitCode() == 0, qPrintable(log));
        QVERIFY2(log.contains("2 runs, 1 to do"), qPrintable(log));  // the finished run is not redone
        QCOMPARE(QFileInfo(one + "/model.dae").lastModified(), done_at);
        // The resumed run ends where an uninterrupted one does.
        QFile spec(two + "/spec.json");
        QVERIFY(spec.open(QIODevice::ReadOnly));
        RunSpec s = RunSpec::from_json(spec.readAll().toStdString(), "spec.json");
        s.evaluate = false;
        run_experiment(s, load_data_source("mnist-10k"), dir.filePath("straight").toStdString());
        QVERIFY(load_model((two + "/model.dae").toStdString()).model ==
                load_model(dir.filePath("straight/model.dae").toStdString()).model);
    }

    void aRunKilledWhileEvaluatingIsEvaluatedAgainNotRetrained() {
        // A small run (1,000 training digits, a judge of 1,000) killed once its training has ended and
        // its evaluation has begun: run again, it trains nothing more and writes the result an
        // uninterrupted run writes.
        QTemporaryDir dir;
        RunSpec spec;
        spec.id = "killed";
        spec.dataset = "mnist-10k";
        spec.split = SplitSpec{SplitSpec::Rule::Shuffled, 1000, 200, 1};
        spec.settings.model.hidden = 24;
        spec.settings.epochs = 3;
        spec.settings.walkback = 1;
        spec.evaluation.iteration.max_steps = 400;
        const QString folder = dir.filePath("killed");
        QVERIFY(QDir().mkpath(folder));
        QFile f(folder + "/spec.json");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(spec.to_json()));
        f.close();
        QProcess run;
        run.setProcessChannelMode(QProcess::MergedChannels);
        run.start(DAELAB_CLI, {"run", folder});
        QVERIFY(run.waitForStarted());
        QString seen;
        QVERIFY(QTest::qWaitFor(
            [&] {
                run.waitForReadyRead(50);
                seen += run.readAll();
                return seen.contains("iterating the training set") || run.state() == QProcess::NotRunning;
            },
            120000));
        QVERIFY2(run.state() == QProcess::Running, qPrintable(seen));  // killed in the middle of the evaluation
        ::kill(static_cast<pid_t>(run.processId()), SIGKILL);
        QVERIFY(run.waitForFinished());
        QVERIFY(!QFile::exists(folder + "/result.json"));
        QVERIFY(QFile::exists(folder + "/model.dae"));
        struct Untrained : RunObserver {
            int minibatches = 0;
            Verdict on_batch(const BatchReport&) override {
                ++minibatches;
                return Verdict::Continue;
            }
        } count;
        const RunResult again = run_experiment(spec, load_data_source("mnist-10k"), folder.toStdString(), &count);
        QCOMPARE(count.minibatches, 0);  // the training was done: only the evaluation runs again
        QCOMPARE(again.status, std::string("finished"));
        QVERIFY(QFile::exists(folder + "/result.json"));
        RunSpec straight = spec;
        straight.id = "straight";
        const RunResult whole =
            run_experiment(straight, load_data_source("mnist-10k"), dir.filePath("straight").toStdString());
        for (const char* m : {"acc_train", "acc_test", "EX_test", "mse_wb_test", "steps_test", "train_loss"})
            QCOMPARE(again.metric(m), whole.metric(m));
    }

    void aGridRunsThroughGnuParallelAndMerges() {
        const QString parallel = QStandardPaths::findExecutable("parallel");
        if (parallel.isEmpty()) QSKIP("GNU parallel is not installed (scripts/setup.sh installs it)");
        QTemporaryDir dir;
        QFile grid(dir.filePath("g.json"));
        QVERIFY(grid.open(QIODevice::WriteOnly));
        grid.write(
            R"({"name": "tiny", "dataset": "mnist-10k", "split": {"rule": "shuffled", "train": 600, "validation": 100},
                      "settings": {"hidden": 12, "epochs": 1}, "axes": {"level": [0.3, 0.6]}, "seeds": [1],
                      "evaluation": {"max-steps": 20}})");
        grid.close();
        QProcess print;
        print.start(DAELAB_CLI, {"grid", dir.filePath("g.json"), "-o", dir.filePath("out"), "--print-commands"});
        QVERIFY(print.waitForFinished(60000));
        const QByteArray commands = print.readAllStandardOutput();
        QCOMPARE(commands.count('\n'), 2);
        QProcess gnu;
        gnu.start(parallel, {"--will-cite", "-j", "2"});
        gnu.write(commands);
        gnu.closeWriteChannel();
        QVERIFY(gnu.waitForFinished(120000));
        QCOMPARE(gnu.exitCode(), 0);
        QProcess merge;
        merge.start(DAELAB_CLI, {"grid", dir.filePath("g.json"), "-o", dir.filePath("out"), "--merge"});
        QVERIFY(merge.waitForFinished(60000));
        QVERIFY(QString(merge.readAllStandardOutput()).contains("merged 2 runs (0 not finished)"));
        QFile results(dir.filePath("out/results.csv"));
        QVERIFY(results.open(QIODevice::ReadOnly));
        QCOMPARE(QString(results.readAll()).count('\n'), 3);
        // Nothing left to do: the printed list is empty.
        QProcess again;
        again.start(DAELAB_CLI, {"grid", dir.filePath("g.json"), "-o", dir.filePath("out"), "--print-commands"});
        QVERIFY(again.waitForFinished(60000));
        QVERIFY(again.readAllStandardOutput().isEmpty());
    }

private:
    QTemporaryDir m_cache;
};

QTEST_APPLESS_MAIN(TestExperiments)
#include "tst_experiments.moc"
