// Workspace settings people change (the 360° minimum, the number of pay
// approvals needed): one row per key, changed only by `settings.set`
// (hr_admin) with an audit entry.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>

namespace merit {

std::optional<std::string> read_setting(sqlite3* db, std::string_view key);

// Authorizes `settings.set` for the current actor and audits the change with
// the old and the new value; inside a transaction of its own.
void write_setting(sqlite3* db, std::string_view key, std::string_view value);

}  // namespace merit
