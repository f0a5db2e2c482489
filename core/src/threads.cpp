#include "dae/threads.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <fstream>
#include <mutex>
#include <sched.h>
#include <string>
#include <thread>
#include <vector>

namespace dae {

void set_compute_threads(int threads) { Eigen::setNbThreads(std::max(1, threads)); }
int compute_threads() { return Eigen::nbThreads(); }

int usable_cores() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

namespace {

// "procs_running N" of /proc/stat: tasks running or ready to run, this reading thread included.
int running_tasks() {
    std::ifstream stat("/proc/stat");
    std::string key;
    long long value = 0;
    while (stat >> key) {
        if (key == "procs_running" && stat >> value) return static_cast<int>(value);
        stat.ignore(1 << 20, '\n');
    }
    return -1;
}

}  // namespace

int busy_elsewhere() {
    std::vector<int> samples;
    for (int i = 0; i < 5; ++i) {
        if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        const int n = running_tasks();
        if (n < 0) return 0;
        samples.push_back(std::max(0, n - 1));
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
    const int before = compute_threads();
    set_compute_threads(1);  // every job's products on its own thread
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
    set_compute_threads(before);
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
