// The corruption processes q(x̃ | x). Training only: clean propagation never corrupts.
//   masking       exactly ⌊νd⌋ components, chosen uniformly per example, set to 0 (Vincent 2008 §2.3)
//   gaussian      x̃ = x + N(0, σ²) per component, NOT clipped (Bahdanau & Jaeger 2014 §5.2)
//   salt-pepper   exactly ⌊νd⌋ components per example set to 0 or 1 with equal probability
#pragma once

#include "dae/eigen_types.h"
#include "dae/rng.h"

#include <optional>
#include <string>
#include <vector>

namespace dae {

enum class CorruptionType { None, Masking, Gaussian, SaltPepper };
const char* corruption_name(CorruptionType t);
// The level's symbol in the papers: σ (a Gaussian's standard deviation) or ν (a fraction of the pixels).
const char* level_symbol(CorruptionType t);
std::optional<CorruptionType> corruption_from_name(const std::string& name);

// The one range of the corruption level: ν in [0, 1] for masking and salt-and-pepper, σ in
// [0, 5] for Gaussian noise (on data in [0, 1], σ = 5 already drowns every image). The settings'
// validation, the GUI's field and its slider all use it.
double max_level(CorruptionType type);

struct Corruption {
    CorruptionType type = CorruptionType::Gaussian;
    double level = 0.5;  // ν (a fraction, 0 … 1) for masking and salt-and-pepper; σ for Gaussian
    bool operator==(const Corruption&) const = default;
    // level in [0, max_level(type)], finite; else false with the reason.
    bool valid(std::string* why) const;
};

// Applies corruption to the columns of `clean`, writing `out` (resized; no allocation when sized).
// Throws dae::Error for an invalid level (see Corruption::valid).
// The Corrupter owns its random stream and scratch, so a sequence of calls is reproducible from
// the seed.
class Corrupter {
public:
    explicit Corrupter(std::uint64_t seed = 0) : m_rng(seed) {}
    void apply(const Corruption& c, const Eigen::Ref<const Matrix>& clean, Matrix& out);
    Rng& rng() { return m_rng; }
    const Rng& rng() const { return m_rng; }
    // For checkpoints: the random stream and the masking permutation (both shape what comes next).
    const std::vector<Index>& positions() const { return m_positions; }
    void set_positions(std::vector<Index> p) { m_positions = std::move(p); }

private:
    Rng m_rng;
    std::vector<Index> m_positions;  // a permutation of 0 … d−1, partially reshuffled per column
    Matrix m_uniform;                // scratch for the Gaussian's Box–Muller transform
};

// Fills `out` with independent N(0, 1) values: Box–Muller on 24-bit uniforms, vectorised by Eigen.
void fill_standard_normal(Rng& rng, Matrix& out, Matrix& scratch);

}  // namespace dae
