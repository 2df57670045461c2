#include "import/duplicate_keys.hpp"

namespace merit {

void DuplicateKeys::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    const size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (slot.offset == 0) continue;
        size_t i = slot.hash & mask;
        while (slots_[i].offset != 0) i = (i + 1) & mask;
        slots_[i] = slot;
    }
}

}  // namespace merit
