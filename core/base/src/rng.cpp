#include "dae/rng.h"

#include "dae/numbers.h"

#include <cmath>
#include <cstring>
#include <sstream>

namespace dae {

__extension__ using Uint128 = unsigned __int128;  // GCC/Clang extension; --pedantic knows

std::uint64_t Rng::below(std::uint64_t n) {
    // Lemire 2019, "Fast random integer generation in an interval".
    Uint128 m = static_cast<Uint128>(m_engine()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<Uint128>(m_engine()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

double Rng::normal() {
    if (m_has_spare) {
        m_has_spare = false;
        return m_spare;
    }
    double u, v, s;
    do {
        u = 2.0 * uniform_double() - 1.0;
        v = 2.0 * uniform_double() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    m_spare = v * f;
    m_has_spare = true;
    return u * f;
}

}  // namespace dae

namespace dae {

std::string Rng::state() const {
    std::ostringstream out;
    out << m_engine << ' ' << (m_has_spare ? 1 : 0) << ' ';
    out << exact_number(m_spare);
    return out.str();
}

bool Rng::set_state(const std::string& text) {
    std::istringstream in(text);
    std::mt19937_64 engine;
    int has = 0;
    std::string spare;
    if (!(in >> engine >> has >> spare) || (has != 0 && has != 1)) return false;
    const auto v = parse_number(spare);
    if (!v) return false;
    m_engine = engine;
    m_has_spare = has == 1;
    m_spare = *v;
    return true;
}

}  // namespace dae
