// What earlier results put on a new review (issue 18 point 7): the
// decisions (grade, honours, training, bottom-rank improvement, transfer)
// of every final run that counts for a period ending the day before the
// review's period begins — a 2025-Q4 or 2025 run for a 2026-Q1 review — and
// the improvement and development plan agreed in the manager's previous
// review of the same kind of period.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace merit {

// Writes the items into review_items of `review_id` (the caller's
// transaction) and returns how many.
int64_t carry_earlier_results(sqlite3* db, int64_t review_id, const std::string& manager_id,
                              const std::string& period);

}  // namespace merit
