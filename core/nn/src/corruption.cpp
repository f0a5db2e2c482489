#include "dae/corruption.h"

#include "dae/error.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <sstream>

namespace dae {

const char* corruption_name(CorruptionType t) {
    switch (t) {
    case CorruptionType::None: return "none";
    case CorruptionType::Masking: return "masking";
    case CorruptionType::Gaussian: return "gaussian";
    case CorruptionType::SaltPepper: return "salt-pepper";
    }
    return "?";
}

std::optional<CorruptionType> corruption_from_name(const std::string& name) {
    for (CorruptionType t :
         {CorruptionType::None, CorruptionType::Masking, CorruptionType::Gaussian, CorruptionType::SaltPepper})
        if (name == corruption_name(t)) return t;
    return std::nullopt;
}

double max_level(CorruptionType type) { return type == CorruptionType::Gaussian ? 5.0 : 1.0; }

const char* level_symbol(CorruptionType t) { return t == CorruptionType::Gaussian ? "σ" : "ν"; }

bool Corruption::valid(std::string* why) const {
    std::ostringstream e;
    if ((type == CorruptionType::Masking || type == CorruptionType::SaltPepper) &&
        !(std::isfinite(level) && level >= 0 && level <= max_level(type)))
        e << corruption_name(type) << " level ν is a fraction in [0, 1] (got " << level << ")";
    else if (type == CorruptionType::Gaussian && !(std::isfinite(level) && level >= 0 && level <= max_level(type)))
        e << "the Gaussian noise σ must be in [0, " << max_level(type) << "] (got " << level << ")";
    if (why) *why = e.str();
    return e.str().empty();
}

void fill_standard_normal(Rng& rng, Matrix& out, Matrix& scratch) {
    // Pairs (u₁, u₂) of uniforms in (0, 1]: z₁ = √(−2 ln u₁) cos 2πu₂, z₂ = √(−2 ln u₁) sin 2πu₂.
    const Index n = out.size();
    const Index pairs = (n + 1) / 2;
    scratch.resize(pairs, 2);
    Scalar* u = scratch.data();
    for (Index k = 0; k < 2 * pairs; k += 2) {
        const std::uint64_t bits = rng.next_u64();
        // Two 24-bit uniforms per 64-bit draw; +1 keeps u₁ away from 0 (ln 0).
        u[k] = static_cast<Scalar>((bits >> 40) + 1) * 0x1.0p-24f;
        u[k + 1] = static_cast<Scalar>(((bits >> 16) & 0xFFFFFF) + 1) * 0x1.0p-24f;
    }
    // Reinterpret as [u₁ row; u₂ row] pairs interleaved: column-wise views via strides.
    Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>, 0, Eigen::InnerStride<2>> u1(u, pairs);
    Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>, 0, Eigen::InnerStride<2>> u2(u + 1, pairs);
    const Eigen::Array<Scalar, Eigen::Dynamic, 1> radius = (Scalar{-2} * u1.log()).sqrt();
    const Eigen::Array<Scalar, Eigen::Dynamic, 1> angle = Scalar{2 * std::numbers::pi_v<float>} * u2;
    Scalar* o = out.data();
    const Index half = n / 2;
    Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>>(o, half) = radius.head(half) * angle.head(half).cos();
    Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>>(o + half, n - half) =
        radius.head(n - half) * angle.head(n - half).sin();
}

void Corrupter::apply(const Corruption& c, const Eigen::Ref<const Matrix>& clean, Matrix& out) {
    std::string why;
    if (!c.valid(&why)) throw Error(why);
    out.resize(clean.rows(), clean.cols());
    out = clean;
    const Index d = clean.rows();
    switch (c.type) {
    case CorruptionType::None: return;
    case CorruptionType::Gaussian: {
        if (c.level == 0) return;
        fill_standard_normal(m_rng, out, m_uniform);  // out ← N(0, 1)
        out = clean + static_cast<Scalar>(c.level) * out;
        return;
    }
    case CorruptionType::Masking:
    case CorruptionType::SaltPepper: {
        const auto count =
            std::clamp<Index>(static_cast<Index>(std::floor(c.level * static_cast<double>(d) + 1e-9)), 0, d);
        if (count <= 0) return;
        if (static_cast<Index>(m_positions.size()) != d) {
            m_positions.resize(static_cast<std::size_t>(d));
            std::iota(m_positions.begin(), m_positions.end(), Index{0});
        }
        for (Index j = 0; j < out.cols(); ++j) {
            // Partial Fisher–Yates: the first `count` entries become a uniform random subset.
            for (Index i = 0; i < count; ++i) {
                const auto r =
                    static_cast<Index>(i + static_cast<Index>(m_rng.below(static_cast<std::uint64_t>(d - i))));
                std::swap(m_positions[static_cast<std::size_t>(i)], m_positions[static_cast<std::size_t>(r)]);
                Scalar value = 0;
                if (c.type == CorruptionType::SaltPepper) value = (m_rng.next_u64() >> 63) ? Scalar{1} : Scalar{0};
                out(m_positions[static_cast<std::size_t>(i)], j) = value;
            }
        }
        return;
    }
    }
}

}  // namespace dae
