// The workspace schema as an ordered list of migrations; the index + 1 of a
// migration is the `PRAGMA user_version` it leaves behind. Migrations are only
// ever appended.
#pragma once

#include <span>
#include <string_view>

namespace merit {

std::span<const std::string_view> schema_migrations();

// The version this build writes (= number of migrations).
int current_schema_version();

}  // namespace merit
