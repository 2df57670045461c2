#include "import/duplicate_keys.hpp"

#include <algorithm>

namespace merit {

std::vector<DuplicateKeys::Repeat> DuplicateKeys::take_repeats(
    const std::function<bool(uint64_t, uint64_t)>& same_key) {
    std::vector<Repeat> repeats;
    std::vector<uint64_t> distinct;  // within a run of equal hashes: the first row of each key
    for (std::vector<Entry>& bucket : buckets_) {
        // Offsets were added in file order, so within equal hashes they stay
        // ascending when the offset breaks ties.
        std::sort(bucket.begin(), bucket.end(), [](const Entry& a, const Entry& b) {
            return a.hash != b.hash ? a.hash < b.hash : a.offset < b.offset;
        });
        for (size_t begin = 0; begin < bucket.size();) {
            size_t end = begin + 1;
            while (end < bucket.size() && bucket[end].hash == bucket[begin].hash) ++end;
            if (end - begin > 1) {
                // Each row is compared with one row per distinct key seen so
                // far: a key repeated 100,000 times costs 100,000 comparisons,
                // not 100,000 squared.
                distinct.assign(1, bucket[begin].offset);
                for (size_t i = begin + 1; i < end; ++i) {
                    const uint64_t offset = bucket[i].offset;
                    auto first = std::find_if(distinct.begin(), distinct.end(),
                                              [&](uint64_t earlier) { return same_key(earlier, offset); });
                    if (first == distinct.end())
                        distinct.push_back(offset);
                    else
                        repeats.push_back({offset, *first});
                }
            }
            begin = end;
        }
        std::vector<Entry>().swap(bucket);
    }
    std::sort(repeats.begin(), repeats.end(),
              [](const Repeat& a, const Repeat& b) { return a.offset < b.offset; });
    return repeats;
}

}  // namespace merit
