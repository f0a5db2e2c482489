#include "dae/sweep.h"

namespace dae {

std::vector<TrainingConfig> sweep_configs(const TrainingConfig& base, const std::vector<double>& levels) {
    std::vector<TrainingConfig> out;
    for (double level : levels) {
        TrainingConfig c = base;
        c.corruption.level = level;
        out.push_back(c);
    }
    return out;
}

std::vector<double> denoising_curve(const Autoencoder& model, const Matrix& clean, CorruptionType type,
                                    const std::vector<double>& levels, std::uint64_t seed) {
    std::vector<double> out;
    Matrix corrupted, h, o;
    for (double level : levels) {
        Corrupter corrupter(seed);  // the same noise pattern at every level
        double sum = 0;
        constexpr Index kChunk = 1000;
        for (Index start = 0; start < clean.cols(); start += kChunk) {
            const Index n = std::min(kChunk, clean.cols() - start);
            corrupter.apply({type, level}, clean.middleCols(start, n), corrupted);
            model.reconstruct(corrupted, h, o);
            sum += (o - clean.middleCols(start, n)).cast<double>().squaredNorm();
        }
        out.push_back(clean.cols() ? sum / static_cast<double>(clean.cols()) : 0);
    }
    return out;
}

}  // namespace dae
