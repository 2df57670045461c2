// One thing `merit verify` found wrong, as the README's problems are: where
// (a table and row), a stable code (README "JSON output" lists them) and the
// sentence for people.
#pragma once

#include <string>

namespace merit {

struct IntegrityProblem {
    std::string path;     // runs.record_digest, audit_log (entry 7), sqlite_schema (trigger X)
    std::string code;     // record_mismatch, chain_broken, trigger_missing ...
    std::string message;  // "content does not match its hash (it was altered)"
};

}  // namespace merit
