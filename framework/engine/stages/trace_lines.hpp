// One component call's trace (columns and notes) as per-manager trace lines.
#pragma once

#include <string>
#include <vector>

#include "engine/run_result.hpp"
#include "engine/run_services.hpp"

namespace merit {

// Appends to `out`; `ids` are the managers of the call, by row.
void append_trace(std::vector<TraceLine>& out, const StepTrace& trace, const std::string& step,
                  const std::vector<std::string>& ids);

}  // namespace merit
