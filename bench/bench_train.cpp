// Training throughput of the reference workload (784-500-784, sigmoid/sigmoid, untied, Gaussian
// σ = 0.5, squared error, plain SGD) against this machine's single-precision GEMM peak, measured
// in the same run with a large OpenBLAS sgemm.
//
//   build/release/bench/bench_train [--seconds S]
//
// FLOPs: 2·m·n·k per GEMM; a k-step walkback sample costs (6k − 1)·2·784·500 (forward 2 GEMMs a
// step, backward 3 a step, plus k − 1 to carry the gradient back into the previous step's output).
#include "bench_common.h"
#include "dae/training.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace dae;
using namespace dae::bench;

namespace {

double eigen_peak(int threads, double budget) {
    set_compute_threads(threads);
    const int n = 3072;
    const Matrix a = Matrix::Random(n, n), b = Matrix::Random(n, n);
    Matrix c(n, n);
    const double r = best_rate([&] { c.noalias() = a * b; }, budget);
    return r * 2.0 * n * n * n / 1e9;
}

struct Result {
    double samples_per_second, gflops;
};

Result train_rate(Index batch, int k, int threads, double budget) {
    set_compute_threads(threads);
    TrainingConfig c;  // the reference workload: the defaults, with k and b set
    c.model.hidden = 500;
    c.model.tied = false;
    c.corruption = {CorruptionType::Gaussian, 0.5};
    c.loss = Loss::SquaredError;
    c.walkback = k;
    c.batch = batch;
    c.epochs = 1000000;
    Rng rng(1);
    Matrix data(784, 10240);
    for (Index i = 0; i < data.size(); ++i)
        data.data()[i] = rng.uniform();
    Trainer trainer(c, std::move(data));
    for (int i = 0; i < 20; ++i)
        trainer.step();  // warm-up: buffers sized, caches hot
    const double steps = best_rate([&] { trainer.step(); }, budget);
    const double sps = steps * static_cast<double>(batch);
    return {sps, sps * (6.0 * k - 1) * 2 * 784 * 500 / 1e9};
}

}  // namespace

int main(int argc, char** argv) {
    double budget = 3.0;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) budget = std::atof(argv[++i]);

    std::printf("daelab training benchmark: 784-500-784 sigmoid/sigmoid untied, Gaussian σ=0.5, MSE, SGD\n\n");
    const double blas1 = openblas_peak(1, budget), blas2 = openblas_peak(2, budget);
    const double eig1 = eigen_peak(1, budget), eig2 = eigen_peak(2, budget);
    std::printf("sgemm peak, 3072³   OpenBLAS: %7.1f GFLOP/s (1 thread) %7.1f (2 threads)\n", blas1, blas2);
    std::printf("                    Eigen:    %7.1f GFLOP/s (1 thread) %7.1f (2 threads)\n\n", eig1, eig2);
    std::printf("%-6s %-3s %-8s %12s %10s %16s %14s\n", "batch", "k", "threads", "samples/s", "GFLOP/s",
                "of OpenBLAS peak", "of Eigen peak");
    struct Case {
        Index batch;
        int k, threads;
    };
    for (const Case& cs :
         {Case{20, 1, 1}, Case{20, 3, 1}, Case{128, 1, 2}, Case{128, 3, 2}, Case{20, 1, 2}, Case{128, 1, 1}}) {
        const Result r = train_rate(cs.batch, cs.k, cs.threads, budget);
        const double blas = cs.threads == 1 ? blas1 : blas2, eig = cs.threads == 1 ? eig1 : eig2;
        std::printf("%-6lld %-3d %-8d %12.0f %10.1f %15.1f%% %13.1f%%\n", static_cast<long long>(cs.batch), cs.k,
                    cs.threads, r.samples_per_second, r.gflops, 100 * r.gflops / blas, 100 * r.gflops / eig);
    }
    return 0;
}
