#include "common.hpp"

#include <merit/calendar.hpp>

#include <cmath>
#include <cstdio>

namespace banking {
namespace {

merit::Day parse_day(const std::string& text) {
    return merit::require_day(text, "period day");
}

}  // namespace

int days_inclusive(const std::string& first, const std::string& last) {
    const auto days = (parse_day(last) - parse_day(first)).count() + 1;
    if (days <= 0) throw merit::Error("period ends before it starts: " + first + ".." + last);
    return static_cast<int>(days);
}

int months_spanned(const std::string& first, const std::string& last) {
    const merit::Day a = parse_day(first), b = parse_day(last);
    const int months =
        (merit::year_of(b) - merit::year_of(a)) * 12 + int(merit::month_of(b)) - int(merit::month_of(a)) + 1;
    return months < 1 ? 1 : months;
}

std::string num(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
        while (!text.empty() && text.back() == '0') text.pop_back();
        if (!text.empty() && text.back() == '.') text.pop_back();
    }
    if (text == "-0") text = "0";
    return text;
}

double rate_param(const merit::Value& params, std::string_view key, double fallback) {
    const merit::Value v = params[key];
    if (v.is_null()) return fallback;
    const double rate = v.number();
    if (!(rate >= 0) || !std::isfinite(rate)) v.fail("must be a non-negative number");
    return rate;
}

std::vector<std::string> string_list(const merit::Value& params, std::string_view key,
                                     std::vector<std::string> fallback) {
    const merit::Value v = params[key];
    if (v.is_null()) return fallback;
    if (!v.is_array()) v.fail("must be an array of strings");
    std::vector<std::string> out;
    for (size_t i = 0; i < v.size(); ++i) out.push_back(v[i].string());
    if (out.empty()) v.fail("must not be empty");
    return out;
}

std::string compare_param(const merit::Value& params) {
    const std::string compare = params["compare"].string();
    if (compare != "previous" && compare != "year_ago")
        params["compare"].fail("must be \"previous\" or \"year_ago\", not \"" + compare + "\"");
    return compare;
}

merit::PeriodInfo comparison_period(const merit::Context& ctx, const merit::Scope& scope,
                                    const std::string& compare) {
    const std::string period(scope.period());
    return compare == "year_ago" ? ctx.year_ago(period) : ctx.previous(period);
}

merit_aggregation stock_aggregation(const merit::Value& params, std::string_view key,
                                    const std::string& fallback) {
    const std::string name = params.get_string(key, fallback);
    if (name == "end") return MERIT_AGG_END;
    if (name == "daily_avg") return MERIT_AGG_DAILY_AVG;
    if (name == "xun_avg") return MERIT_AGG_XUN_AVG;
    params[key].fail("must be \"end\", \"daily_avg\" or \"xun_avg\", not \"" + name + "\"");
}

}  // namespace banking
