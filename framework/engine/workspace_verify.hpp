// `merit verify --all` beyond each run's own digests: the audit log's hash
// chain, the protecting triggers (store/protecting_triggers.hpp), and that
// the log and the runs tell the same story — every run has its `run` entry
// with the digests and scheme hash it was stored with, every final run its
// `finalize` entry, and no run the log knows of has vanished. With a head an
// operator recorded elsewhere (`verify --head`), that the log still extends
// it: the one check a rebuilt log cannot pass.
//
// What this cannot see: someone with write access to the file can rewrite a
// run, recompute its digests and rebuild the log from that run's entry on;
// every check here then passes except --expect-head with a head recorded
// before the rewrite. Entries after the recorded head are only as good as
// the chain.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/audit_log.hpp"
#include "store/integrity_problem.hpp"

namespace merit {

struct AuditHead {
    int64_t id = 0;            // 0: an empty log
    std::string hash;          // "" for an empty log
    std::string text() const;  // "42:9f86…" — what --expect-head takes
};

// The last entry of the log.
AuditHead audit_head(sqlite3* db);

// "HASH" or "ID:HASH" (64 hex digits); throws UserError naming --expect-head.
struct ExpectedHead {
    std::optional<int64_t> id;
    std::string hash;
};
ExpectedHead parse_expected_head(std::string_view text);

// Each break of the chain as a problem (chain_broken, path "audit_log (entry N)").
std::vector<IntegrityProblem> chain_problems(const AuditChainCheck& check);

// The runs against the log: run_not_logged, finalize_not_logged,
// log_mismatch, run_missing.
struct RunsInLog {
    size_t runs = 0;
    size_t final_runs = 0;
    std::vector<IntegrityProblem> problems;
};
RunsInLog check_runs_in_log(sqlite3* db);

// head_not_found when no entry has the expected hash (at its id, when given).
std::vector<IntegrityProblem> check_expected_head(sqlite3* db, const ExpectedHead& expected);

}  // namespace merit
