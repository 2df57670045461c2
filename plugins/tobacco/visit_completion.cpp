// Visit completion (拜访完成率). Each retailer class has a visit standard in
// visits per month (A weekly = 4, B fortnightly = 2, C monthly = 1 by
// default). A retailer held for part of a month requires that part of the
// standard: required = per_month × days held ÷ days in the month, summed
// over the months of the holding. Only visits whose five-step check passed
// (steps completed >= min_steps) count, and only those dated while the
// manager held the retailer. With cap_per_retailer, extra visits to one
// retailer cannot make up for another retailer left unvisited.
//   completion = Σ min(effective, required) ÷ Σ required
#include <algorithm>
#include <cmath>

#include "common.hpp"
#include "components.hpp"
#include "portfolio.hpp"

namespace tobacco {

VisitCompletion::VisitCompletion(const merit::Value& params)
    : visit_metric_(params["visit_metric"].string()),
      min_steps_(params["min_steps"].number()),
      class_metric_(params["class_metric"].string()),
      cap_per_retailer_(params["cap_per_retailer"].boolean()) {
    const merit::Value standard = params["standard"];
    if (standard.is_null()) {
        standards_ = {{1, {"A", 4}}, {2, {"B", 2}}, {3, {"C", 1}}};
        return;
    }
    if (!standard.is_array() || standard.size() == 0) standard.fail("must be a non-empty array");
    for (size_t i = 0; i < standard.size(); ++i) {
        const merit::Value entry = standard[i];
        const double code = entry.require("class").number();
        if (code != std::floor(code)) entry["class"].fail("must be a whole number (the retailer_class code)");
        const double per_month = entry.require("per_month").number();
        if (per_month <= 0) entry["per_month"].fail("must be positive");
        const std::string label = entry.get_string("label", std::to_string(long(code)));
        if (!standards_.emplace(long(code), Standard{label, per_month}).second)
            entry["class"].fail("class " + std::to_string(long(code)) + " appears twice");
    }
}

void VisitCompletion::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const merit::Day first = merit::require_day(scope.first_day(), "period first day");
    const merit::Day last = merit::require_day(scope.last_day(), "period last day");
    const ScopeIndex index(scope);
    const std::vector<Holding> held = holdings(ctx, first, last);
    const auto classes = stock_at_holding_end(ctx, held, class_metric_);

    // Every visit of the period by retailer: (date, steps completed).
    std::map<std::string, std::vector<std::pair<std::string, double>>> visits;
    ctx.customer_facts(visit_metric_, std::string(scope.first_day()), std::string(scope.last_day()),
                       [&](const char* customer, std::string_view date, double steps) {
                           visits[customer].emplace_back(std::string(date), steps);
                           return true;
                       });

    const size_t n = scope.size();
    merit::Column required(n), counted(n), effective(n), failed(n), retailers(n), unclassed(n);
    struct ClassTally {
        int retailers = 0;
        double required = 0, counted = 0, effective = 0;
    };
    std::vector<std::map<long, ClassTally>> by_class(n);
    for (size_t i = 0; i < n; ++i) {
        required.set(i, 0), counted.set(i, 0), effective.set(i, 0), failed.set(i, 0);
        retailers.set(i, 0), unclassed.set(i, 0);
    }

    for (size_t h = 0; h < held.size(); ++h) {
        const Holding& holding = held[h];
        const auto row = index.row(holding.manager_id);
        if (!row) continue;
        const size_t i = *row;
        const auto standard = classes[h] ? standards_.find(long(*classes[h])) : standards_.end();
        if (standard == standards_.end()) {
            unclassed.values[i] += 1;
            ctx.note(i, "retailer " + holding.customer_id + " has no class with a visit standard (" +
                            class_metric_ + " = " +
                            (classes[h] ? fixed(*classes[h], 0) : std::string("none")) + "): not counted");
            continue;
        }
        double need = 0;
        for (const merit::MonthSlice& slice : merit::month_slices(holding.first, holding.last))
            need += standard->second.per_month * slice.days_in_window / slice.days_in_month;
        double done = 0, bad = 0;
        const std::string from = merit::format_day(holding.first), to = merit::format_day(holding.last);
        if (const auto it = visits.find(holding.customer_id); it != visits.end())
            for (const auto& [date, steps] : it->second)
                if (date >= from && date <= to) (steps >= min_steps_ ? done : bad) += 1;
        const double credit = cap_per_retailer_ ? std::min(done, need) : done;

        required.values[i] += need;
        counted.values[i] += credit;
        effective.values[i] += done;
        failed.values[i] += bad;
        retailers.values[i] += 1;
        ClassTally& tally = by_class[i][standard->first];
        tally.retailers += 1, tally.required += need, tally.counted += credit, tally.effective += done;
        if (holding.first != first || holding.last != last)
            ctx.note(i, "retailer " + holding.customer_id + " (class " + standard->second.label + ") held " +
                            from + ".." + to + ": required " + fixed(need) + ", effective visits " +
                            fixed(done, 0) + ", counted " + fixed(credit));
    }

    for (size_t i = 0; i < n; ++i) {
        for (const auto& [code, tally] : by_class[i]) {
            const Standard& s = standards_.at(code);
            ctx.note(i, "class " + s.label + " (" + fixed(s.per_month, 2) +
                            " visits/month): " + std::to_string(tally.retailers) + " retailers, required " +
                            fixed(tally.required) + ", effective " + fixed(tally.effective, 0) +
                            ", counted " + fixed(tally.counted));
        }
        if (required.values[i] <= 0) {
            out.clear(i);
            ctx.note(i, "no retailer with a visit standard held in the period: no value");
            continue;
        }
        const double value = counted.values[i] / required.values[i];
        out.set(i, value);
        ctx.note(i, "visit completion = " + fixed(counted.values[i]) + " ÷ " + fixed(required.values[i]) +
                        " = " + fixed(value, 4));
    }
    ctx.trace("retailers held", retailers);
    ctx.trace("required visits", required);
    ctx.trace("effective visits", effective);
    ctx.trace("visits failing the five-step check", failed);
    ctx.trace("counted visits", counted);
    if (std::any_of(unclassed.values.begin(), unclassed.values.end(), [](double v) { return v > 0; }))
        ctx.trace("retailers without a class", unclassed);
}

}  // namespace tobacco
