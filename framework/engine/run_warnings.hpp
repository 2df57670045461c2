// What `merit run` warns about (issue 21 point 5) besides the scheme's own
// problems: names the workspace has never seen and a period without facts
// (scheme/data_references.hpp), and columns the data left null for all or
// most of the managers in scope. A run stores them with itself; --strict
// makes any of them fatal.
#pragma once

#include <string>
#include <vector>

#include "engine/run_result.hpp"
#include "scheme/scheme.hpp"

namespace merit {

// Each input and indicator null for every manager of the run, or for more
// than the scheme's data_checks.max_null_share of them, in scheme order.
std::vector<RunWarning> null_column_warnings(const Scheme& scheme, const RunResult& run);

// "path: message" lines (the validator's form) as warnings.
std::vector<RunWarning> as_run_warnings(const std::vector<std::string>& lines);

// "path: message", as validate prints it.
std::string warning_line(const RunWarning& warning);

}  // namespace merit
