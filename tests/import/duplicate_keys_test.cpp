// DuplicateKeys on its own: a hash match is only a suspicion, and the answer
// names the first row of each key whatever the order rows were added in.
#include "import/duplicate_keys.hpp"

#include <gtest/gtest.h>

#include <map>

namespace merit {
namespace {

// Offsets stand for rows; `keys` says which key each row has.
std::vector<DuplicateKeys::Repeat> repeats(DuplicateKeys& keys_seen, const std::map<uint64_t, char>& keys) {
    return keys_seen.take_repeats([&](uint64_t a, uint64_t b) { return keys.at(a) == keys.at(b); });
}

TEST(DuplicateKeys, EqualHashesWithDifferentKeysAreNotRepeats) {
    // Rows 10, 20, 30, 40 all hash alike; their keys are a, b, a, b.
    DuplicateKeys seen;
    for (uint64_t offset : {10, 20, 30, 40}) seen.add(0xABCDEF0123456789ULL, offset);
    const auto found = repeats(seen, {{10, 'a'}, {20, 'b'}, {30, 'a'}, {40, 'b'}});
    ASSERT_EQ(found.size(), 2U);
    EXPECT_EQ(found[0].offset, 30U);
    EXPECT_EQ(found[0].first, 10U);
    EXPECT_EQ(found[1].offset, 40U);
    EXPECT_EQ(found[1].first, 20U);
}

TEST(DuplicateKeys, RepeatsComeInFileOrderAcrossBuckets) {
    // Two keys whose hashes fall in different buckets (top byte 0xFF and
    // 0x00): the repeat of the 0xFF key comes first in the file.
    DuplicateKeys seen;
    seen.add(0xFF00000000000001ULL, 5);
    seen.add(0x0000000000000002ULL, 6);
    seen.add(0xFF00000000000001ULL, 7);
    seen.add(0x0000000000000002ULL, 8);
    const auto found = repeats(seen, {{5, 'x'}, {6, 'y'}, {7, 'x'}, {8, 'y'}});
    ASSERT_EQ(found.size(), 2U);
    EXPECT_EQ(found[0].offset, 7U);
    EXPECT_EQ(found[0].first, 5U);
    EXPECT_EQ(found[1].offset, 8U);
    EXPECT_EQ(found[1].first, 6U);
}

TEST(DuplicateKeys, DistinctHashesAreNeverCompared) {
    DuplicateKeys seen;
    for (uint64_t offset = 1; offset <= 1000; ++offset) seen.add(offset * 0x9E3779B97F4A7C15ULL, offset);
    size_t comparisons = 0;
    const auto found = seen.take_repeats([&](uint64_t, uint64_t) {
        ++comparisons;
        return true;
    });
    EXPECT_TRUE(found.empty());
    EXPECT_EQ(comparisons, 0U);
}

}  // namespace
}  // namespace merit
