// Finds rows of one file that repeat an earlier row's natural key, without
// keeping the keys: an open-addressing table of (64-bit hash, byte offset of
// the record). A hash match is only a suspicion; the caller confirms it by
// re-reading the earlier record, so the answer is exact. 16 bytes per row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace merit {

class DuplicateKeys {
public:
    // Returns the offset of an earlier record with the same key (confirmed by
    // `same_key(offset)`), or records this one and returns nullopt.
    template <typename SameKey>
    std::optional<uint64_t> find_or_add(uint64_t hash, uint64_t offset, SameKey&& same_key) {
        if ((size_ + 1) * 4 > slots_.size() * 3) grow();
        const size_t mask = slots_.size() - 1;
        // Offset 0 is the BOM or header, never a data row: it marks empty slots.
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot& slot = slots_[i];
            if (slot.offset == 0) {
                slot = {hash, offset};
                ++size_;
                return std::nullopt;
            }
            if (slot.hash == hash && same_key(slot.offset)) return slot.offset;
        }
    }

private:
    struct Slot {
        uint64_t hash = 0;
        uint64_t offset = 0;
    };
    void grow();
    std::vector<Slot> slots_;
    size_t size_ = 0;
};

}  // namespace merit
