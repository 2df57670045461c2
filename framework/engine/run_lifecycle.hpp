// A run's lifecycle (issue 15 point 5). A run is stored as a draft; a draft
// may be deleted or made final; a final run is never changed or deleted. A
// scheme and period have at most one final run that counts: making a second
// one final names the one it supersedes and why, and the superseded run
// stays readable, saying which run replaced it.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/run_result.hpp"

namespace merit {

struct FinalizeRequest {
    std::string reason = {};                 // required: why this run is the record
    std::optional<int64_t> supersedes = {};  // the final run of the same scheme and period it replaces
};

// Makes a draft final, recording the actor, the reason and what it
// supersedes, with one audit entry. Throws UserError naming the run (and
// `--reason` or `--supersedes`) when it is unknown or already final, the
// reason is missing, a final run of the scheme and period counts and is not
// the one named, or the named run cannot be superseded by this one.
void finalize_run(sqlite3* db, int64_t run_id, const FinalizeRequest& request);

// Deletes a draft and all its rows, with one audit entry recording what it
// was (scheme, period, digests) and `reason` (may be empty). Refuses a final
// run, and a draft that a calibration session, a pay approval, a dispute or a
// review refers to, naming it.
void delete_run(sqlite3* db, int64_t run_id, std::string_view reason);

// SQL true when the runs row named `alias` counts: final, and superseded by
// no final run. The one definition every query of "the run that counts" uses.
std::string counts_sql(std::string_view alias);

// The final run of `scheme_id` and `period` that no other final run
// supersedes: the run that counts. None while the period has no final run.
std::optional<int64_t> counting_run(sqlite3* db, std::string_view scheme_id, std::string_view period);

// The standing's label in a report: 草稿 / 已定稿 / 已被取代 (zh) or DRAFT /
// FINAL / SUPERSEDED (en).
std::string_view standing_label(std::string_view standing, bool chinese);

// Refuses (UserError naming the run and what to use instead) a run that is
// superseded: what exports pay or counts as the period's record reads the
// run that counts.
void require_not_superseded(const RunInfo& run, std::string_view what);

}  // namespace merit
