// The record digest of a run (issue 15 point 6): one SHA-256 over everything
// stored for the run when it was written — the scheme (id, title, path,
// hash, canonical JSON), the period and its days, the plugins' checksums,
// the input fingerprint, the data version the run read, the timings, every
// result row (as the results digest) and every row the results digest
// leaves out: names, roles, statuses and grades of run_managers, every trace
// line, display names, providers, units. Only what finalising changes later
// (status, finalized_at) is outside it; the finalize entry of the audit log
// records those.
//
// The run's audit entry records this digest too, so a run rewritten with
// its digest recomputed no longer matches the log unless the log is rebuilt
// from that entry on, which `merit verify --expect-head` catches.
#pragma once

#include <string>

#include "engine/run_result.hpp"

namespace merit {

// SHA-256 (hex). Rows are sorted first, so the order they were produced or
// read back in does not matter; each field is length-prefixed (NULL is its
// own mark), so no two different records give the same text.
std::string record_digest(const RunResult& run);

}  // namespace merit
