// Shared by the benchmarks: timing by the best of several windows, and the machine's sgemm peak
// measured with a large OpenBLAS sgemm (the reference every figure is a fraction of).
#pragma once

#include "dae/eigen_types.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern "C" {
// Declared as Eigen's misc/blas.h does (int return), so a build with EIGEN_USE_BLAS agrees.
int sgemm_(const char*, const char*, const int*, const int*, const int*, const float*, const float*, const int*,
           const float*, const int*, const float*, float*, const int*);
void openblas_set_num_threads(int);
}

namespace dae::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Calls of f per second over one window of about `seconds`.
template <class F> double window_rate(F&& f, double seconds) {
    long calls = 0;
    const auto t0 = Clock::now();
    double elapsed = 0;
    do {
        f();
        ++calls;
        elapsed = seconds_since(t0);
    } while (elapsed < seconds);
    return static_cast<double>(calls) / elapsed;
}

// Calls f for `budget` seconds (after one warm-up call) in 5 windows and returns the calls per
// second of the best window: on a shared 2-core VM the least-disturbed window is the measurement.
// Peaks and workloads are measured the same way, so their ratio is fair.
template <class F> double best_rate(F&& f, double budget) {
    f();
    double best = 0;
    for (int window = 0; window < 5; ++window)
        best = std::max(best, window_rate(f, budget / 5));
    return best;
}

// GFLOP/s of a 3072³ OpenBLAS sgemm on `threads` threads.
inline double openblas_peak(int threads, double budget) {
    openblas_set_num_threads(threads);
    const int n = 3072;
    const Matrix a = Matrix::Random(n, n), b = Matrix::Random(n, n);
    Matrix c(n, n);
    const float one = 1, zero = 0;
    return best_rate([&] { sgemm_("N", "N", &n, &n, &n, &one, a.data(), &n, b.data(), &n, &zero, c.data(), &n); },
                     budget) *
           2.0 * n * n * n / 1e9;
}

// A busy process beside the benchmark (as `yes > /dev/null` would be): another program holding a
// core, started and stopped by the benchmark itself.
class BusyNeighbour {
public:
    BusyNeighbour() : m_pid(fork()) {
        if (m_pid == 0) {
            volatile unsigned long spin = 0;
            for (;;)
                spin = spin + 1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the scheduler see it
    }
    ~BusyNeighbour() {
        if (m_pid > 0) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }

private:
    pid_t m_pid;
};

}  // namespace dae::bench
