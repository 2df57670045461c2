// The triggers that make stored records append-only or read-only, listed in
// one place with what each refuses: `merit verify --all` checks that each one
// is still in the workspace, with the text the schema gives it (a trigger
// dropped, or replaced by one that does nothing, is a problem), and the
// README's security table names this list.
#pragma once

#include <sqlite3.h>

#include <string>
#include <vector>

#include "store/integrity_problem.hpp"

namespace merit {

struct ProtectingTrigger {
    std::string name;    // runs_final_update, audit_log_no_delete ...
    std::string guards;  // what it refuses, for the problem line
};

// Final runs (runs and each run_* table: update, delete, insert, the REPLACE
// forms, moving rows in), the audit log (update, delete, append at the end
// only), data versions and their counts, the history of each input table
// (keep replaced and retracted rows, stamp new ones, refuse update and
// delete of history), released pay approvals and their votes, closed
// calibration sessions and their lines, dispute events. In schema order.
std::vector<ProtectingTrigger> protecting_triggers();

// Each trigger of the current schema that `db` lacks (trigger_missing) or
// holds with other text (trigger_altered). The expected text is that of a
// fresh schema built in memory, so a trigger added by a later migration is
// checked too, listed or not.
std::vector<IntegrityProblem> check_protecting_triggers(sqlite3* db);

// name -> CREATE TRIGGER text of a workspace freshly made by this build.
std::vector<std::pair<std::string, std::string>> schema_triggers();

}  // namespace merit
