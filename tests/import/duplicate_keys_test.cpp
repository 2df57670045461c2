// DuplicateKeys on its own: a hash match is only a suspicion, and the answer
// names the first row of each key whatever the order rows were added in.
#include "import/duplicate_keys.hpp"

#include <gtest/gtest.h>

#include <map>
#include <utility>
#include <vector>

namespace merit {
namespace {

using Pairs = std::vector<std::pair<uint64_t, uint64_t>>;

// Offsets stand for rows; `keys` says which key each row has. Each repeat
// as (its offset, the offset of the first row with its key).
Pairs repeats(DuplicateKeys& keys_seen, const std::map<uint64_t, char>& keys) {
    Pairs out;
    for (const auto& repeat :
         keys_seen.take_repeats([&](uint64_t a, uint64_t b) { return keys.at(a) == keys.at(b); }))
        out.emplace_back(repeat.offset, repeat.first);
    return out;
}

TEST(DuplicateKeys, EqualHashesWithDifferentKeysAreNotRepeats) {
    // Rows 10, 20, 30, 40 all hash alike; their keys are a, b, a, b.
    DuplicateKeys seen;
    for (uint64_t offset : {10, 20, 30, 40}) seen.add(0xABCDEF0123456789ULL, offset);
    EXPECT_EQ(repeats(seen, {{10, 'a'}, {20, 'b'}, {30, 'a'}, {40, 'b'}}), (Pairs{{30, 10}, {40, 20}}));
}

TEST(DuplicateKeys, RepeatsComeInFileOrderAcrossBuckets) {
    // Two keys whose hashes fall in different buckets (top byte 0xFF and
    // 0x00): the repeat of the 0xFF key comes first in the file.
    DuplicateKeys seen;
    seen.add(0xFF00000000000001ULL, 5);
    seen.add(0x0000000000000002ULL, 6);
    seen.add(0xFF00000000000001ULL, 7);
    seen.add(0x0000000000000002ULL, 8);
    EXPECT_EQ(repeats(seen, {{5, 'x'}, {6, 'y'}, {7, 'x'}, {8, 'y'}}), (Pairs{{7, 5}, {8, 6}}));
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
