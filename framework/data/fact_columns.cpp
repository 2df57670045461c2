#include "data/fact_columns.hpp"

#include "data/day_number.hpp"
#include "data/stored_fact_columns.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

std::string_view column_view(sqlite3_stmt* stmt, int column) {
    return {reinterpret_cast<const char*>(sqlite3_column_text(stmt, column)),
            static_cast<size_t>(sqlite3_column_bytes(stmt, column))};
}

}  // namespace

FactColumns load_fact_columns(sqlite3* db, std::string_view entity, std::string_view metric) {
    const int64_t version = facts_version(db);
    if (version > 0)
        if (auto kept = read_kept_fact_columns(db, entity, metric, version)) return std::move(*kept);
    FactColumns out = read_fact_columns(db, entity, metric);
    out.facts_version = version;
    return out;
}

FactColumns read_fact_columns(sqlite3* db, std::string_view entity, std::string_view metric) {
    // The primary key (entity, metric, entity_id, date) gives this order
    // without a sort.
    Statement stmt(db,
                   "SELECT entity_id, date, value FROM facts WHERE entity = ?1 AND metric = ?2 "
                   "ORDER BY entity_id, date");
    stmt.bind(1, entity).bind(2, metric);
    sqlite3_stmt* raw = stmt.raw();
    FactColumns out;
    while (stmt.step()) {
        const std::string_view id = column_view(raw, 0);
        if (out.ids.empty() || out.ids.back() != id) {
            out.ids.emplace_back(id);
            out.begin.push_back(out.facts.size());
        }
        out.facts.push_back({day_number(column_view(raw, 1)), sqlite3_column_double(raw, 2)});
    }
    out.begin.push_back(out.facts.size());
    out.ids.shrink_to_fit();
    out.facts.shrink_to_fit();
    return out;
}

}  // namespace merit
