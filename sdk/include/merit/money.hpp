// merit/money.hpp — the one rounding rule for money, shared by host and plugins.
#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace merit {

// The largest amount one pay line may carry: 10^13 fen (100 billion yuan).
// Nothing a scheme pays comes near it; a value beyond it is a bug (a NaN, an
// overflow, a unit mix-up), and the host refuses such a line.
constexpr int64_t kMaxPayLineFen = 10'000'000'000'000;

// Amounts are integer fen (0.01 yuan). A calculator works in double yuan and
// converts once, at its last step, rounding half away from zero. The value is
// first snapped to 1e-6 fen so that binary noise (1.005 * 100 = 100.4999...)
// does not decide which way a half rounds. NaN, infinity and amounts beyond
// ±kMaxPayLineFen throw instead of converting to a wrapped integer.
inline int64_t to_fen(double yuan) {
    if (!std::isfinite(yuan))
        throw std::domain_error(std::string("to_fen: amount is not finite (") +
                                (std::isnan(yuan) ? "nan"
                                 : yuan > 0       ? "inf"
                                                  : "-inf") +
                                ")");
    const double fen = yuan * 100.0;
    if (!(std::abs(fen) <= static_cast<double>(kMaxPayLineFen)))
        throw std::out_of_range("to_fen: " + std::to_string(yuan) + " yuan is beyond ±10^13 fen");
    const double snapped = std::round(fen * 1e6) / 1e6;
    return static_cast<int64_t>(std::llround(snapped));
}

inline double to_yuan(int64_t fen) {
    return static_cast<double>(fen) / 100.0;
}

// "1234.56" / "-0.05": fen written as yuan with exactly two decimals.
inline std::string format_yuan(int64_t fen) {
    const bool negative = fen < 0;
    const uint64_t magnitude = negative ? static_cast<uint64_t>(-(fen + 1)) + 1 : static_cast<uint64_t>(fen);
    std::string cents = std::to_string(magnitude % 100);
    if (cents.size() < 2) cents.insert(0, "0");
    return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + cents;
}

}  // namespace merit
