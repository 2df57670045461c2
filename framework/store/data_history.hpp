// Input rows are never lost (issue 15 point 1). Each input table T carries
// `valid_from_version`, the data version that wrote its row's current value,
// and has a table T_history holding every value that was replaced or
// retracted, with the versions it held in: [valid_from_version,
// valid_to_version). Triggers on T move the old value there, whoever writes
// (an import, a review's entered ratings, a hand-made UPDATE), so the live
// table is always the current data that every reader uses unchanged, and the
// data of any version N is
//   rows of T with valid_from_version <= N
//   + rows of T_history with valid_from_version <= N < valid_to_version.
// History tables refuse UPDATE and DELETE. Limit: INSERT OR REPLACE into an
// input table deletes the conflicting row without firing delete triggers
// (SQLite, recursive_triggers off); Merit itself never writes that way.
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>

namespace merit {

// "facts_history".
std::string history_table(std::string_view table);

// Schema migration 7's step: the column, the history table and its triggers
// for every input table (store/input_tables.hpp); a table that already has
// `valid_from_version` (events, rebuilt by the migration's SQL) keeps it.
void add_data_history(sqlite3* db);

// The same for one input table added later (schema migration 13: manager_terms).
void add_table_history(sqlite3* db, std::string_view table);

// Only the triggers on the live table (keep replaced, keep retracted, stamp
// replaced), for a table rebuilt with new key columns whose history table
// stays (schema migration 20: facts and events). The live table must have
// every column input_tables() gives it.
void add_history_triggers(sqlite3* db, std::string_view table);

}  // namespace merit
