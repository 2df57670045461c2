// Corrections as HR makes them (issue 15 point 2): `--replace-period P`
// makes each file the complete truth for its table inside period P (rows of
// the table dated in P that the file lacks are retracted, the rest
// upserted); `--replace` does the same for a whole undated table. A
// retraction is a change of the import's data version like any other: the
// retracted row is kept in the table's history (store/data_history.hpp).
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>

#include "import/problem_list.hpp"
#include "import/table_specs.hpp"
#include "period/period.hpp"

namespace merit {

struct Replacement {
    std::optional<Period> period;  // nullopt: the whole table (--replace)
};

// How a table's rows are dated: facts and events by their `date`, targets
// and ratings by their `period`; the others are undated.
enum class Dating { date, period, none };
Dating dating_of(const TableSpec& table);

// A WHERE condition selecting the rows of `table` the replacement covers
// (column names unqualified): `date BETWEEN '2026-04-01' AND '2026-06-30'`;
// `period IN (...)` with every stored period lying inside P (2026-Q2 covers
// 2026-Q2 and 2026-04, not 2026); `1` for a whole table.
std::string replaced_rows_condition(sqlite3* db, const TableSpec& table, const Replacement& replacement);

// After rows were retracted from org_units, roles, managers or customers: every
// input row that still names a retracted id becomes a problem (up to three
// per reference, then a count), so a correction never leaves a fact, event
// or assignment pointing at nothing.
void check_references_after_retraction(sqlite3* db, ProblemList& problems);

}  // namespace merit
