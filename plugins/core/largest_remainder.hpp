// Fen-exact proportional split (Hamilton / largest-remainder method).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace core {

struct Split {
    std::vector<int64_t> fen;          // each share, summing exactly to the total
    std::vector<unsigned char> extra;  // 1 where the share got one of the left-over fen
};

// Splits `total_fen` (>= 0) in proportion to `weights` (>= 0, sum > 0): each
// share is first floor(total × w ÷ Σw) fen; the fen left over go one each to
// the largest fractional remainders, equal remainders by ascending `tie_keys`
// (manager ids), so the whole total is paid and the result is deterministic.
Split largest_remainder(int64_t total_fen, const std::vector<double>& weights,
                        const std::vector<std::string>& tie_keys);

}  // namespace core
