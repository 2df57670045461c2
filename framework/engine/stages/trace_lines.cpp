#include "engine/stages/trace_lines.hpp"

namespace merit {

void append_trace(std::vector<TraceLine>& out, const StepTrace& trace, const std::string& step,
                  const std::vector<std::string>& ids) {
    for (const auto& e : trace.entries) {
        if (e.is_note) {
            out.push_back({ids[e.row], 0, step, e.component, e.name, std::nullopt, e.text});
            continue;
        }
        for (size_t i = 0; i < ids.size() && i < e.values.size(); ++i)
            out.push_back({ids[i], 0, step, e.component, e.name,
                           e.valid[i] ? std::optional<double>(e.values[i]) : std::nullopt, std::nullopt});
    }
}

}  // namespace merit
