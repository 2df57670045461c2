// Complaints and enquiries per 100 retailers (每百户投诉咨询量), lower is better.
// Each complaint or enquiry is a customer fact; it counts against the
// manager who held the retailer on its date. The base is the average number
// of retailers held over the period (retailer-days ÷ days in the period), so
// a mid-month reassignment splits a retailer between its two managers.
//   value = contacts ÷ average retailers × 100
#include "common.hpp"
#include "components.hpp"
#include "portfolio.hpp"

namespace tobacco {

ContactsPerHundred::ContactsPerHundred(const merit::Value& params)
    : metrics_(string_list(params, "metrics", {"complaint", "enquiry"})) {
    if (metrics_.empty()) params["metrics"].fail("must name at least one metric");
}

void ContactsPerHundred::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const merit::Day first = merit::require_day(scope.first_day(), "period first day");
    const merit::Day last = merit::require_day(scope.last_day(), "period last day");
    const double period_days = merit::days_between(first, last);
    const ScopeIndex index(scope);
    const size_t n = scope.size();
    merit::Column retailers(n), contacts(n);
    for (size_t i = 0; i < n; ++i) retailers.set(i, 0), contacts.set(i, 0);
    for (const Holding& h : holdings(ctx, first, last))
        if (const auto row = index.row(h.manager_id))
            retailers.values[*row] += merit::days_between(h.first, h.last) / period_days;
    for (const std::string& metric : metrics_) {
        merit::Column part(n);
        for (size_t i = 0; i < n; ++i) part.set(i, 0);
        // Each contact counts for whoever held the retailer on its date.
        ctx.holdings(std::string(scope.first_day()), std::string(scope.last_day()), metric,
                     [&](const merit::HoldingRow& h) {
                         if (h.fact_count == 0) return true;
                         if (const auto r = index.row(std::string(h.manager_id))) part.values[*r] += h.value;
                         return true;
                     });
        for (size_t i = 0; i < n; ++i) contacts.values[i] += part.values[i];
        ctx.trace(metric, part);
    }
    for (size_t i = 0; i < n; ++i) {
        if (retailers.values[i] <= 0) {
            out.clear(i);
            ctx.note(i, "no retailer held in the period: no value");
            continue;
        }
        const double value = contacts.values[i] / retailers.values[i] * 100.0;
        out.set(i, value);
        ctx.note(i, fixed(contacts.values[i], 0) + " complaints and enquiries ÷ " +
                        fixed(retailers.values[i]) + " retailers (average held) × 100 = " + fixed(value));
    }
    ctx.trace("average retailers held", retailers);
    ctx.trace("complaints and enquiries", contacts);
}

}  // namespace tobacco
