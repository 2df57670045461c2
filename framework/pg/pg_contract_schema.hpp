// The published input tables on PostgreSQL (issue 20): the tables behind
// the merit_v1_* views (store/schema.cpp, README "SQL views"), with the
// views' columns, in the URL's schema, and the same merit_v1_* views over
// them. Dates are `date` (an open end is NULL), amounts double precision as
// SQLite's REAL holds them, keys as on SQLite. And the first way in: a
// SQLite workspace's contract views copied over with COPY, in one
// transaction; `merit init postgresql://` and import will build on these.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "pg/pg_connection.hpp"

namespace merit {

// The contract tables, in an order that COPY and the deferred foreign keys
// accept.
const std::vector<std::string>& contract_table_names();

// Creates the URL's schema (when it has one), the contract tables and the
// merit_v1_* views where they do not exist yet, in one transaction.
void create_contract_tables(PgConnection& pg);

struct CopiedTable {
    std::string table;
    int64_t rows;
};

// Replaces every contract table's rows with what the workspace's contract
// views hold, read in one SQLite read transaction and written in one
// PostgreSQL transaction (all or nothing). Throws UserError naming table,
// column and value for anything the server's types would not take as the
// same value (a malformed date, text in a number column).
std::vector<CopiedTable> copy_contract_tables(sqlite3* workspace, PgConnection& pg);

}  // namespace merit
