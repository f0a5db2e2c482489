// The core's experiments: the judge (a strong classifier, cached on disk), the attractor census
// (single-linkage groups, basins, following attractors over epochs), the generative chain, and
// the reproduction harness (a run resumes after a kill and is never redone; grids expand and
// summarise; the validation set picks; a run records its atlas). The harness as processes (kills,
// GNU parallel) is tests/tst_grid_processes.cpp.
#include "check.h"
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

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <thread>

using namespace dae;

namespace fs = std::filesystem;

namespace {

// The judges cached in `folder` (judge-*.bin), sorted.
std::vector<std::string> judges_in(const std::string& folder) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(folder)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("judge-", 0) == 0 && e.path().extension() == ".bin") out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Every case: one compute thread, and the judges it trains cached in a folder of this process's own.
struct Harness {
    Harness() {
        static const test::TempDir cache;
        ::setenv("DAELAB_CACHE_DIR", cache.path().c_str(), 1);
        set_compute_threads(1);
    }
    static std::string cache() { return std::getenv("DAELAB_CACHE_DIR"); }
};

}  // namespace

TEST_CASE_FIXTURE(Harness, "TestExperiments::judgeIsStrongAndCachedByItsData") {
    const DataSource s = load_data_source("mnist-10k");
    const Partition p = make_partition(s, s.default_split);
    const Dataset train = p.train.head(3000), validation = p.validation.head(500);
    const JudgeConfig c{.hidden = 200, .epochs = 15};
    const Judge j = cached_judge(train, validation, c);
    const double acc = j.accuracy(p.test.samples, p.test.labels);
    SoftmaxClassifier linear;  // the Table-1 classifier on the same digits
    linear.train(train.samples, train.labels, 10);
    const double linear_acc = linear.accuracy(p.test.samples, p.test.labels);
    REQUIRE_MESSAGE(acc > linear_acc + 0.02, "judge " << acc << ", linear " << linear_acc);
    REQUIRE(judges_in(Harness::cache()).size() == 1);
    // The second call reads the file: the very same network.
    const Judge again = cached_judge(train, validation, c);
    REQUIRE(again.probabilities(p.test.samples.leftCols(20)) == j.probabilities(p.test.samples.leftCols(20)));
    REQUIRE(Judge::parse(j.serialize(), "mem").probabilities(p.test.samples.leftCols(5)) ==
            j.probabilities(p.test.samples.leftCols(5)));
    // Other data: another entry.
    cached_judge(p.train.head(2000), validation, c);
    REQUIRE(judges_in(Harness::cache()).size() == 2);
    auto bytes = j.serialize();
    bytes[bytes.size() / 2] ^= 1;
    REQUIRE_THROWS_AS(Judge::parse(bytes, "damaged"), Error);
}

TEST_CASE_FIXTURE(Harness, "TestExperiments::cachedJudgeIsTrainedOnItsOwnThreadCount") {
    // One thread and several sum a product's terms in different orders (threads.h): the cached
    // judge is the one trained on config.threads threads whatever the caller's count, which it keeps.
    const test::TempDir cache;
    const std::string cache_before = Harness::cache();
    struct Restore {
        std::string cache;
        ~Restore() {
            ::setenv("DAELAB_CACHE_DIR", cache.c_str(), 1);
            set_compute_threads(1);
        }
    } restore{cache_before};
    ::setenv("DAELAB_CACHE_DIR", cache.path().c_str(), 1);
    const DataSource s = load_data_source("mnist-10k");
    const Partition p = make_partition(s, s.default_split);
    const Dataset train = p.train.head(1000), validation = p.validation.head(200);
    JudgeConfig c{.hidden = 200, .epochs = 2};
    set_compute_threads(2);
    const auto two = Judge::train(train, validation, c).serialize();
    set_compute_threads(1);
    const auto one = Judge::train(train, validation, c).serialize();
    REQUIRE(one != two);  // else this test could not tell the counts apart
    c.threads = 2;
    REQUIRE(cached_judge(train, validation, c).serialize() == two);
    REQUIRE(compute_threads() == 1);
    c.threads = 1;
    set_compute_threads(3);  // several threads sum as two do: the count is changed to 1 here
    REQUIRE(cached_judge(train, validation, c).serialize() == one);  // another cache entry
    REQUIRE(compute_threads() == 3);
    REQUIRE(judges_in(cache.path()).size() == 2);
    c.threads = 2;
    REQUIRE(cached_judge(train, validation, c).serialize() == two);  // read back, 3 counting as 2
    REQUIRE(judges_in(cache.path()).size() == 2);
    // A program that keeps its count (the window) gets the judge asked for when it is cached …
    judges_keep_compute_threads();
    struct KeepNoMore {
        ~KeepNoMore() { judges_keep_compute_threads(false); }
    } keep_no_more;
    set_compute_threads(1);
    REQUIRE(cached_judge(train, validation, c).serialize() == two);
    // … else the one of its own count, trained without changing the count, and cached.
    REQUIRE(fs::remove(judges_in(cache.path()).front()));
    REQUIRE(fs::remove(judges_in(cache.path()).front()));
    REQUIRE(cached_judge(train, validation, c).serialize() == one);
    REQUIRE(compute_threads() == 1);
    REQUIRE(judges_in(cache.path()).size() == 1);
}

TEST_CASE_FIXTURE(Harness, "TestExperiments::singleLinkageJoinsChainsOfNearPoints") {
    // a—b—c each 0.008 apart (a and c 0.016 apart), d far away: {a, b, c}, {d} at distance 0.01.
    Matrix p = Matrix::Zero(3, 4);
    p(0, 1) = 0.008f;
    p(0, 2) = 0.016f;
    p(1, 3) = 1.0f;
    const auto g = link_within(p, 0.01);
    REQUIRE(g == (std::vector<Index>{0, 0, 0, 1}));
    REQUIRE(link_within(p, 0.005) == (std::vector<Index>{0, 1, 2, 3}));
    REQUIRE(link_within(p, 2.0) == (std::vector<Index>{0, 0, 0, 0}));
}

TEST_CASE_FIXTURE(Harness, "TestExperiments::censusFindsTheCornersAndTheirBasins") {
    // 4-pixel "images" near two corners of the cube, with labels: two attractors, basins as built.
    const Dataset d = two_corners();
    CensusConfig c;
    c.spectral_for = 2;
    const Census census = attractor_census(binarizer(4), d, Judge(), c);
    REQUIRE(census.unsettled == Index{0});
    REQUIRE(census.attractors.size() == std::size_t{2});
    const Attractor& big = census.attractors[0];
    REQUIRE(big.basin == (std::vector<Index>{0, 1, 2, 3}));  // the largest basin first
    REQUIRE(big.labels == (std::vector<Index>{3, 1}));
    REQUIRE(big.majority_label() == 0);
    REQUIRE((big.point(0) > 0.99f && big.point(2) < 0.01f));
    REQUIRE(census.attractors[1].basin == (std::vector<Index>{4, 5, 6}));
    REQUIRE((big.radius >= 0 && big.radius < 1));  // a stable corner
    REQUIRE(!big.explosion);
}

TEST_CASE_FIXTURE(Harness, "TestExperiments::attractorsAreFollowedOverEpochs") {
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
    REQUIRE(h[0].id[0] == Index{0});
    REQUIRE(h[1].id[0] == Index{0});      // the larger part keeps the id
    REQUIRE(h[1].parent[1] == Index{0});  // the smaller split off from it …
    REQUIRE(h[1].id[1] != 0);             // … under a new id
    REQUIRE(h[2].id[0] == Index{0});
    REQUIRE(census_csv_rows(h[1]).find("2,0,0,4,") != std::string::npos);
}

TEST_CASE_FIXTURE(Harness, "TestExperiments::chainsMixAndTheirStatisticsAddUp") {
    const DataSource s = load_data_source("mnist-10k");
    const Partition p = make_partition(s, s.default_split);
    const Judge j = cached_judge(p.train.head(3000), p.validation.head(500), JudgeConfig{.hidden = 100, .epochs = 5});
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
    REQUIRE(r.classes.size() == std::size_t{8});
    REQUIRE(r.classes[0].size() == std::size_t{200});
    REQUIRE(r.frames.size() == std::size_t{4});
    REQUIRE(r.frame_step == (std::vector<int>{50, 100, 150, 200}));
    const ChainStats st = chain_stats(r, 10, c.burn_in);
    double total = 0;
    for (double v : st.class_share)
        total += v;
    REQUIRE(std::abs(total - 1) < 1e-9);
    REQUIRE((st.balance >= 0 && st.balance <= 1));
    REQUIRE((st.mean_confidence > 0.1 && st.mean_confidence <= 1));
    REQUIRE(st.mean_dwell >= 1);
    // The same seed gives the same chain; noise makes it move (unlike x ← r(x), which settles).
    const ChainResult again = run_chain(t.model(), p.test.samples.leftCols(8), j, c);
    REQUIRE(again.last == r.last);
    REQUIRE(!(r.frames[2] == r.frames[3]));
}

TEST_CASE_FIXTURE(Harness, "TestExperiments::aKilledRunResumesAndAFinishedOneIsNeverRedone") {
    const test::TempDir dir;
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
    const std::string folder = dir.file("tiny");
    const RunResult partial = run_experiment(spec, data, folder, &stop);
    REQUIRE(partial.status == std::string("stopped"));
    REQUIRE(!fs::exists(dir.file("tiny/result.json")));
    REQUIRE(fs::exists(dir.file("tiny/train.ckpt")));
    // The training time counts the earlier process's epochs (their seconds in curves.csv; set to
    // 1000 s each here, so that they stand out).
    {
        std::istringstream in(read_text(dir.file("tiny/curves.csv")));
        std::vector<std::string> rows;
        for (std::string line; std::getline(in, line);)
            rows.push_back(line);
        REQUIRE(rows.size() == 3);
        std::string text = rows[0] + "\n";
        for (int r = 1; r <= 2; ++r) {  // the seconds, the sixth field
            std::vector<std::string> v(1);
            for (char c : rows[static_cast<std::size_t>(r)]) {
                if (c == ',')
                    v.emplace_back();
                else
                    v.back().push_back(c);
            }
            v[5] = "1000";
            for (std::size_t k = 0; k < v.size(); ++k)
                text += v[k] + (k + 1 < v.size() ? "," : "\n");
        }
        write_text_atomic(dir.file("tiny/curves.csv"), text);
    }
    // Resumed: it goes on from epoch 2 and ends as the uninterrupted run does.
    // A long-lived caller's own thread count (the GUI's) is its own again after the run.
    set_compute_threads(2);
    const RunResult resumed = run_experiment(spec, data, folder);
    REQUIRE(compute_threads() == 2);
    set_compute_threads(1);
    REQUIRE(resumed.status == std::string("finished"));
    REQUIRE(resumed.metric("epochs") == 4.0);
    REQUIRE_MESSAGE((resumed.metric("train_seconds") >= 2000 && resumed.metric("train_seconds") < 2060),
                    resumed.metric("train_seconds"));
    RunSpec again = spec;
    again.id = "straight";
    const RunResult straight = run_experiment(again, data, dir.file("straight"));
    REQUIRE(resumed.metric("train_loss") == straight.metric("train_loss"));
    REQUIRE(resumed.metric("acc_test") == straight.metric("acc_test"));
    REQUIRE(load_model(dir.file("tiny/model.dae")).model == load_model(dir.file("straight/model.dae")).model);
    const std::string curves = read_text(dir.file("tiny/curves.csv"));
    REQUIRE(std::count(curves.begin(), curves.end(), '\n') == 5);  // header + one row per epoch, none twice
    // The atlas too: a row per epoch, the probe's outcomes adding up, the same as without the kill.
    CatalogRun listed;
    listed.folder = folder;
    const auto atlas = catalog_atlas(listed);
    REQUIRE(atlas.size() == std::size_t{4});
    for (std::size_t e = 0; e < atlas.size(); ++e) {
        REQUIRE(atlas[e].epoch == static_cast<int>(e) + 1);
        REQUIRE(atlas[e].summary.total() == Index{30});
    }
    REQUIRE(read_text(folder + "/atlas.csv") == read_text(dir.file("straight/atlas.csv")));
    listed.model = folder + "/model.dae";
    REQUIRE(catalog_training_samples(listed) == Index{1000});  // an epoch's worth, from the model's header
    // Finished: never redone (the result is read back, nothing is trained).
    const auto stamp = fs::last_write_time(dir.file("tiny/model.dae"));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    struct Fail : RunObserver {
        Verdict on_batch(const BatchReport&) override {
            FAIL("a finished run was trained again");
            return Verdict::Stop;
        }
    } fail;
    const RunResult read = run_experiment(spec, data, folder, &fail);
    REQUIRE(read.metric("acc_test") == resumed.metric("acc_test"));
    REQUIRE(fs::last_write_time(dir.file("tiny/model.dae")) == stamp);
    // A folder holding another run is refused.
    RunSpec other = spec;
    other.settings.model.hidden = 17;
    REQUIRE_THROWS_AS(run_experiment(other, data, dir.file("straight")), Error);
}

TEST_CASE_FIXTURE(Harness, "TestExperiments::gridsExpandAndSummarise") {
    const GridSpec g = GridSpec::from_json(R"({"dataset": "mnist-10k", "settings": {"epochs": 3},
        "axes": {"walkback": [1, 2], "level": [0.3, 0.5]}, "seeds": [1, 2]})",
                                           "g.json");
    const auto runs = g.runs();
    REQUIRE(runs.size() == std::size_t{8});
    REQUIRE(runs[0].id == std::string("walkback1-level0.3-seed1"));  // axes in the file's order, seeds outermost
    REQUIRE(runs[1].id == std::string("walkback2-level0.3-seed1"));
    REQUIRE(runs[4].id == std::string("walkback1-level0.3-seed2"));
    REQUIRE(runs[3].settings.walkback == 2);
    REQUIRE(runs[3].settings.corruption.level == 0.5);
    REQUIRE(runs[3].settings.epochs == 3);
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
    REQUIRE_MESSAGE(md.find("| 1 | 0.3 | 2 | 0.850 ± 0.071 |") != std::string::npos, (md.c_str()));
    // One seed so far: its value, no spread.
    rs.pop_back();
    const std::string one = summary_markdown(g, rs, {"acc_test"});
    REQUIRE_MESSAGE(one.find("| 1 | 0.3 | 1 | 0.800 |") != std::string::npos, (one.c_str()));
    REQUIRE_THROWS_AS(GridSpec::from_json(R"({"axes": {"walkback": [0]}})", "bad.json"), Error);
    REQUIRE_THROWS_AS(GridSpec::from_json("{not json", "broken.json"), Error);
}

TEST_CASE_FIXTURE(Harness, "TestExperiments::theValidationSetPicksAndThePickRunsMoreSeeds") {
    // A series of b × α at two noise levels, one screening seed; per level the configuration with
    // the best acc_validation is picked, whatever the test figures say, and runs with seeds 2, 3.
    const GridSpec g = GridSpec::from_json(R"({"dataset": "mnist-10k", "settings": {"epochs": 3},
        "axes": {"batch": [20, 50], "annealing": [0.99, 0.999], "level": [0.3, 0.5]}, "seeds": [1],
        "select": {"metric": "acc_validation", "by": ["level"], "seeds": [1, 2, 3]}})",
                                           "series.json");
    REQUIRE(g.runs().size() == std::size_t{8});
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
    REQUIRE(picks.size() == std::size_t{1});  // level 0.5 waits for its last configuration
    REQUIRE(picks[0].by_values == std::vector<std::string>{"0.3"});
    REQUIRE(picks[0].values == (std::vector<std::string>{"50", "0.99", "0.3"}));
    REQUIRE(picks[0].candidates == 4);
    REQUIRE(picks[0].score == 0.86);
    auto more = g.selected_runs(picks);
    REQUIRE(more.size() == std::size_t{2});
    REQUIRE(more[0].id == std::string("batch50-annealing0.99-level0.3-seed2"));
    REQUIRE(more[1].id == std::string("batch50-annealing0.99-level0.3-seed3"));
    REQUIRE(more[1].settings.batch == Index{50});
    REQUIRE(more[1].settings.seed == std::uint64_t{3});
    // The last level-0.5 run completes its group.
    rs.push_back(result(g.runs()[7], 0.85, 0.95));
    picks = g.picks(rs);
    REQUIRE(picks.size() == std::size_t{2});
    REQUIRE(picks[1].values == (std::vector<std::string>{"20", "0.999", "0.5"}));
    // The pick's test figures come from all its seeds.
    rs.push_back(result(more[0], 0.7, 0.70));
    rs.push_back(result(more[1], 0.7, 0.75));
    const std::string md = selection_markdown(g, picks, rs, {"acc_test"});
    REQUIRE_MESSAGE(md.find("| 50 | 0.99 | 0.3 | 4 | 0.8600 | 3 | 0.750 ± 0.050 |") != std::string::npos, (md.c_str()));
    const std::string csv = selection_csv(g, picks, rs, {"acc_test"});
    REQUIRE_MESSAGE(csv.find("50,0.99,0.3,4,acc_validation,0.86,3,0.75,0.05\n") != std::string::npos, (csv.c_str()));
    // A test figure cannot select, and `by` must name an axis.
    REQUIRE_THROWS_AS(GridSpec::from_json(R"({"axes": {"level": [0.3]},
        "select": {"metric": "acc_test", "by": ["level"]}})",
                                          "peek.json"),
                      Error);
    REQUIRE_THROWS_AS(GridSpec::from_json(R"({"axes": {"level": [0.3]},
        "select": {"by": ["batch"]}})",
                                          "by.json"),
                      Error);
}

TEST_CASE_FIXTURE(Harness, "TestExperiments::theProjectsGridsParseAndSayWhatTheyRun") {
    // Every grid the project ships reads back and expands; the first series' grids keep daelab's
    // earlier split and order (their committed CSVs are reproduced from them), the paper's series
    // run the paper's.
    const fs::path grids = fs::path(DAELAB_SOURCE_DIR) / "experiments/grids";
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(grids))
        if (e.path().extension() == ".json") files.push_back(e.path().filename().string());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 8);
    for (const std::string& f : files) {
        const GridSpec g = GridSpec::from_json(read_text((grids / f).string()), f);
        const auto runs = g.runs();
        REQUIRE_MESSAGE(!runs.empty(), f);
        const bool first_series =
            test::starts_with(f, "table1") || test::starts_with(f, "walkback") || f == "factors-base.json";
        if (first_series) {
            REQUIRE_MESSAGE(runs[0].settings.order == MinibatchOrder::Reshuffle, f);
            REQUIRE_MESSAGE((runs[0].split && runs[0].split->rule == SplitSpec::Rule::Ordered), f);
        }
        if (test::starts_with(f, "bj-")) {
            REQUIRE_MESSAGE(runs[0].settings.order == MinibatchOrder::Circular, f);
            REQUIRE_MESSAGE((runs[0].split && runs[0].split->rule == SplitSpec::Rule::Shuffled), f);
        }
    }
    const GridSpec g = GridSpec::from_json(read_text((grids / "bj-k1-series.json").string()), "bj-k1-series.json");
    REQUIRE(g.runs().size() == std::size_t{24});  // 2 b × 2 α × 2 N × 3 σ, one seed
    REQUIRE((g.select && g.select->metric == "acc_validation" && g.select->by == std::vector<std::string>{"level"}));
    REQUIRE(g.runs()[0].settings.walkback == 1);
    // The walkback variants' grid: its axis reaches the trainer's settings, and the id says it.
    const auto wruns = GridSpec::from_json(read_text((grids / "walkback.json").string()), "walkback.json").runs();
    REQUIRE(wruns.size() == std::size_t{18});
    REQUIRE(wruns[0].settings.walkback_variant == WalkbackVariant::Bengio);
    REQUIRE(wruns[0].id == std::string("walkback-variantbengio-level0.7-seed1"));
    REQUIRE(RunSpec::from_json(wruns[1].to_json(), "spec.json").settings.walkback_variant ==
            WalkbackVariant::SamplesNoBptt);
}

TEST_CASE_FIXTURE(Harness, "TestExperiments::splitAndOrderAreAxesAndRecorded") {
    // The split is a run setting a grid can vary: shuffled (the paper's) or ordered, its seed.
    const GridSpec g = GridSpec::from_json(R"({"dataset": "mnist-10k", "settings": {"epochs": 3},
        "axes": {"split": ["shuffled", "ordered"], "order": ["circular", "reshuffle"]}})",
                                           "factors.json");
    const auto runs = g.runs();
    REQUIRE(runs.size() == std::size_t{4});
    REQUIRE(runs[1].id == std::string("splitordered-ordercircular-seed1"));
    REQUIRE(runs[1].split->rule == SplitSpec::Rule::Ordered);
    REQUIRE(runs[2].split->rule == SplitSpec::Rule::Shuffled);
    REQUIRE(runs[2].settings.order == MinibatchOrder::Reshuffle);
    // Counts 0: the data set's own counts, with the rule asked for.
    const SplitSpec own{SplitSpec::Rule::Shuffled, 8000, 2000, 1};
    const SplitSpec ordered = runs[1].split->with_counts_of(own);
    REQUIRE(ordered.train == Index{8000});
    REQUIRE(ordered.rule == SplitSpec::Rule::Ordered);
    // A spec round-trips through spec.json; a spec of an earlier version (no "format") reshuffled.
    REQUIRE(RunSpec::from_json(runs[1].to_json(), "spec.json") == runs[1]);
    REQUIRE(RunSpec::from_json(R"({"id": "old"})", "old.json").settings.order == MinibatchOrder::Reshuffle);
    REQUIRE_THROWS_AS(GridSpec::from_json(R"({"axes": {"split": ["random"]}})", "s.json"), Error);
    RunSpec r;
    std::string why;
    REQUIRE(set_run_option(r, "split-seed", "7", &why));
    REQUIRE(r.split->seed == std::uint64_t{7});
    REQUIRE(!set_run_option(r, "split-seed", "-1", &why));
}
