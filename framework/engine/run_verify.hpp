// `merit verify`: does a stored run still hold what it was stored with?
// Both digests are recomputed from the stored rows with the functions the
// run used: the record digest (engine/record_digest.hpp: everything stored
// for the run; runs stored before schema version 14 have none and are
// verified by the results digest alone, the old rule), the results digest,
// and scheme_hash against the stored scheme JSON. The rows that must agree
// with each other exactly (pay lines and pay totals, the manager count) are
// cross-checked, which names the manager when one of them was changed.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "store/integrity_problem.hpp"

namespace merit {

struct RunVerification {
    int64_t run_id = 0;
    std::string stored_digest;                 // runs.results_digest ("" when none was stored)
    std::string recomputed_digest;             // over the rows as they are now
    std::string stored_record;                 // runs.record_digest ("" before schema version 14)
    std::string recomputed_record;             // over everything stored for the run now
    std::vector<std::string> inconsistencies;  // "run_pay (manager M1): ..." — rows that disagree
    // Every problem, in the order summary() names them: no_digest,
    // digest_mismatch, record_mismatch, scheme_hash_mismatch, inconsistent_rows.
    std::vector<IntegrityProblem> problems;

    bool ok() const { return problems.empty(); }
    // One line: "run 3: record digest ok (sha256 …)" or what is wrong.
    std::string summary() const;
};

// Throws UserError when there is no such run.
RunVerification verify_run(sqlite3* db, int64_t run_id);

}  // namespace merit
