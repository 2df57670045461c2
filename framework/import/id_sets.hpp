// The ids a reference may name during one import call: org units, managers,
// customers and roles (with the built-in ones) in the workspace plus those
// written earlier in the same call.
// Each set is read from the workspace the first time it is needed.
#pragma once

#include <sqlite3.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "import/table_specs.hpp"

namespace merit {

class IdSets {
public:
    explicit IdSets(sqlite3* db) : db_(db) {}

    // `reference` is org_unit, manager, customer or role.
    bool contains(Reference reference, std::string_view id) { return set(reference).contains(id); }
    void add(Reference reference, std::string_view id) { set(reference).emplace(id); }
    // Loads the set now, so that ids added later are never missed.
    void load(Reference reference) { set(reference); }

private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;
    Set& set(Reference reference);

    sqlite3* db_;
    std::optional<Set> sets_[4];
};

}  // namespace merit
