#include "portfolio.hpp"

#include <map>
#include <optional>
#include <set>

#include "common.hpp"

namespace tobacco {

std::vector<Holding> holdings(const merit::Context& ctx, merit::Day first, merit::Day last) {
    std::vector<Holding> out;
    // The host's per-customer service (plugin API 1.1): owner and co-owner
    // assignments clipped to the window, in (manager, customer, from) order.
    ctx.holdings(
        merit::format_day(first), merit::format_day(last), std::nullopt, [&](const merit::HoldingRow& h) {
            out.push_back({std::string(h.manager_id), std::string(h.customer_id), std::string(h.segment),
                           merit::require_day(h.first_day, "assignments.valid_from"),
                           merit::require_day(h.last_day, "assignments.valid_to")});
            return true;
        });
    return out;
}

std::vector<std::optional<double>> stock_at_holding_end(const merit::Context& ctx,
                                                        const std::vector<Holding>& list,
                                                        const std::string& metric) {
    // Each distinct holding end (most end on the period's last day) reads
    // every customer's latest value on or before it once.
    std::set<std::string> ends;
    for (const auto& h : list) ends.insert(merit::format_day(h.last));
    std::map<std::string, std::map<std::string, double, std::less<>>> on_day;
    for (const auto& end : ends) {
        auto& values = on_day[end];
        ctx.customer_values(metric, end, [&](const char* customer, double value) {
            values.emplace(customer, value);
            return true;
        });
    }
    std::vector<std::optional<double>> out(list.size());
    for (size_t i = 0; i < list.size(); ++i) {
        const auto& values = on_day[merit::format_day(list[i].last)];
        if (const auto it = values.find(list[i].customer_id); it != values.end()) out[i] = it->second;
    }
    return out;
}

}  // namespace tobacco
