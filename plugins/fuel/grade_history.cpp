#include "grade_history.hpp"

#include <algorithm>

namespace fuel {

GradeHistory GradeHistory::load(const merit::Context& ctx, const std::string& scheme,
                                const std::vector<std::string>& manager_ids, merit::Day first,
                                merit::Day last) {
    GradeHistory history;
    // Walk back through the grading scheme's periods that began on or before
    // `last`, newest first, until each manager has a grading in force on
    // `first` (or the periods run out). Which run of a period is read is the
    // host's one rule (plugin API 1.1 run_latest / run_text).
    std::vector<std::string> pending = manager_ids;
    std::string day = merit::format_day(last);
    while (!pending.empty()) {
        const std::string period = ctx.run_latest(scheme, day);
        if (period.empty()) break;
        const merit::Day effective =
            merit::require_day(ctx.shift(period, 0).first_day, "grading period first day");
        const auto grades = ctx.run_text(scheme, period, "decision:grade", pending);
        std::vector<std::string> still;
        for (size_t k = 0; k < pending.size(); ++k) {
            if (grades[k]) history.by_manager_[pending[k]].push_back(Entry{effective, *grades[k], period});
            if (!grades[k] || effective > first) still.push_back(pending[k]);
        }
        pending = std::move(still);
        day = merit::format_day(effective - std::chrono::days(1));
    }
    for (auto& [id, entries] : history.by_manager_)
        std::sort(entries.begin(), entries.end(),
                  [](const Entry& a, const Entry& b) { return a.effective < b.effective; });
    return history;
}

std::optional<GradeHistory::Entry> GradeHistory::grade_on(std::string_view manager_id,
                                                          merit::Day as_of) const {
    const auto it = by_manager_.find(manager_id);
    if (it == by_manager_.end()) return std::nullopt;
    std::optional<Entry> found;
    for (const auto& entry : it->second)
        if (entry.effective <= as_of) found = entry;
    return found;
}

}  // namespace fuel
