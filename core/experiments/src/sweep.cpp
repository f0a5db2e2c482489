#include "dae/sweep.h"

#include "dae/error.h"
#include "dae/numbers.h"
#include "dae/threads.h"

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

std::vector<double> denoising_levels(CorruptionType type) {
    std::vector<double> out;
    for (int i = 0; i <= 10; ++i)
        out.push_back(i * (type == CorruptionType::Gaussian ? 0.1 : 0.08));
    return out;
}

CorruptionType denoising_type(CorruptionType training_type) {
    return training_type == CorruptionType::None ? CorruptionType::Masking : training_type;
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

TrainingConfig SweepSpec::default_base() {
    TrainingConfig c = TrainingConfig::vincent2008();
    c.epochs = 10;
    return c;
}

bool SweepSpec::validate(std::string* why, Index train_size) const {
    if (levels.empty()) {
        if (why) *why = "the sweep needs at least one level";
        return false;
    }
    for (const TrainingConfig& c : sweep_configs(base, levels)) {
        std::string reason;
        if (!c.validate(&reason, train_size)) {
            if (why) *why = "level " + format_double(c.corruption.level) + ": " + reason;
            return false;
        }
    }
    return true;
}

std::vector<SweepMember> run_sweep(const SweepSpec& spec, const Dataset& train, const Dataset& held_out, int workers,
                                   RunObserver* observer,
                                   const std::function<void(std::size_t, const SweepMember&)>& on_member) {
    TrainingConfig base = spec.base;
    base.model.visible = train.dim();
    std::string why;
    if (!SweepSpec{base, spec.levels}.validate(&why, train.size())) throw Error("noise sweep: " + why);
    const int count = static_cast<int>(spec.levels.size());
    std::vector<SweepMember> members(spec.levels.size());
    ParallelProgress progress(observer, count);
    run_in_parallel(count, workers, [&](int i) {
        const auto at = static_cast<std::size_t>(i);
        ObserverSection section(progress.part(i), "training " + std::to_string(count) + " levels", 0, 1);
        members[at] = train_sweep_member(base, spec.levels[at], train, held_out, &section);
        if (on_member && members[at].status == TrainStatus::Finished) on_member(at, members[at]);
    });
    return members;
}

SweepMember train_sweep_member(const TrainingConfig& base, double level, const Dataset& train, const Dataset& held_out,
                               RunObserver* observer) {
    TrainingConfig c = sweep_configs(base, {level}).front();
    c.model.visible = train.dim();
    Trainer trainer(c, train.samples, held_out.samples);
    SweepMember m;
    m.level = level;
    m.initial = trainer.model();
    m.status = trainer.run(observer);
    if (m.status == TrainStatus::Diverged)
        throw Error("noise sweep, level " + format_double(level) + ": " + trainer.message());
    m.trained = trainer.model();
    m.last_epoch = trainer.last_epoch();
    if (m.status != TrainStatus::Finished) return m;
    const Matrix curve_data = held_out.samples.leftCols(std::min(kDenoisingSamples, held_out.size()));
    m.curve = denoising_curve(m.trained, curve_data, denoising_type(c.corruption.type),
                              denoising_levels(denoising_type(c.corruption.type)));
    return m;
}

}  // namespace dae
