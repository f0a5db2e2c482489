// A small seeded random source whose streams are identical on every platform and standard
// library (std::uniform_real_distribution and friends are implementation-defined, std::mt19937_64
// is not). Same seed ⇒ same numbers ⇒ bit-identical training runs.
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string>

namespace dae {

class Rng {
public:
    explicit Rng(std::uint64_t seed = 0) : m_engine(seed) {}

    std::uint64_t next_u64() { return m_engine(); }
    // Uniform in [0, 1) with 24 random bits: exact in float.
    float uniform() { return static_cast<float>(m_engine() >> 40) * 0x1.0p-24f; }
    // Uniform in [0, 1) with 53 random bits.
    double uniform_double() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }
    // Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject).
    std::uint64_t below(std::uint64_t n);
    // Standard normal (Marsaglia's polar method; one spare value is cached).
    double normal();
    template <class T> void shuffle(std::span<T> items) {
        for (std::size_t i = items.size(); i > 1; --i)
            std::swap(items[i - 1], items[below(i)]);
    }

    // The complete state as text (the engine's standard textual form plus the cached normal), so a
    // checkpoint resumes the very same stream.
    std::string state() const;
    bool set_state(const std::string& text);

private:
    std::mt19937_64 m_engine;
    double m_spare = 0.0;
    bool m_has_spare = false;
};

}  // namespace dae
