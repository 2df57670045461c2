// Order structure (订单结构) of the manager's retailers, from monthly order
// facts by brand group (cartons) and the order amount (yuan):
//   high_share       = cartons of the high-grade groups ÷ all cartons
//   value_per_carton = order amount ÷ all cartons            (单条值, yuan)
// With compare = previous / year_ago the value is the growth of that measure
// against the earlier period: (now − before) ÷ before. Orders count for the
// manager who held the retailer on the order's date, in both periods.
#include <algorithm>

#include "common.hpp"
#include "components.hpp"

namespace tobacco {

OrderStructure::OrderStructure(const merit::Value& params)
    : measure_(params["measure"].string()),
      groups_(string_list(params, "groups", {"high", "mid", "low"})),
      high_groups_(string_list(params, "high_groups", {"high"})),
      carton_prefix_(params["carton_prefix"].string()),
      amount_metric_(params["amount_metric"].string()),
      compare_(params["compare"].string()) {
    if (measure_ != "high_share" && measure_ != "value_per_carton")
        params["measure"].fail("must be high_share or value_per_carton");
    if (compare_ != "none" && compare_ != "previous" && compare_ != "year_ago")
        params["compare"].fail("must be none, previous or year_ago");
    for (const auto& g : high_groups_)
        if (std::find(groups_.begin(), groups_.end(), g) == groups_.end())
            params["high_groups"].fail("'" + g + "' is not one of groups");
}

std::map<std::string, OrderStructure::Totals> OrderStructure::totals(const merit::Context& ctx,
                                                                     const std::string& first,
                                                                     const std::string& last) const {
    std::map<std::string, Totals> out;
    auto sum_metric = [&](const std::string& metric, auto&& add) {
        // Orders count for whoever held the retailer on the order's date.
        ctx.holdings(first, last, metric, [&](const merit::HoldingRow& h) {
            if (h.fact_count > 0) add(out[std::string(h.manager_id)], h.value);
            return true;
        });
    };
    for (const auto& g : groups_) {
        const bool high = std::find(high_groups_.begin(), high_groups_.end(), g) != high_groups_.end();
        sum_metric(carton_prefix_ + g, [&](Totals& t, double v) {
            t.cartons += v;
            if (high) t.high_cartons += v;
        });
    }
    if (measure_ == "value_per_carton")
        sum_metric(amount_metric_, [](Totals& t, double v) { t.amount += v; });
    return out;
}

std::optional<double> OrderStructure::measure(const Totals& t) const {
    if (t.cartons <= 0) return std::nullopt;
    return measure_ == "high_share" ? t.high_cartons / t.cartons : t.amount / t.cartons;
}

void OrderStructure::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const ScopeIndex index(scope);
    const auto now = totals(ctx, std::string(scope.first_day()), std::string(scope.last_day()));
    std::map<std::string, Totals> before;
    std::string before_period;
    if (compare_ != "none") {
        const merit::PeriodInfo p = compare_ == "previous" ? ctx.previous(std::string(scope.period()))
                                                           : ctx.year_ago(std::string(scope.period()));
        before = totals(ctx, p.first_day, p.last_day);
        before_period = p.text;
    }
    const size_t n = scope.size();
    merit::Column cartons(n), current(n), earlier(n);
    auto describe = [&](const Totals& t, double m) {
        return measure_ == "high_share" ? fixed(t.high_cartons, 0) + " high-grade ÷ " + fixed(t.cartons, 0) +
                                              " cartons = " + fixed(m, 4)
                                        : fixed(t.amount) + " yuan ÷ " + fixed(t.cartons, 0) +
                                              " cartons = " + fixed(m) + " yuan/carton";
    };
    for (size_t i = 0; i < n; ++i) {
        out.clear(i);
        const std::string id(scope.manager_id(i));
        const auto it = now.find(id);
        const auto m = it == now.end() ? std::nullopt : measure(it->second);
        if (!m) {
            ctx.note(
                i, "no orders from the manager's retailers in " + std::string(scope.period()) + ": no value");
            continue;
        }
        cartons.set(i, it->second.cartons);
        current.set(i, *m);
        ctx.note(i, std::string(scope.period()) + ": " + describe(it->second, *m));
        if (compare_ == "none") {
            out.set(i, *m);
            continue;
        }
        const auto b = before.find(id);
        const auto mb = b == before.end() ? std::nullopt : measure(b->second);
        if (!mb || *mb == 0) {
            ctx.note(i, "no orders in " + before_period + " to compare with: no growth value");
            continue;
        }
        earlier.set(i, *mb);
        const double growth = (*m - *mb) / *mb;
        out.set(i, growth);
        ctx.note(i, before_period + ": " + describe(b->second, *mb) + "; growth = (" + fixed(*m, 4) + " − " +
                        fixed(*mb, 4) + ") ÷ " + fixed(*mb, 4) + " = " + fixed(growth, 4));
    }
    ctx.trace("cartons ordered", cartons);
    ctx.trace(measure_, current);
    if (compare_ != "none") ctx.trace(measure_ + " " + before_period, earlier);
}

}  // namespace tobacco
