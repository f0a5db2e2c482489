#include "dae/threads.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sched.h>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace dae {

#ifdef DAELAB_OPENBLAS
extern "C" void openblas_set_num_threads(int threads);
#endif

namespace {
std::atomic<int> g_compute_threads{0};  // 0: none chosen yet (Eigen's default, every core)
#ifdef DAELAB_OPENBLAS
// Until a program chooses, OpenMP's default, held by one of Eigen and OpenBLAS, not both.
[[maybe_unused]] const bool g_default_threads = (set_compute_threads(Eigen::nbThreads()), true);
#endif
}  // namespace

void pin_product_blocking() {
    if (Eigen::l1CacheSize() != kProductL1Bytes)
        Eigen::setCpuCacheSizes(kProductL1Bytes, Eigen::l2CacheSize(), Eigen::l3CacheSize());
}

void set_compute_threads(int threads) {
    pin_product_blocking();
    threads = std::max(1, threads);
    g_compute_threads = threads;
#ifdef DAELAB_OPENBLAS
    // Eigen hands its products to OpenBLAS: Eigen's own OpenMP split would call OpenBLAS once per
    // block of rows, each call splitting again over OpenBLAS's threads. One of the two only.
    Eigen::setNbThreads(1);
    openblas_set_num_threads(threads);
#else
    Eigen::setNbThreads(threads);
#endif
}
int compute_threads() {
    const int chosen = g_compute_threads;
    return chosen > 0 ? chosen : Eigen::nbThreads();
}

ProductsOnCallingThread::ProductsOnCallingThread() {
#ifdef DAELAB_OPENBLAS
    openblas_set_num_threads(1);
#endif
}
ProductsOnCallingThread::~ProductsOnCallingThread() {
#ifdef DAELAB_OPENBLAS
    openblas_set_num_threads(compute_threads());
#endif
}

int usable_cores() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

namespace {

// Runnable threads of other processes now that would take a real share of a core from us: those
// not much nicer than this process (CFS gives a thread of nice n a weight of 1024 / 1.25ⁿ, so one
// at nice + 10 gets 10 % of a core beside ours, one at nice 19 beside nice 0 1.5 %). From
// /proc/<pid>/task/<tid>/stat: the state after the command's closing parenthesis, nice 16 fields on.
int runnable_competitors() {
    namespace fs = std::filesystem;
    const int self = static_cast<int>(getpid());
    const int our_nice = getpriority(PRIO_PROCESS, 0);
    std::error_code ec;
    int count = 0;
    for (const auto& proc : fs::directory_iterator("/proc", ec)) {
        const std::string pid = proc.path().filename().string();
        if (pid.empty() || !std::isdigit(static_cast<unsigned char>(pid[0])) || std::stoi(pid) == self) continue;
        std::error_code task_ec;
        for (const auto& task : fs::directory_iterator(proc.path() / "task", task_ec)) {
            std::ifstream in(task.path() / "stat");
            std::string line;
            if (!std::getline(in, line)) continue;
            const auto close = line.rfind(')');
            if (close == std::string::npos) continue;
            std::istringstream fields(line.substr(close + 1));
            std::string state, skip;
            int nice = 0;
            fields >> state;
            for (int i = 0; i < 15 && fields >> skip; ++i) {
            }
            if (!(fields >> nice)) continue;
            if (state == "R" && nice <= our_nice + 10) ++count;
        }
    }
    return ec ? -1 : count;
}

}  // namespace

int busy_elsewhere() {
    std::vector<int> samples;
    for (int i = 0; i < 5; ++i) {
        if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        const int n = runnable_competitors();
        if (n < 0) return 0;
        samples.push_back(n);
    }
    std::nth_element(samples.begin(), samples.begin() + 2, samples.end());
    return samples[2];
}

int choose_compute_threads(const TrainingWork& work, int cores, int busy) {
    const double multiply_adds =
        static_cast<double>(work.batch) * static_cast<double>(work.visible) * static_cast<double>(work.hidden);
    if (multiply_adds < kParallelMultiplyAdds) return 1;
    return std::max(1, cores - std::max(0, busy));
}

int choose_compute_threads(const TrainingWork& work) {
    return choose_compute_threads(work, usable_cores(), busy_elsewhere());
}

void run_in_parallel(int count, int workers, const std::function<void(int)>& job) {
    workers = std::clamp(workers, 1, std::max(1, count));
    const ScopedComputeThreads one(1);  // every job's products on its own thread
    std::mutex lock;
    int next = 0;
    std::exception_ptr failure;
    auto work = [&] {
        for (;;) {
            int i;
            {
                std::lock_guard<std::mutex> g(lock);
                if (failure || next >= count) return;
                i = next++;
            }
            try {
                job(i);
            } catch (...) {
                std::lock_guard<std::mutex> g(lock);
                if (!failure) failure = std::current_exception();
            }
        }
    };
    {
        std::vector<std::jthread> team;
        for (int w = 1; w < workers; ++w)
            team.emplace_back(work);
        work();
    }
    if (failure) std::rethrow_exception(failure);
}

class ParallelProgress::Part : public RunObserver {
public:
    Part(ParallelProgress* owner, int index) : m_owner(owner), m_index(index) {}
    bool stop_requested() const override {
        std::lock_guard<std::mutex> g(m_owner->m_lock);
        return m_owner->m_parent && m_owner->m_parent->stop_requested();
    }
    void on_progress(const Progress& p) override { m_owner->report(m_index, p); }

private:
    ParallelProgress* m_owner;
    int m_index;
};

ParallelProgress::ParallelProgress(RunObserver* parent, int count)
    : m_parent(parent), m_fractions(static_cast<std::size_t>(std::max(count, 0)), 0.0) {
    for (int i = 0; i < count; ++i)
        m_parts.push_back(std::make_unique<Part>(this, i));
}

ParallelProgress::~ParallelProgress() = default;

RunObserver* ParallelProgress::part(int i) { return m_parts.at(static_cast<std::size_t>(i)).get(); }

void ParallelProgress::report(int i, const Progress& p) {
    std::lock_guard<std::mutex> g(m_lock);
    m_fractions[static_cast<std::size_t>(i)] = std::clamp(p.fraction, 0.0, 1.0);
    if (!m_parent) return;
    double sum = 0;
    for (double f : m_fractions)
        sum += f;
    m_parent->on_progress({p.stage, sum / static_cast<double>(m_fractions.size())});
}

}  // namespace dae
