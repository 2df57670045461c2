// Quarterly recognition (季度表彰) of the top managers of each org unit
// (district for CMs, market area for market managers). Every monthly run
// adds the month's total to the quarter's running sum, carried in run
// state under keys named by the quarter ("sum:2026-Q4", "months:2026-Q4"),
// so a new quarter starts from nothing. In the quarter's last month the
// managers of each unit are ranked by average total (descending, then by
// manager id) and the first `top_per_unit` whose average reaches
// `min_average` get a "recognition" decision and, when award_yuan > 0, an
// award line.
#include <merit/calendar.hpp>

#include <algorithm>

#include "common.hpp"
#include "components.hpp"

namespace tobacco {
namespace {

// The month a monthly scheme's period names; the recognition needs one.
unsigned month_number(std::string_view period) {
    const auto month = merit::parse_month(period);
    if (!month)
        throw merit::Error("period '" + std::string(period) +
                           "' is not a month (YYYY-MM); quarterly recognition runs in monthly schemes");
    return month->second;
}

// "2026-11" -> "2026-Q4".
std::string quarter_of_month(std::string_view period) {
    return std::string(period.substr(0, 4)) + "-Q" + std::to_string((month_number(period) - 1) / 3 + 1);
}

bool is_quarter_end_month(std::string_view period) {
    return month_number(period) % 3 == 0;
}

}  // namespace

QuarterlyRecognition::QuarterlyRecognition(const merit::Value& params)
    : top_per_unit_(params["top_per_unit"].number()),
      min_average_(params["min_average"].number()),
      award_yuan_(params["award_yuan"].number()),
      title_(params["title"].string()) {
    if (top_per_unit_ < 1 || top_per_unit_ != int(top_per_unit_))
        params["top_per_unit"].fail("must be a whole number ≥ 1");
    if (award_yuan_ < 0) params["award_yuan"].fail("must not be negative");
}

void QuarterlyRecognition::compute(merit::Context& ctx, const merit::Scope& scope) {
    const size_t n = scope.size();
    const std::string period(scope.period());
    const std::string quarter = quarter_of_month(period);
    const merit::Column total = ctx.result("total", n);
    const merit::Column prev_sum = ctx.state("sum:" + quarter, n);
    const merit::Column prev_months = ctx.state("months:" + quarter, n);
    merit::Column sum(n), months(n);
    for (size_t i = 0; i < n; ++i) {
        const double s = prev_sum.value_or(i, 0), m = prev_months.value_or(i, 0);
        if (total.has(i))
            sum.set(i, s + total.values[i]), months.set(i, m + 1);
        else if (m > 0)
            sum.set(i, s), months.set(i, m);
    }
    ctx.save_state("sum:" + quarter, sum);
    ctx.save_state("months:" + quarter, months);

    if (!is_quarter_end_month(period)) {
        for (size_t i = 0; i < n; ++i)
            if (months.has(i))
                ctx.note(i, quarter + " so far: " + fixed(sum.values[i]) + " over " +
                                fixed(months.values[i], 0) +
                                " month(s); recognition is decided in the quarter's last month");
        return;
    }
    std::map<std::string, std::vector<size_t>> units;
    for (size_t i = 0; i < n; ++i)
        if (months.has(i) && months.values[i] > 0) units[std::string(scope.org_unit_id(i))].push_back(i);
    for (auto& [unit, rows] : units) {
        auto average = [&](size_t i) { return sum.values[i] / months.values[i]; };
        std::sort(rows.begin(), rows.end(), [&](size_t a, size_t b) {
            if (average(a) != average(b)) return average(a) > average(b);
            return scope.manager_id(a) < scope.manager_id(b);
        });
        for (size_t r = 0; r < rows.size(); ++r) {
            const size_t i = rows[r];
            const std::string standing = quarter + " average " + fixed(sum.values[i]) + " ÷ " +
                                         fixed(months.values[i], 0) + " months = " + fixed(average(i)) +
                                         ", place " + std::to_string(r + 1) + " of " +
                                         std::to_string(rows.size()) + " in " + unit;
            if (double(r) >= top_per_unit_ || average(i) < min_average_) {
                ctx.note(i, standing + ": not recognised");
                continue;
            }
            ctx.decision(i, "recognition", title_ + " " + quarter, standing);
            if (award_yuan_ > 0)
                ctx.pay(i, "recognition_award", title_ + "奖励", merit::to_fen(award_yuan_),
                        standing + ": award " + fixed(award_yuan_));
        }
    }
}

}  // namespace tobacco
