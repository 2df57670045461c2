// A seeded random source whose draws are the same on every platform and
// standard library (std::*_distribution is implementation-defined), so a seed
// names one workspace.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

namespace bench {

class RandomSource {
public:
    explicit RandomSource(std::uint64_t seed) : engine_(seed) {}

    // [0, 1)
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // [0, n)
    int below(int n) { return static_cast<int>(uniform() * n); }
    bool chance(double p) { return uniform() < p; }
    // Box-Muller; one draw per call keeps the sequence simple to reason about.
    double normal(double mean, double sd) {
        const double u1 = 1.0 - uniform(), u2 = uniform();
        return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    }
    double lognormal(double mu, double sigma) { return std::exp(normal(mu, sigma)); }

private:
    std::mt19937_64 engine_;
};

}  // namespace bench
