// Whether a run's inputs changed after it was computed: `merit runs` marks
// such a run stale (issue 15 point 4). A run is stale when a data version
// after the one it pinned wrote, replaced or retracted a row the run could
// have read: any row of the undated tables (org units, managers, customers,
// assignments, metrics); a fact or event dated on or before the run's last
// day (schemes read earlier days too: balances a year back, streaks); a
// target or rating of a period that begins on or before it.
#pragma once

#include <sqlite3.h>

#include <optional>

#include "engine/run_result.hpp"

namespace merit {

// Null for a run stored before runs pinned their data version (unknown).
std::optional<bool> run_is_stale(sqlite3* db, const RunInfo& run);

}  // namespace merit
