// Stage 1, scope: the managers the scheme evaluates for the period, with
// the grade group whose weights apply to each.
//   in:  RunContext (the scheme's scope, the period)
//   out: RunScope
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/manager_scope.hpp"
#include "engine/stages/run_context.hpp"

namespace merit {

struct RunScope {
    std::unique_ptr<const ManagerScope> managers;  // in id order; row i everywhere below
    std::vector<std::string> ids;                  // manager id of row i
    std::vector<std::string> groups;               // grade group of row i ("" none)

    size_t size() const { return ids.size(); }
    const merit_scope& raw() const { return managers->raw(); }
};

RunScope select_scope(const RunContext& ctx);

}  // namespace merit
