// `merit verify`: does a stored run still hold the results it was stored
// with? The results digest is recomputed from the stored rows with the same
// function the run used (results_digest), and the rows that must agree with
// each other exactly (pay lines and pay totals, the manager count) are
// cross-checked, which names the manager when one of them was changed.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

namespace merit {

struct RunVerification {
    int64_t run_id = 0;
    std::string stored_digest;                 // runs.results_digest ("" when none was stored)
    std::string recomputed_digest;             // over the rows as they are now
    std::vector<std::string> inconsistencies;  // "run_pay (manager M1): ..." — rows that disagree

    bool ok() const {
        return !stored_digest.empty() && stored_digest == recomputed_digest && inconsistencies.empty();
    }
    // One line: "run 3: results digest ok (sha256 …)" or what is wrong.
    std::string summary() const;
};

// Throws UserError when there is no such run.
RunVerification verify_run(sqlite3* db, int64_t run_id);

}  // namespace merit
