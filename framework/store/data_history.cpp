#include "store/data_history.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <vector>

#include "store/input_tables.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

// The version being written: the last one opened (begin_data_version), 0
// before any. Each trigger evaluates it once per row it fires for, and only
// rows that change fire them.
constexpr std::string_view kHead = "(SELECT coalesce(max(seq), 0) FROM data_versions)";

bool table_exists(sqlite3* db, std::string_view table) {
    Statement st(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    st.bind(1, table);
    return st.step();
}

bool has_column(sqlite3* db, std::string_view table, std::string_view column) {
    Statement st(db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2");
    st.bind(1, table).bind(2, column);
    return st.step();
}

std::string joined(const InputTable& table, std::string_view prefix) {
    std::string out;
    for (std::string_view column : table.columns)
        out += fmt::format("{}{}{}", out.empty() ? "" : ", ", prefix, column);
    return out;
}

// OLD.a IS NOT NEW.a OR ...: an UPDATE that changes no data column (one that
// only stamps valid_from_version) keeps no history.
std::string data_differs(const InputTable& table) {
    std::string out;
    for (std::string_view column : table.columns)
        out += fmt::format("{}OLD.{} IS NOT NEW.{}", out.empty() ? "" : " OR ", column, column);
    return out;
}

std::string key_matches(const InputTable& table) {
    std::string out;
    for (std::string_view column : table.key)
        out += fmt::format("{}{} IS NEW.{}", out.empty() ? "" : " AND ", column, column);
    return out;
}

void add_live_triggers(sqlite3* db, const InputTable& table);

// `table` as the schema has it when a migration step runs: the columns of
// its input_tables() entry that the live table has by then. A step keeps
// doing what it did when it was written (migration 7 made facts' history
// before facts had `ref` and `occurrence`, which migration 20 adds).
struct StoredTable {
    std::vector<std::string_view> columns, key;
    InputTable table;
};

StoredTable as_stored(sqlite3* db, const InputTable& spec) {
    StoredTable out;
    for (std::string_view column : spec.columns)
        if (has_column(db, spec.name, column)) out.columns.push_back(column);
    for (std::string_view column : spec.key)
        if (has_column(db, spec.name, column)) out.key.push_back(column);
    out.table = InputTable{spec.name, out.columns, out.key};
    return out;
}

void add_history(sqlite3* db, const InputTable& table) {
    const std::string name(table.name);
    const std::string history = history_table(table.name);
    if (!has_column(db, name, kValidFromVersion))
        exec(db,
             fmt::format("ALTER TABLE {} ADD COLUMN {} INTEGER NOT NULL DEFAULT 0", name, kValidFromVersion));
    // Same columns and affinities, no constraints: a key may appear once per
    // value it ever had.
    exec(db, fmt::format("CREATE TABLE {} AS SELECT {}, {} FROM {} WHERE 0", history, joined(table, ""),
                         kValidFromVersion, name));
    exec(db, fmt::format("ALTER TABLE {} ADD COLUMN valid_to_version INTEGER NOT NULL DEFAULT 0", history));
    exec(db, fmt::format("CREATE INDEX {0}_by_to ON {0}(valid_to_version)", history));
    exec(db, fmt::format("CREATE INDEX {0}_by_from ON {0}(valid_from_version)", history));
    add_live_triggers(db, table);
    exec(db, fmt::format("CREATE TRIGGER {0}_no_update BEFORE UPDATE ON {0} "
                         "BEGIN SELECT RAISE(ABORT, 'the history of input data is append-only'); END",
                         history));
    exec(db, fmt::format("CREATE TRIGGER {0}_no_delete BEFORE DELETE ON {0} "
                         "BEGIN SELECT RAISE(ABORT, 'the history of input data is append-only'); END",
                         history));
}

void add_live_triggers(sqlite3* db, const InputTable& table) {
    const std::string name(table.name);
    const std::string history = history_table(table.name);
    const std::string keep = fmt::format(
        "INSERT INTO {} ({}, valid_from_version, valid_to_version) VALUES ({}, OLD.valid_from_version, {});",
        history, joined(table, ""), joined(table, "OLD."), kHead);
    // A value written in the version still open held in no version: it is
    // replaced without a trace, like a row written twice by one import.
    exec(db, fmt::format("CREATE TRIGGER {}_keep_replaced AFTER UPDATE ON {} "
                         "WHEN OLD.valid_from_version < {} AND ({}) BEGIN {} END",
                         name, name, kHead, data_differs(table), keep));
    exec(db, fmt::format("CREATE TRIGGER {}_keep_retracted AFTER DELETE ON {} "
                         "WHEN OLD.valid_from_version < {} BEGIN {} END",
                         name, name, kHead, keep));
    // A writer that does not stamp the new value (the importer does) gets it
    // stamped, so that version ranges never overlap.
    exec(db, fmt::format("CREATE TRIGGER {0}_stamp_replaced AFTER UPDATE ON {0} "
                         "WHEN NEW.valid_from_version < {1} "
                         "BEGIN UPDATE {0} SET valid_from_version = {1} WHERE {2}; END",
                         name, kHead, key_matches(table)));
}

}  // namespace

std::string history_table(std::string_view table) {
    return fmt::format("{}_history", table);
}

void add_data_history(sqlite3* db) {
    // manager_terms comes with migration 13, which gives it its history then.
    for (const InputTable& table : input_tables())
        if (table_exists(db, table.name)) add_history(db, as_stored(db, table).table);
}

void add_table_history(sqlite3* db, std::string_view table) {
    const InputTable* spec = find_input_table(table);
    if (!spec) throw std::logic_error(fmt::format("{} is no input table", table));
    add_history(db, as_stored(db, *spec).table);
}

void add_history_triggers(sqlite3* db, std::string_view table) {
    const InputTable* spec = find_input_table(table);
    if (!spec) throw std::logic_error(fmt::format("{} is no input table", table));
    add_live_triggers(db, as_stored(db, *spec).table);
}

}  // namespace merit
