#include "pg/pg_contract_schema.hpp"

#include <fmt/format.h>

#include "common/errors.hpp"
#include "period/period.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

// How a value crosses from SQLite to COPY text.
enum class Kind { text, date, real, integer };

struct Column {
    const char* name;
    Kind kind;
};

struct Table {
    const char* name;
    const char* ddl;     // CREATE TABLE IF NOT EXISTS ...
    const char* source;  // the SQLite SELECT of `columns`, in order
    const char* view;    // CREATE OR REPLACE VIEW merit_v1_...
    std::vector<Column> columns;
};

// Facts and events are read from their tables rather than their views only
// to carry `occurrence`, which numbers the repeats of one key (schema.cpp
// version 20) and which the views leave out; every other column is the
// view's. Foreign keys as on SQLite, deferred to the end of the transaction.
// Every text column compares bytes (COLLATE "C"), as SQLite's BINARY does,
// whatever the database's locale: the same order and equality on both
// backends, and the facts' key order is the carry-forward's order.
const std::vector<Table>& tables() {
    static const std::vector<Table> all = {
        {"org_units",
         R"sql(CREATE TABLE IF NOT EXISTS org_units (
  id        text COLLATE "C" PRIMARY KEY,
  name      text COLLATE "C" NOT NULL,
  parent_id text COLLATE "C" REFERENCES org_units (id) DEFERRABLE INITIALLY DEFERRED,
  kind      text COLLATE "C"))sql",
         "SELECT id, name, parent_id, kind FROM merit_v1_org_units",
         "CREATE OR REPLACE VIEW merit_v1_org_units AS SELECT id, name, parent_id, kind FROM org_units",
         {{"id", Kind::text}, {"name", Kind::text}, {"parent_id", Kind::text}, {"kind", Kind::text}}},
        {"managers",
         R"sql(CREATE TABLE IF NOT EXISTS managers (
  id          text COLLATE "C" PRIMARY KEY,
  name        text COLLATE "C" NOT NULL,
  org_unit_id text COLLATE "C" NOT NULL REFERENCES org_units (id) DEFERRABLE INITIALLY DEFERRED,
  role        text COLLATE "C" NOT NULL,
  grade       text COLLATE "C",
  hired_on    date,
  status      text COLLATE "C" NOT NULL))sql",
         "SELECT id, name, org_unit_id, role, grade, hired_on, status FROM merit_v1_managers",
         "CREATE OR REPLACE VIEW merit_v1_managers AS SELECT id, name, org_unit_id, role, grade, hired_on, "
         "status FROM managers",
         {{"id", Kind::text},
          {"name", Kind::text},
          {"org_unit_id", Kind::text},
          {"role", Kind::text},
          {"grade", Kind::text},
          {"hired_on", Kind::date},
          {"status", Kind::text}}},
        {"manager_terms",
         R"sql(CREATE TABLE IF NOT EXISTS manager_terms (
  manager_id  text COLLATE "C" NOT NULL,
  valid_from  date,
  org_unit_id text COLLATE "C" NOT NULL,
  role        text COLLATE "C" NOT NULL,
  grade       text COLLATE "C",
  status      text COLLATE "C" NOT NULL,
  UNIQUE NULLS NOT DISTINCT (manager_id, valid_from)))sql",
         "SELECT manager_id, valid_from, org_unit_id, role, grade, status FROM merit_v1_manager_terms",
         "CREATE OR REPLACE VIEW merit_v1_manager_terms AS SELECT manager_id, valid_from, org_unit_id, role, "
         "grade, status FROM manager_terms",
         {{"manager_id", Kind::text},
          {"valid_from", Kind::date},
          {"org_unit_id", Kind::text},
          {"role", Kind::text},
          {"grade", Kind::text},
          {"status", Kind::text}}},
        {"customers",
         R"sql(CREATE TABLE IF NOT EXISTS customers (
  id          text COLLATE "C" PRIMARY KEY,
  name        text COLLATE "C",
  segment     text COLLATE "C",
  org_unit_id text COLLATE "C" REFERENCES org_units (id) DEFERRABLE INITIALLY DEFERRED))sql",
         "SELECT id, name, segment, org_unit_id FROM merit_v1_customers",
         "CREATE OR REPLACE VIEW merit_v1_customers AS SELECT id, name, segment, org_unit_id FROM customers",
         {{"id", Kind::text}, {"name", Kind::text}, {"segment", Kind::text}, {"org_unit_id", Kind::text}}},
        {"assignments",
         R"sql(CREATE TABLE IF NOT EXISTS assignments (
  customer_id text COLLATE "C" NOT NULL REFERENCES customers (id) DEFERRABLE INITIALLY DEFERRED,
  manager_id  text COLLATE "C" NOT NULL REFERENCES managers (id) DEFERRABLE INITIALLY DEFERRED,
  share       double precision NOT NULL CHECK (share > 0 AND share <= 1),
  role        text COLLATE "C" NOT NULL,
  valid_from  date NOT NULL,
  valid_to    date,
  PRIMARY KEY (customer_id, manager_id, role, valid_from)))sql",
         "SELECT customer_id, manager_id, share, role, valid_from, valid_to FROM merit_v1_assignments",
         "CREATE OR REPLACE VIEW merit_v1_assignments AS SELECT customer_id, manager_id, share, role, "
         "valid_from, valid_to FROM assignments",
         {{"customer_id", Kind::text},
          {"manager_id", Kind::text},
          {"share", Kind::real},
          {"role", Kind::text},
          {"valid_from", Kind::date},
          {"valid_to", Kind::date}}},
        {"metrics",
         R"sql(CREATE TABLE IF NOT EXISTS metrics (
  metric      text COLLATE "C" PRIMARY KEY,
  kind        text COLLATE "C" NOT NULL CHECK (kind IN ('stock', 'flow')),
  unit        text COLLATE "C",
  description text COLLATE "C"))sql",
         "SELECT metric, kind, unit, description FROM merit_v1_metrics",
         "CREATE OR REPLACE VIEW merit_v1_metrics AS SELECT metric, kind, unit, description FROM metrics",
         {{"metric", Kind::text}, {"kind", Kind::text}, {"unit", Kind::text}, {"description", Kind::text}}},
        {"facts",
         R"sql(CREATE TABLE IF NOT EXISTS facts (
  entity     text COLLATE "C" NOT NULL CHECK (entity IN ('customer', 'manager', 'org_unit')),
  metric     text COLLATE "C" NOT NULL,
  entity_id  text COLLATE "C" NOT NULL,
  date       date NOT NULL,
  value      double precision NOT NULL,
  ref        text COLLATE "C" NOT NULL DEFAULT '',
  occurrence integer NOT NULL DEFAULT 1,
  PRIMARY KEY (entity, metric, entity_id, date, ref, occurrence)))sql",
         "SELECT entity, metric, entity_id, date, value, ref, occurrence FROM facts",
         "CREATE OR REPLACE VIEW merit_v1_facts AS SELECT entity, metric, entity_id, date, value, ref FROM "
         "facts",
         {{"entity", Kind::text},
          {"metric", Kind::text},
          {"entity_id", Kind::text},
          {"date", Kind::date},
          {"value", Kind::real},
          {"ref", Kind::text},
          {"occurrence", Kind::integer}}},
        {"events",
         R"sql(CREATE TABLE IF NOT EXISTS events (
  manager_id text COLLATE "C" NOT NULL REFERENCES managers (id) DEFERRABLE INITIALLY DEFERRED,
  kind       text COLLATE "C" NOT NULL,
  date       date NOT NULL,
  ref        text COLLATE "C" NOT NULL DEFAULT '',
  occurrence integer NOT NULL DEFAULT 1,
  note       text COLLATE "C" NOT NULL DEFAULT '',
  quantity   double precision NOT NULL DEFAULT 1,
  amount     double precision,
  PRIMARY KEY (manager_id, kind, date, ref, occurrence)))sql",
         "SELECT manager_id, kind, date, ref, occurrence, note, quantity, amount FROM events",
         "CREATE OR REPLACE VIEW merit_v1_events AS SELECT manager_id, kind, date, ref, note, quantity, "
         "amount "
         "FROM events",
         {{"manager_id", Kind::text},
          {"kind", Kind::text},
          {"date", Kind::date},
          {"ref", Kind::text},
          {"occurrence", Kind::integer},
          {"note", Kind::text},
          {"quantity", Kind::real},
          {"amount", Kind::real}}},
        {"targets",
         R"sql(CREATE TABLE IF NOT EXISTS targets (
  manager_id text COLLATE "C" NOT NULL REFERENCES managers (id) DEFERRABLE INITIALLY DEFERRED,
  indicator  text COLLATE "C" NOT NULL,
  period     text COLLATE "C" NOT NULL,
  value      double precision NOT NULL,
  PRIMARY KEY (indicator, period, manager_id)))sql",
         "SELECT manager_id, indicator, period, value FROM merit_v1_targets",
         "CREATE OR REPLACE VIEW merit_v1_targets AS SELECT manager_id, indicator, period, value FROM "
         "targets",
         {{"manager_id", Kind::text},
          {"indicator", Kind::text},
          {"period", Kind::text},
          {"value", Kind::real}}},
        {"ratings",
         R"sql(CREATE TABLE IF NOT EXISTS ratings (
  manager_id text COLLATE "C" NOT NULL REFERENCES managers (id) DEFERRABLE INITIALLY DEFERRED,
  period     text COLLATE "C" NOT NULL,
  rater_role text COLLATE "C" NOT NULL,
  item       text COLLATE "C" NOT NULL,
  rater_id   text COLLATE "C" NOT NULL DEFAULT '',
  score      double precision NOT NULL,
  PRIMARY KEY (period, manager_id, rater_role, item, rater_id)))sql",
         "SELECT manager_id, period, rater_role, item, rater_id, score FROM merit_v1_ratings",
         "CREATE OR REPLACE VIEW merit_v1_ratings AS SELECT manager_id, period, rater_role, item, rater_id, "
         "score FROM ratings",
         {{"manager_id", Kind::text},
          {"period", Kind::text},
          {"rater_role", Kind::text},
          {"item", Kind::text},
          {"rater_id", Kind::text},
          {"score", Kind::real}}},
    };
    return all;
}

// The indexes the aggregations' joins use besides the keys.
constexpr const char* kIndexes =
    "CREATE INDEX IF NOT EXISTS assignments_by_manager ON assignments (manager_id, customer_id);"
    "CREATE INDEX IF NOT EXISTS managers_by_unit ON managers (org_unit_id);"
    "CREATE INDEX IF NOT EXISTS events_by_kind ON events (kind, date)";

[[noreturn]] void bad_value(const Table& table, const Column& column, std::string_view value,
                            std::string_view expected) {
    throw UserError(fmt::format("postgresql: the workspace's {}.{} holds '{}', {} expected (copying {})",
                                table.name, column.name, value.substr(0, 40), expected, table.name));
}

std::string_view sqlite_text(sqlite3_stmt* stmt, int index) {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(stmt, index));
    return {bytes ? bytes : "", static_cast<size_t>(sqlite3_column_bytes(stmt, index))};
}

// One SQLite value as a COPY text field.
void append_value(std::string& line, sqlite3_stmt* stmt, int index, const Table& table,
                  const Column& column) {
    const int type = sqlite3_column_type(stmt, index);
    if (type == SQLITE_NULL) return append_copy_field(line, std::nullopt);
    switch (column.kind) {
        case Kind::text:
            return append_copy_field(line, sqlite_text(stmt, index));
        case Kind::date: {
            const std::string_view text = sqlite_text(stmt, index);
            // The contract says an open end is NULL; '' is the older
            // spelling of the same, never a day.
            if (text.empty()) return append_copy_field(line, std::nullopt);
            const auto day = parse_date(text);
            if (!day || format_date(*day) != text) bad_value(table, column, text, "a date (YYYY-MM-DD)");
            line += text;
            return;
        }
        case Kind::real:
            if (type != SQLITE_FLOAT && type != SQLITE_INTEGER)
                bad_value(table, column, sqlite_text(stmt, index), "a number");
            // The shortest text that reads back as the same double.
            line += fmt::format("{}", sqlite3_column_double(stmt, index));
            return;
        case Kind::integer:
            if (type != SQLITE_INTEGER) bad_value(table, column, sqlite_text(stmt, index), "an integer");
            line += fmt::format("{}", sqlite3_column_int64(stmt, index));
            return;
    }
}

int64_t copy_table(sqlite3* workspace, PgConnection& pg, const Table& table) {
    Statement source(workspace, table.source);
    if (source.column_count() != static_cast<int>(table.columns.size()))
        throw UserError(fmt::format("postgresql: the workspace's {} has {} columns, {} expected", table.name,
                                    source.column_count(), table.columns.size()));
    std::string names;
    for (const Column& c : table.columns) names += (names.empty() ? "" : ", ") + std::string(c.name);
    constexpr size_t kChunk = 1 << 20;
    bool finished = false;
    return pg.copy_in(fmt::format("COPY {} ({}) FROM STDIN", table.name, names), [&](std::string& chunk) {
        // SQLite starts a finished statement again on the next step.
        while (!finished && chunk.size() < kChunk) {
            if (!source.step()) {
                finished = true;
                break;
            }
            for (size_t i = 0; i < table.columns.size(); ++i) {
                if (i) chunk += '\t';
                append_value(chunk, source.raw(), static_cast<int>(i), table, table.columns[i]);
            }
            chunk += '\n';
        }
        return !chunk.empty();
    });
}

}  // namespace

const std::vector<std::string>& contract_table_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const Table& t : tables()) out.emplace_back(t.name);
        return out;
    }();
    return names;
}

void create_contract_tables(PgConnection& pg) {
    // PostgreSQL's DDL is transactional: all of it or none.
    PgTransaction transaction(pg);
    if (!pg.url().schema.empty()) pg.exec("CREATE SCHEMA IF NOT EXISTS " + quote_identifier(pg.url().schema));
    for (const Table& t : tables()) pg.exec(t.ddl);
    pg.exec(kIndexes);
    for (const Table& t : tables()) pg.exec(t.view);
    transaction.commit();
}

std::vector<CopiedTable> copy_contract_tables(sqlite3* workspace, PgConnection& pg) {
    // One snapshot of the workspace: every view read in one read transaction.
    exec(workspace, "SAVEPOINT merit_copy_to_postgresql");
    std::vector<CopiedTable> copied;
    std::string names;
    for (const Table& t : tables()) names += (names.empty() ? "" : ", ") + std::string(t.name);
    try {
        PgTransaction transaction(pg);
        pg.exec("TRUNCATE " + names);
        for (const Table& t : tables()) copied.push_back({t.name, copy_table(workspace, pg, t)});
        transaction.commit();
        // Fresh statistics, or the planner guesses at the bulk-loaded
        // tables (the aggregations' joins went 10x slower without them).
        pg.exec("ANALYZE " + names);
    } catch (...) {
        exec(workspace, "ROLLBACK TO merit_copy_to_postgresql; RELEASE merit_copy_to_postgresql");
        throw;
    }
    exec(workspace, "RELEASE merit_copy_to_postgresql");
    return copied;
}

}  // namespace merit
