// What the stages of a run build up, stage after stage: the result rows as
// they will be stored, and the result columns components read
// (config/SCHEMES.md "Result columns"). Until the result stage orders them,
// result.managers[i] is row i of the scope.
#pragma once

#include "engine/run_result.hpp"
#include "engine/run_services.hpp"

namespace merit {

struct RunInProgress {
    RunResult result;
    ResultColumns columns;
};

}  // namespace merit
