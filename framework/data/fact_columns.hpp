// Every fact of one (entity, metric) held in memory as columns, read by one
// ordered pass over the facts table's primary key. The aggregations then
// work over these columns instead of querying once or twice per entity.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace merit {

struct Fact {
    int day;  // data/day_number.hpp
    double value;
};

struct FactColumns {
    // Entity ids in SQLite's binary order (the order of std::string_view's
    // comparison), each once.
    std::vector<std::string> ids;
    // The facts of ids[k], ordered by date: facts[begin[k] .. begin[k + 1]).
    std::vector<size_t> begin;
    std::vector<Fact> facts;
    // The facts' version they were read at (stored_fact_columns.hpp), and
    // whether they came from the facts table rather than kept columns.
    int64_t facts_version = 0;
    bool from_table = true;

    std::span<const Fact> of(size_t k) const {
        return std::span(facts).subspan(begin[k], begin[k + 1] - begin[k]);
    }
};

// The columns kept for the facts' version (stored_fact_columns.hpp), else
// read from the facts table through `db`; throws UserError on a malformed
// date.
FactColumns load_fact_columns(sqlite3* db, std::string_view entity, std::string_view metric);
// From the facts table alone.
FactColumns read_fact_columns(sqlite3* db, std::string_view entity, std::string_view metric);

}  // namespace merit
