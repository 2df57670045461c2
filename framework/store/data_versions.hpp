// Every change of the input data is a data version (issue 15 point 1): an
// import, or the ratings and targets a review enters. A version has a
// sequence number, a time, an actor, what wrote it (action and files) and
// counts per table; what it changed, row by row, is read back from the
// input tables and their history (data_history.hpp).
#pragma once

#include <sqlite3.h>

#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace merit {

struct TableChangeCounts {
    std::string table;
    size_t inserted = 0, updated = 0, retracted = 0, unchanged = 0;
};

struct DataVersion {
    int64_t seq = 0;
    std::string at;  // UTC, 2026-07-01T08:00:00Z
    std::string actor, role;
    std::string action;              // import, review.submit_scores ...
    std::vector<std::string> files;  // what was read ([] for entered data)
    std::vector<TableChangeCounts> tables;
};

// Opens the next version by the current actor, now, inside the caller's
// write transaction, and returns its number: rows written from here on are
// stamped with it (the importer binds it; the triggers stamp the rest) and
// values they replace or retract close at it.
int64_t begin_data_version(sqlite3* db, std::string_view action, const std::vector<std::string>& files);

// Stores the counts of version `seq` (once, before the transaction commits).
void record_data_version_counts(sqlite3* db, int64_t seq, const std::vector<TableChangeCounts>& counts);

// The latest version (0 when none).
int64_t latest_data_version(sqlite3* db);

// Every version, oldest first.
std::vector<DataVersion> read_data_versions(sqlite3* db);
std::optional<DataVersion> read_data_version(sqlite3* db, int64_t seq);

// One row that version N changed: its key, and its values before and after
// as {column: value} (before absent: inserted; after absent: retracted).
struct RowChange {
    std::string change;  // inserted, updated, retracted
    boost::json::object key;
    std::optional<boost::json::object> before, after;
};

struct TableChanges {
    std::string table;
    size_t inserted = 0, updated = 0, retracted = 0;
    std::vector<RowChange> rows;  // in key order
};

// What version `seq` changed, per input table with a change, in the tables'
// dependency order; only the tables named in `tables` when it is not empty.
// A row written again with the values it had is no change. Reads every row
// of the tables that the version wrote (a whole-table scan of the live
// table: there is no index on the version, which imports would pay for).
std::vector<TableChanges> data_version_changes(sqlite3* db, int64_t seq,
                                               const std::vector<std::string>& tables = {});

// The counts of data_version_changes (for writers that do not count
// themselves).
std::vector<TableChangeCounts> counted_changes(sqlite3* db, int64_t seq,
                                               const std::vector<std::string>& tables = {});

// {"seq", "at", "actor", "role", "action", "files", "tables": [{"table",
// "inserted", "updated", "retracted", "unchanged"}]}: `merit data versions
// --json` and GET /v1/data-versions give the same shape.
boost::json::object data_version_json(const DataVersion& version);

}  // namespace merit
