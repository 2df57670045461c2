// The workspace's audit log: who initialised, imported, ran or finalised what
// and when. A row is written inside the transaction of the change it
// describes, so a change never commits without its row and a change that
// rolls back (a failed import, a failed run) leaves none.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace merit {

struct AuditEntry {
    int64_t id = 0;
    std::string at;       // UTC, 2026-07-01T08:00:00Z
    std::string actor;    // the operating-system user
    std::string command;  // init, import, run, finalize
    std::string detail;
};

// The user the process runs as: the account name of the effective uid, else
// $USER, else "uid N". The account name comes first because an environment
// variable is whatever the caller sets.
std::string audit_actor();

// Now, in UTC, to the second: 2026-07-01T08:00:00Z.
std::string utc_timestamp();

// Appends a row; the caller's transaction must be open. `at` empty: now.
void append_audit(sqlite3* db, std::string_view command, std::string_view detail, std::string_view at = {});

// The latest `limit` rows (0: all), oldest first.
std::vector<AuditEntry> read_audit(sqlite3* db, size_t limit);

}  // namespace merit
