// The thread policy and independent runs in parallel: small products stay on one thread, large
// ones use the cores other programs leave free (a busy process is seen); jobs run in parallel each
// on one thread, bit-identical to running them one after another; their progress is one.
#include "check.h"
#include "dae/default_data.h"
#include "dae/rng.h"
#include "dae/sweep.h"
#include "dae/threads.h"
#include "dae/training.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace dae;

namespace {

struct SetThreadsBack {
    int threads;
    ~SetThreadsBack() { set_compute_threads(threads); }
};

class Recorder : public RunObserver {
public:
    void on_progress(const Progress& p) override { last = p.fraction; }
    double last = -1;
};

}  // namespace

TEST_CASE("TestThreads::productsSumInTheSameOrderOnEveryCpu") {
    // The core has fixed the L1 size Eigen plans its blocks with, whatever this CPU has …
    REQUIRE(Eigen::l1CacheSize() == kProductL1Bytes);
    // … since it decides the order of the sums: a 784-deep product planned for another L1
    // rounds otherwise, on one thread and on two, while L2 and L3 change nothing.
    const SetThreadsBack restore{compute_threads()};
    Rng rng(3);
    Matrix a(500, 784), b(784, 20);
    for (Index i = 0; i < a.size(); ++i)
        a.data()[i] = rng.uniform() - 0.5f;
    for (Index i = 0; i < b.size(); ++i)
        b.data()[i] = rng.uniform();
    const std::ptrdiff_t l2 = Eigen::l2CacheSize(), l3 = Eigen::l3CacheSize();
    for (int threads : {1, 2}) {
        set_compute_threads(threads);
        const Matrix pinned = a * b;
        Eigen::setCpuCacheSizes(16 * 1024, l2, l3);
        const Matrix other_l1 = a * b;
        Eigen::setCpuCacheSizes(kProductL1Bytes, l2 / 4, l3 * 4);
        const Matrix other_l2_l3 = a * b;
        Eigen::setCpuCacheSizes(kProductL1Bytes, l2, l3);
        REQUIRE(pinned != other_l1);
        REQUIRE((pinned - other_l1).cwiseAbs().maxCoeff() < 1e-4f);  // the same product, other rounding
        REQUIRE(other_l2_l3 == pinned);
        REQUIRE(Matrix(a * b) == pinned);
    }
}
TEST_CASE("TestThreads::smallProductsStayOnOneThread") {
    // b = 10 of 784-500-784: 3.9 M multiply-adds a product, not measured faster on 2 threads.
    REQUIRE(choose_compute_threads({10, 784, 500, 1}, 2, 0) == 1);
    REQUIRE(choose_compute_threads({10, 784, 500, 3}, 8, 0) == 1);
    // b = 20 (7.8 M) and b = 128 (50 M) were measured faster on 2 threads: all free cores are used …
    REQUIRE(choose_compute_threads({20, 784, 500, 1}, 2, 0) == 2);
    REQUIRE(choose_compute_threads({20, 784, 500, 3}, 2, 0) == 2);
    REQUIRE(choose_compute_threads({128, 784, 500, 1}, 8, 0) == 8);
    TrainingConfig c;
    c.batch = 64;
    c.walkback = 3;
    const TrainingWork w = training_work(c, 784);
    REQUIRE((w.batch == 64 && w.visible == 784 && w.hidden == c.model.hidden && w.walkback == 3));
    // … but never a core another program holds.
    REQUIRE(choose_compute_threads({128, 784, 500, 1}, 2, 1) == 1);
    REQUIRE(choose_compute_threads({10000, 784, 500, 1}, 8, 3) == 5);
    REQUIRE(choose_compute_threads({10000, 784, 500, 1}, 2, 7) == 1);
}
TEST_CASE("TestThreads::aBusyProcessIsSeen") {
    REQUIRE(usable_cores() >= 1);
    // Processes of this test's own that spin: each is one more runnable thread of another
    // program. The count with them is compared with the lower of the counts just before they
    // start and just after they end (other programs may start or stop work meanwhile); one
    // spinner may be lost in that noise, not more.
    constexpr int kSpinners = 4;
    const int before = busy_elsewhere();
    std::vector<pid_t> children;
    for (int i = 0; i < kSpinners; ++i) {
        const pid_t child = fork();
        if (child == 0) {
            volatile unsigned long spin = 0;
            for (;;)
                spin = spin + 1;
        }
        if (child > 0) children.push_back(child);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const int busy = busy_elsewhere();
    for (pid_t child : children) {
        kill(child, SIGKILL);
        waitpid(child, nullptr, 0);
    }
    const int after = busy_elsewhere();
    REQUIRE(int(children.size()) == kSpinners);
    const std::string counts = std::to_string(before) + " before, " + std::to_string(busy) + " with the spinners, " +
                               std::to_string(after) + " after";
    REQUIRE_MESSAGE(busy - std::min(before, after) >= kSpinners - 1, counts);
    REQUIRE(choose_compute_threads({128, 784, 500, 1}, 2, busy) == 1);
}
TEST_CASE("TestThreads::jobsRunOnceEachOnOneThreadAndFailuresReachTheCaller") {
    set_compute_threads(2);
    std::vector<std::atomic<int>> runs(7);
    std::atomic<int> threads_seen{0};
    run_in_parallel(7, 3, [&](int i) {
        runs[static_cast<std::size_t>(i)]++;
        threads_seen = std::max(threads_seen.load(), compute_threads());
    });
    for (const auto& r : runs)
        REQUIRE(r.load() == 1);
    REQUIRE(threads_seen.load() == 1);
    REQUIRE(compute_threads() == 2);  // restored
    REQUIRE_THROWS_AS(run_in_parallel(4, 2,
                                      [](int i) {
                                          if (i == 2) throw std::runtime_error("job 2");
                                      }),
                      std::runtime_error);
    REQUIRE(compute_threads() == 2);
    set_compute_threads(1);
}
TEST_CASE("TestThreads::aParallelSweepIsTheSequentialOne") {
    set_compute_threads(1);
    TrainingConfig base = TrainingConfig::vincent2008();
    base.model.hidden = 20;
    base.epochs = 1;
    const Dataset mnist = load_default_mnist();
    const Dataset train = mnist.subset([] {
        std::vector<Index> first(600);
        for (Index i = 0; i < 600; ++i)
            first[static_cast<std::size_t>(i)] = i;
        return first;
    }());
    const Dataset held = mnist.subset(std::vector<Index>{700, 701, 702, 703, 704, 705, 706, 707});
    const std::vector<double> levels{0, 0.25, 0.5};
    std::vector<SweepMember> alone, together(levels.size());
    for (double l : levels)
        alone.push_back(train_sweep_member(base, l, train, held));
    Recorder bar;
    {
        ParallelProgress progress(&bar, 3);
        run_in_parallel(3, 2, [&](int i) {
            ObserverSection s(progress.part(i), "sweep", 0, 1);
            together[static_cast<std::size_t>(i)] =
                train_sweep_member(base, levels[static_cast<std::size_t>(i)], train, held, &s);
        });
    }
    for (std::size_t i = 0; i < levels.size(); ++i) {
        REQUIRE(together[i].trained == alone[i].trained);  // bit for bit
        REQUIRE(together[i].curve == alone[i].curve);
    }
    REQUIRE_MESSAGE((bar.last > 0.99 && bar.last <= 1.0), bar.last);
}
TEST_CASE("TestThreads::progressIsTheMeanOfTheParts") {
    Recorder bar;
    ParallelProgress p(&bar, 4);
    p.part(0)->on_progress({"a", 1.0});
    REQUIRE(bar.last == 0.25);
    p.part(3)->on_progress({"a", 0.5});
    REQUIRE(bar.last == 0.375);
    p.part(3)->on_progress({"a", 7.0});  // clamped
    REQUIRE(bar.last == 0.5);
}
