// Iteration throughput: x ← r(x) over a set, against the sgemm peak measured in the same run, and a
// full run of the 2,000 held-out digits to the 75 % criterion with and without compaction.
//
//   build/release/bench/bench_iterate [--seconds S] [--model model.dae]
//
// Then the thread policy's choice for this work and its rate, quiet and beside a busy process.
//
// Without --model it first trains the reference DAE (784-500-784 untied sigmoid, Gaussian σ = 0.5,
// MSE) for 10 epochs on 8,000 embedded MNIST digits. FLOPs per step: 2 GEMMs × 2·784·500 per sample.
#include "bench_common.h"
#include "dae/default_data.h"
#include "dae/dynamics.h"
#include "dae/model_io.h"
#include "dae/threads.h"
#include "dae/training.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace dae;
using namespace dae::bench;

namespace {}  // namespace

int main(int argc, char** argv) {
    double budget = 3.0;
    std::string model_path;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) budget = std::atof(argv[++i]);
        if (std::strcmp(argv[i], "--model") == 0 && i + 1 < argc) model_path = argv[++i];
    }
    const Dataset mnist = load_default_mnist();
    const Split split = make_split(mnist.size(), 8000, 2000, 0, 1);
    Autoencoder model;
    if (!model_path.empty()) {
        model = load_model(model_path).model;
    } else {
        std::fprintf(stderr, "training the reference DAE (10 epochs)...\n");
        TrainingConfig c;
        c.epochs = 10;
        Trainer t(c, mnist.subset(split.train).samples);
        t.run();
        model = t.model();
    }
    const Matrix test = mnist.subset(split.validation).samples;
    const double flops_per_sample_step = 2.0 * 2 * 784 * static_cast<double>(model.hidden());

    std::printf("daelab iteration benchmark: %lld-%lld-%lld, 2,000 held-out MNIST digits\n\n",
                static_cast<long long>(model.visible()), static_cast<long long>(model.hidden()),
                static_cast<long long>(model.visible()));
    std::printf("%-8s %14s %18s %18s\n", "threads", "GFLOP/s/step", "OpenBLAS peak", "share of peak");
    auto rate = [&](int threads) {
        set_compute_threads(threads);
        Matrix x = test, h, o;
        const double steps = best_rate(
            [&] {
                model.reconstruct(x, h, o);
                x.swap(o);
            },
            budget);
        return steps * flops_per_sample_step * static_cast<double>(test.cols()) / 1e9;
    };
    double by_threads[3] = {0, 0, 0};
    for (int threads : {1, 2}) {
        const double peak = openblas_peak(threads, budget);
        by_threads[threads] = rate(threads);
        std::printf("%-8d %14.1f %18.1f %17.1f%%\n", threads, by_threads[threads], peak,
                    100 * by_threads[threads] / peak);
    }
    // The thread policy (dae/threads.h) on this work, quiet and beside a busy process.
    const TrainingWork work{test.cols(), model.visible(), model.hidden(), 1};
    const int quiet = choose_compute_threads(work);
    const double quiet_rate = quiet <= 2 ? by_threads[quiet] : rate(quiet);
    int busy = 0;
    double busy_rate = 0;
    {
        BusyNeighbour neighbour;
        busy = choose_compute_threads(work);
        busy_rate = rate(busy);
    }
    std::printf("\nthe thread policy: %d thread%s, %.1f GFLOP/s/step (%.1f%% of the best of 1 and 2); beside a busy "
                "process: %d thread%s, %.1f (%.1f%% of the quiet 1-thread rate)\n",
                quiet, quiet == 1 ? "" : "s", quiet_rate, 100 * quiet_rate / std::max(by_threads[1], by_threads[2]),
                busy, busy == 1 ? "" : "s", busy_rate, 100 * busy_rate / by_threads[1]);

    set_compute_threads(2);
    std::printf("\nfull run to the 75%% criterion (ε = 1e-4, cap 1000), 2 threads:\n");
    IterationConfig cfg;
    double seconds[2];
    IterationResult results[2];
    for (int compact = 1; compact >= 0; --compact) {
        cfg.compact = compact == 1;
        double best = 1e30;
        for (int rep = 0; rep < 3; ++rep) {
            const auto t0 = Clock::now();
            results[compact] = iterate(model, test, cfg);
            best = std::min(best, seconds_since(t0));
        }
        seconds[compact] = best;
        std::printf("  %-18s %6.2f s  (%d steps, %lld converged)\n", compact ? "with compaction" : "without compaction",
                    best, results[compact].steps_run, static_cast<long long>(results[compact].converged_count()));
    }
    std::printf("  compaction is %.2fx faster; fixed points bit-identical: %s\n", seconds[0] / seconds[1],
                results[0].fixed_points == results[1].fixed_points ? "yes" : "NO");
    return 0;
}
