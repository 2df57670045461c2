#include "largest_remainder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace core {

Split largest_remainder(int64_t total_fen, const std::vector<double>& weights,
                        const std::vector<std::string>& tie_keys) {
    const size_t n = weights.size();
    Split split{std::vector<int64_t>(n, 0), std::vector<unsigned char>(n, 0)};
    long double sum = 0;
    for (double w : weights) sum += w;
    if (n == 0 || total_fen <= 0 || !(sum > 0)) return split;
    std::vector<long double> remainder(n, 0);
    int64_t paid = 0;
    for (size_t i = 0; i < n; ++i) {
        const long double exact = static_cast<long double>(total_fen) * weights[i] / sum;
        const long double whole = std::floor(exact);
        split.fen[i] = static_cast<int64_t>(whole);
        remainder[i] = exact - whole;
        paid += split.fen[i];
    }
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
        return tie_keys[a] < tie_keys[b];
    });
    // Floors lose less than one fen per share, so the left-over is < n.
    for (size_t k = 0; paid < total_fen && k < n; ++k, ++paid) {
        if (!(weights[order[k]] > 0)) break;
        split.fen[order[k]] += 1;
        split.extra[order[k]] = 1;
    }
    return split;
}

}  // namespace core
