// The money guard rails on their own: merit::to_fen refuses what cannot be
// an amount, add_fen refuses to wrap.
#include <gtest/gtest.h>
#include <merit/money.hpp>

#include <cmath>
#include <limits>

#include "plugin/value_checks.hpp"

namespace merit {
namespace {

TEST(ToFen, RoundsHalfAwayFromZeroAsBefore) {
    EXPECT_EQ(to_fen(1.005), 101);  // 100.4999... fen snapped to 100.5, then away from zero
    EXPECT_EQ(to_fen(-1.005), -101);
    EXPECT_EQ(to_fen(100000000000.0), kMaxPayLineFen);  // 10^11 yuan is the largest line
}

TEST(ToFen, ThrowsOnNanInfinityAndAmountsBeyondTheLimit) {
    EXPECT_THROW(to_fen(std::nan("")), std::domain_error);
    EXPECT_THROW(to_fen(std::numeric_limits<double>::infinity()), std::domain_error);
    EXPECT_THROW(to_fen(-std::numeric_limits<double>::infinity()), std::domain_error);
    EXPECT_THROW(to_fen(100000000000.01), std::out_of_range);  // 10^13 + 1 fen
    EXPECT_THROW(to_fen(-1e300), std::out_of_range);
}

TEST(AddFen, RefusesAnOverflowInsteadOfWrapping) {
    EXPECT_EQ(add_fen(kMaxPayLineFen, kMaxPayLineFen, "M"), 2 * kMaxPayLineFen);
    EXPECT_THROW(add_fen(std::numeric_limits<int64_t>::max(), 1, "M"), std::exception);
    EXPECT_THROW(add_fen(std::numeric_limits<int64_t>::min(), -1, "M"), std::exception);
}

}  // namespace
}  // namespace merit
