// A manager's retailers in a period, each clipped to the days the
// assignment was valid (valid_from and valid_to inclusive, open-ended when
// valid_to is empty). A retailer reassigned mid-month appears in two
// portfolios, each with its own part of the month.
#pragma once

#include <merit/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

#include <merit/calendar.hpp>

namespace tobacco {

struct Holding {
    std::string manager_id;
    std::string customer_id;
    std::string segment;  // the retailer's business type
    merit::Day first;     // first day of the holding inside the period
    merit::Day last;      // last day of the holding inside the period
};

// Owner and co-owner assignments overlapping [first, last], ordered by
// manager, customer, first day.
std::vector<Holding> holdings(const merit::Context& ctx, merit::Day first, merit::Day last);

// The latest value of a stock fact of `customer_id` on or before `day`, read
// for every holding at once: the retailer class at the end of each holding.
std::vector<std::optional<double>> stock_at_holding_end(const merit::Context& ctx,
                                                        const std::vector<Holding>& list,
                                                        const std::string& metric);

}  // namespace tobacco
