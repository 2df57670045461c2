#include "import/duplicate_keys.hpp"

#include <algorithm>
#include <unordered_map>

namespace merit {

std::vector<DuplicateKeys::Repeat> DuplicateKeys::take_repeats(
    const std::function<bool(uint64_t, uint64_t)>& same_key) {
    std::vector<Repeat> repeats;
    std::vector<Entry> first_of_hash;  // open addressing; offset 0: an empty slot
    // The first rows of further keys that share a hash with an earlier key:
    // a 64-bit collision, so all but never used.
    std::unordered_map<uint64_t, std::vector<uint64_t>> colliding;
    for (std::vector<Entry>& bucket : buckets_) {
        size_t slots = 16;
        while (slots < bucket.size() * 2) slots *= 2;
        first_of_hash.assign(slots, Entry{0, 0});
        const size_t mask = slots - 1;
        for (const Entry& row : bucket) {  // in file order
            size_t i = row.hash & mask;
            while (first_of_hash[i].offset != 0 && first_of_hash[i].hash != row.hash) i = (i + 1) & mask;
            Entry& first = first_of_hash[i];
            if (first.offset == 0) {
                first = row;
                continue;
            }
            if (same_key(first.offset, row.offset)) {
                repeats.push_back({row.offset, first.offset});
                continue;
            }
            std::vector<uint64_t>& others = colliding[row.hash];
            const auto other = std::find_if(others.begin(), others.end(),
                                            [&](uint64_t earlier) { return same_key(earlier, row.offset); });
            if (other == others.end())
                others.push_back(row.offset);
            else
                repeats.push_back({row.offset, *other});
        }
        colliding.clear();
        std::vector<Entry>().swap(bucket);
    }
    std::sort(repeats.begin(), repeats.end(),
              [](const Repeat& a, const Repeat& b) { return a.offset < b.offset; });
    return repeats;
}

}  // namespace merit
