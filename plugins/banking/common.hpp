// Helpers shared by the banking components: period arithmetic, parameter
// reading and number formatting for explain notes. SDK headers only.
#pragma once

#include <merit/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

namespace banking {

// Days from `first` to `last` inclusive (YYYY-MM-DD); throws merit::Error.
int days_inclusive(const std::string& first, const std::string& last);

// Calendar months the range touches: 2026-07-01..2026-09-30 gives 3.
int months_spanned(const std::string& first, const std::string& last);

// "1234.5" with up to `decimals` decimals and no trailing zeros.
std::string num(double value, int decimals = 2);

// A non-negative rate parameter (fraction, 0.3 = 30%).
double rate_param(const merit::Value& params, std::string_view key, double fallback);

// Array of strings, or `fallback` when the key is absent.
std::vector<std::string> string_list(const merit::Value& params, std::string_view key,
                                     std::vector<std::string> fallback);

// The period of the comparison base: "previous" or "year_ago".
merit::PeriodInfo comparison_period(const merit::Context& ctx, const merit::Scope& scope,
                                    const std::string& compare);

// Validates `compare` (previous | year_ago) against its JSON path.
std::string compare_param(const merit::Value& params);

// Stock aggregation by name: end | daily_avg | xun_avg.
merit_aggregation stock_aggregation(const merit::Value& params, std::string_view key,
                                    const std::string& fallback);

// A fact query written as a chain: Facts("deposit", MERIT_AGG_END).in(period).
struct Facts {
    merit::FactQuery query;
    explicit Facts(std::string metric, merit_aggregation aggregation = MERIT_AGG_SUM) {
        query.metric = std::move(metric);
        query.aggregation = aggregation;
    }
    Facts& in(std::optional<std::string> period) {
        query.period = std::move(period);
        return *this;
    }
    Facts& segment(std::optional<std::string> segment) {
        query.segment = std::move(segment);
        return *this;
    }
    // Attribution through assignments of this role (nullopt: owner and co_owner).
    Facts& role(std::optional<std::string> role) {
        query.assignment_role = std::move(role);
        return *this;
    }
    // Whole amounts, whatever the assignment shares.
    Facts& whole() {
        query.use_shares = false;
        return *this;
    }
    operator const merit::FactQuery&() const { return query; }
};

}  // namespace banking
