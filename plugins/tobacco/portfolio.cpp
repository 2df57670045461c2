#include "portfolio.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "common.hpp"

namespace tobacco {

std::vector<Holding> holdings(const merit::Context& ctx, Day first, Day last) {
    const std::string from = format_day(first), to = format_day(last);
    std::vector<Holding> out;
    ctx.query(
        "SELECT a.manager_id, a.customer_id, coalesce(c.segment, ''),"
        " CASE WHEN a.valid_from > ?1 THEN a.valid_from ELSE ?1 END,"
        " CASE WHEN a.valid_to IS NULL OR a.valid_to > ?2 THEN ?2 ELSE a.valid_to END"
        " FROM merit_v1_assignments a JOIN merit_v1_customers c ON c.id = a.customer_id"
        " WHERE a.role IN ('owner', 'co_owner') AND a.valid_from <= ?2"
        " AND (a.valid_to IS NULL OR a.valid_to >= ?1)"
        " ORDER BY a.manager_id, a.customer_id, a.valid_from",
        {from, to}, [&](const merit::Row& row) {
            out.push_back({cell_text(row, 0), cell_text(row, 1), cell_text(row, 2),
                           parse_day(cell_text(row, 3), "assignments.valid_from"),
                           parse_day(cell_text(row, 4), "assignments.valid_to")});
            return true;
        });
    return out;
}

std::vector<std::optional<double>> stock_at_holding_end(const merit::Context& ctx,
                                                        const std::vector<Holding>& list,
                                                        const std::string& metric) {
    // All values of the metric up to the latest holding end, newest last per
    // customer; then each holding takes the last one on or before its end.
    std::string latest = "0001-01-01";
    for (const auto& h : list) latest = std::max(latest, format_day(h.last));
    std::map<std::string, std::vector<std::pair<std::string, double>>> history;
    ctx.query(
        "SELECT entity_id, date, value FROM merit_v1_facts WHERE entity = 'customer' AND metric = ?1 AND "
        "date <= ?2"
        " ORDER BY entity_id, date",
        {metric, latest}, [&](const merit::Row& row) {
            history[cell_text(row, 0)].emplace_back(cell_text(row, 1), cell_number(row, 2));
            return true;
        });
    std::vector<std::optional<double>> out(list.size());
    for (size_t i = 0; i < list.size(); ++i) {
        const auto it = history.find(list[i].customer_id);
        if (it == history.end()) continue;
        const std::string end = format_day(list[i].last);
        for (const auto& [date, value] : it->second)
            if (date <= end) out[i] = value;
    }
    return out;
}

}  // namespace tobacco
