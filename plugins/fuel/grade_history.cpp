#include "grade_history.hpp"

namespace fuel {

GradeHistory GradeHistory::load(const merit::Context& ctx, const std::string& scheme) {
    GradeHistory history;
    // Ordered so that, within one period, the run that should win comes last.
    ctx.query(
        "SELECT d.manager_id, d.value, r.first_day, r.period FROM run_decisions d JOIN runs r ON r.id = "
        "d.run_id "
        "WHERE r.scheme_name = ?1 AND d.kind = 'grade' "
        "ORDER BY d.manager_id, r.first_day, (r.status = 'final'), r.id, d.seq",
        {scheme}, [&](const merit::Row& row) {
            Entry entry{require_date(row[2].string(), "runs.first_day"), row[1].string(), row[3].string()};
            auto& list = history.by_manager_[row[0].string()];
            if (!list.empty() && list.back().effective == entry.effective)
                list.back() = std::move(entry);
            else
                list.push_back(std::move(entry));
            return true;
        });
    return history;
}

std::optional<GradeHistory::Entry> GradeHistory::grade_on(std::string_view manager_id, Date as_of) const {
    const auto it = by_manager_.find(manager_id);
    if (it == by_manager_.end()) return std::nullopt;
    std::optional<Entry> found;
    for (const auto& entry : it->second)
        if (entry.effective <= as_of) found = entry;
    return found;
}

}  // namespace fuel
