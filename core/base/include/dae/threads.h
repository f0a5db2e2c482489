// Threads of the engine. The matrix products of one run use compute_threads() threads (Eigen's
// OpenMP GEMM, or OpenBLAS's threads in a build with DAELAB_USE_BLAS; global); results are
// bit-identical for a given thread count, and the count a run used is recorded in its model
// (provenance.h).
//
// The thread policy (choose_compute_threads) is the default wherever a person gives no count: a
// thread whose core another program holds makes every product wait for it (measured: a 4.4×
// collapse of 2-thread training beside one busy process), and products of a fraction of a
// millisecond gain nothing from more threads. So it uses more than one thread only for products
// large enough to have been measured faster so, and never more than the cores other programs
// leave free, counted when the run starts (the count is then fixed: a run stays bit-reproducible).
#pragma once

#include "dae/eigen_types.h"
#include "dae/run.h"

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace dae {

void set_compute_threads(int threads);
int compute_threads();

// Sets the count while alive and puts the one before back however the scope ends (a job of a
// long-lived program, such as the GUI's phase-diagram worker, must not leave its count behind).
class ScopedComputeThreads {
public:
    explicit ScopedComputeThreads(int threads) : m_before(compute_threads()) { set_compute_threads(threads); }
    ~ScopedComputeThreads() { set_compute_threads(m_before); }
    ScopedComputeThreads(const ScopedComputeThreads&) = delete;
    ScopedComputeThreads& operator=(const ScopedComputeThreads&) = delete;

private:
    int m_before;
};

// While alive, each matrix product runs on the thread that calls it (in a build that hands Eigen's
// products to OpenBLAS, whose own threads would otherwise split every product again): for code that
// shares the work over its own threads, such as the shared-units SGD step. compute_threads() is
// unchanged. Not for concurrent use by several threads of one process.
class ProductsOnCallingThread {
public:
    ProductsOnCallingThread();
    ~ProductsOnCallingThread();
    ProductsOnCallingThread(const ProductsOnCallingThread&) = delete;
    ProductsOnCallingThread& operator=(const ProductsOnCallingThread&) = delete;
};

// Eigen cuts the inner dimension of a product into blocks of kc terms sized from the L1 data cache
// it reads off the CPU (GeneralBlockPanelKernel.h), and kc sets the order in which each entry's
// terms are summed: the same binary rounds differently on CPUs with another L1 (x86-64-v3, one
// thread: a 784-term sum is cut 264 + 264 + 256 at 32 KiB and 400 + 384 at 48 KiB; several threads:
// 288 + 288 + 208 and 320 + 320 + 144). This fixes the L1 size Eigen plans with, so a build's
// results depend on its instruction set and on one thread or several only, not on the CPU it runs
// on; L2 and L3 stay the CPU's (they group rows and columns, not terms). For Eigen's own products:
// a DAELAB_USE_BLAS build hands them to OpenBLAS, whose kernels are the CPU's. Idempotent; the core
// does it before main (autoencoder.cpp) and whenever a thread count is set.
constexpr std::ptrdiff_t kProductL1Bytes = 32 * 1024;
void pin_product_blocking();

// Cores this process may run on (its affinity mask), ≥ 1.
int usable_cores();
// Runnable threads of other programs now that would take a real share of a core from this one
// (those at most 10 nice levels nicer: a nice-19 batch job beside us takes 1.5 % of a core, a
// `yes > /dev/null` all of one): the median of five looks over ~10 ms. 0 when /proc cannot be read.
int busy_elsewhere();

// The work of one training minibatch: each of its products is b × visible × hidden.
struct TrainingWork {
    Index batch = 20, visible = 784, hidden = 500;
    int walkback = 1;
};

// Products smaller than this many multiply-adds (b · visible · hidden) run on one thread. Measured
// with bench_train on an idle 2-core machine (README, Speed): at 784-500-784, b = 20 (7.8 M) is
// 1.11 … 1.77× faster on 2 threads for k = 1 and 1.79 … 2.04× for k = 3 (units shared over threads,
// Objective::sgd_step_split). Smaller batches were not measured, so they stay on one thread.
constexpr double kParallelMultiplyAdds = 7.5e6;

// The policy's count for `work` on a machine of `cores` usable cores with `busy` other runnable
// tasks: 1 for small products, else the cores left free (at least 1).
int choose_compute_threads(const TrainingWork& work, int cores, int busy);
// … with this machine's cores and load now.
int choose_compute_threads(const TrainingWork& work);

// Runs job(0 … count − 1) on up to `workers` threads at once, each job's matrix products on one
// thread (independent runs beat split GEMMs on a small machine). Jobs must not share mutable state;
// the first exception thrown by a job is rethrown here after every started job has ended.
void run_in_parallel(int count, int workers, const std::function<void(int)>& job);

// The progress of `count` jobs run in parallel, as one: job i reports to part(i) from its own
// thread; `parent` (may be null) hears the mean fraction under the stage of the latest report,
// one call at a time, and its stop request reaches every job.
class ParallelProgress {
public:
    ParallelProgress(RunObserver* parent, int count);
    ~ParallelProgress();
    RunObserver* part(int i);

private:
    class Part;
    void report(int i, const Progress& p);

    RunObserver* m_parent;
    std::mutex m_lock;
    std::vector<double> m_fractions;
    std::vector<std::unique_ptr<Part>> m_parts;
};

}  // namespace dae
