// The workspace schema as an ordered list of migrations; the index + 1 of a
// migration is the `PRAGMA user_version` it leaves behind. Migrations are only
// ever appended.
#pragma once

#include <sqlite3.h>

#include <span>
#include <string_view>

namespace merit {

// A migration is its SQL and, when rows must be rewritten in ways SQL alone
// cannot (hashing), a step run right after it in the same transaction.
struct Migration {
    std::string_view sql;
    void (*then)(sqlite3* db) = nullptr;
};

std::span<const Migration> schema_migrations();

// Runs migrations `from` (the database's user_version) up to the current
// version on `db`, inside the caller's transaction, and sets user_version.
void apply_migrations(sqlite3* db, int from);

// The version this build writes (= number of migrations).
int current_schema_version();

}  // namespace merit
