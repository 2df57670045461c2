// Finds rows of one file that repeat an earlier row's natural key, without
// keeping the keys: each row leaves a (64-bit hash of its key, byte offset of
// its record) pair, 16 bytes. A hash match is only a suspicion; the caller
// confirms it by re-reading both records, so the answer is exact.
//
// The pairs are compared once the file is read rather than looked up in one
// hash table as rows arrive: at ten million rows such a table is hundreds of
// MB, and every look-up missed the CPU's caches and TLB, which cost 4 s of a
// 23 s import and grew faster than the file (bench/README.md). Appending is
// sequential, and the pairs go to 256 buckets by the hash's top byte, so that
// each bucket's own table (a few MB at most) stays within the CPU's cache.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace merit {

class DuplicateKeys {
public:
    struct Repeat {
        uint64_t offset;  // a row whose key an earlier row has
        uint64_t first;   // the first row with that key
    };

    void add(uint64_t hash, uint64_t offset) { buckets_[hash >> 56].push_back({hash, offset}); }

    // Every repeated row, in file order. `same_key(a, b)` says whether the
    // records at offsets a and b have the same key. Offsets are added in file
    // order and are never 0 (the header is there). Empties the collection.
    std::vector<Repeat> take_repeats(const std::function<bool(uint64_t, uint64_t)>& same_key);

private:
    struct Entry {
        uint64_t hash;
        uint64_t offset;
    };
    std::array<std::vector<Entry>, 256> buckets_;
};

}  // namespace merit
