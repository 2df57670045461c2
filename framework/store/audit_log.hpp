// The workspace's audit log: who initialised, imported, ran or finalised what
// and when, and why. An entry is written inside the transaction of the change
// it describes, so a change never commits without its entry and a change that
// rolls back (a failed import, a failed run) leaves none.
//
// The log is a hash chain: each entry stores the hash of the entry before it
// and a hash over its own content and that one. Triggers refuse UPDATE,
// DELETE and any insert that does not append exactly after the last entry
// (which is what every INSERT OR REPLACE form would need); verify_audit_chain
// recomputes every hash, so an entry rewritten with the triggers dropped is
// found unless every later hash is rebuilt too, and the head an operator
// recorded elsewhere (verify --head) then no longer matches.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace merit {

// What one change was (HELPERS.md, contract 1). `detail` is JSON text.
struct AuditRecord {
    std::string action;         // init, import, run, finalize, review.submit_self ...
    std::string object = {};    // run:12, data:3, review:M001/2026-Q3 ...
    std::string detail = "{}";  // a JSON object
    std::string reason = {};    // why, when the action asks for one ("" otherwise)
};

struct AuditEntry {
    int64_t id = 0;
    std::string at;     // UTC, 2026-07-01T08:00:00Z
    std::string actor;  // current_actor().id when it was written
    std::string role;   // current_actor().role
    std::string action, object, detail, reason;
    std::string prev_hash;  // "" for the first entry
    std::string hash;
};

// Now, in UTC, to the second: 2026-07-01T08:00:00Z.
std::string utc_timestamp();

// Appends an entry by the current actor, now; the caller's transaction must
// be open. Throws UserError when `detail` is not a JSON object.
void append_audit(sqlite3* db, const AuditRecord& record);

// The latest `limit` entries (0: all), oldest first.
std::vector<AuditEntry> read_audit(sqlite3* db, size_t limit);
// Up to `limit` entries after sequence number `after_id`, oldest first: how
// an integration follows the log (GET /v1/audit?since=N).
std::vector<AuditEntry> read_audit_after(sqlite3* db, int64_t after_id, size_t limit);

// SHA-256 (hex) over the entry's content (id, at, actor, role, action,
// object, detail, reason), each length-prefixed, and its prev_hash.
std::string audit_entry_hash(const AuditEntry& entry);

struct AuditChainCheck {
    size_t entries = 0;
    std::string head;                   // the last entry's hash ("" when empty)
    std::vector<std::string> problems;  // "audit entry 7: ..." one per break
    bool ok() const { return problems.empty(); }
};

// Walks the whole chain: ids consecutive from 1, each prev_hash the previous
// hash, each hash recomputed.
AuditChainCheck verify_audit_chain(sqlite3* db);

// Schema migration 3's step: moves the rows of the version-2 log (table
// audit_log_v2, columns at, actor, command, detail) into the chained log in
// id order, each as action = command, role operator and detail
// {"text": detail}, then drops the old table.
void chain_legacy_audit(sqlite3* db);

}  // namespace merit
