// The fact columns of each (entity, metric) kept in the workspace once a
// run has read them (issue 24): a run otherwise rebuilds them from the facts
// table, one ordered pass per metric through SQLite (stepping, date parsing,
// id comparison), which was most of a bank-sized run's reading. They are kept
// by the facts' version, the last data version that changed a fact (every
// write to facts is an import that counts its changes), so a run pinned to
// any later version whose facts are the same reads them back at memory
// speed. Older versions' columns are dropped when newer ones are kept.
// `merit verify --recompute` reads the facts table itself (its copy has
// none kept), so facts edited outside any data version still show there.
//
// The stored form, little-endian: "MFC1", u64 entity count, u64 fact count,
// then per entity u32 id length and u32 fact count, the ids' bytes, i32
// days, f64 values. A value that does not parse is not used.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "data/fact_columns.hpp"

namespace merit {

// The last data version that inserted, updated or retracted a fact (0: none).
int64_t facts_version(sqlite3* db);

std::string serialize_fact_columns(const FactColumns& columns);
// Null when `bytes` is not a well-formed stored form (ids in order, counts
// that add up, no trailing bytes).
std::optional<FactColumns> parse_fact_columns(std::string_view bytes);

// The columns kept for (entity, metric) at facts version `version`.
std::optional<FactColumns> read_kept_fact_columns(sqlite3* db, std::string_view entity,
                                                  std::string_view metric, int64_t version);
// Keeps `columns` (read at columns.facts_version) and drops older versions
// of (entity, metric). Facts version 0 (facts written outside any import,
// as tests do) is never kept.
void keep_fact_columns(sqlite3* db, std::string_view entity, std::string_view metric,
                       const FactColumns& columns);

}  // namespace merit
