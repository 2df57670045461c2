#include "profit_terms.hpp"

#include <algorithm>

#include "common.hpp"

namespace banking {

ProfitModel ProfitModel::from(const merit::Value& params) {
    ProfitModel m;
    m.deposit_metric = params.get_string("deposit_metric", m.deposit_metric);
    m.balance_average = stock_aggregation(params, "balance_average", "xun_avg");
    m.classes = LoanClasses::from(params);
    m.interest_metric = params.get_string("interest_metric", m.interest_metric);
    m.intermediate_metrics = string_list(params, "intermediate_metrics", m.intermediate_metrics);
    m.settlement_metric = params.get_string("settlement_metric", m.settlement_metric);
    m.deposit_rate = rate_param(params, "deposit_rate", m.deposit_rate);
    m.lending_out_rate = rate_param(params, "lending_out_rate", m.lending_out_rate);
    m.borrowing_rate = rate_param(params, "borrowing_rate", m.borrowing_rate);
    const double day_count = params.get_number("day_count", m.day_count);
    if (day_count != 360 && day_count != 365) params["day_count"].fail("must be 360 or 365");
    m.day_count = static_cast<int>(day_count);
    return m;
}

ProfitTerms profit_terms(const ProfitModel& m, const merit::Context& ctx, const merit::Scope& scope) {
    const size_t n = scope.size();
    ProfitTerms t;
    t.days = days_inclusive(std::string(scope.first_day()), std::string(scope.last_day()));
    const double year_share = static_cast<double>(t.days) / m.day_count;
    auto zeros = [n] { return std::vector<double>(n, 0.0); };
    t.deposits = t.loans = t.interest = t.intermediate = t.settlement = t.lending_out = t.income =
        t.deposit_cost = t.shortfall_cost = t.funding_cost = zeros();

    const merit::Column deposits = ctx.facts(scope, Facts(m.deposit_metric, m.balance_average));
    const auto loan_classes = m.classes.balances(ctx, scope, m.balance_average);
    const merit::Column interest = ctx.facts(scope, Facts(m.interest_metric));
    const merit::Column settlement = ctx.facts(scope, Facts(m.settlement_metric));
    for (const auto& metric : m.intermediate_metrics) {
        const merit::Column fee = ctx.facts(scope, Facts(metric));
        for (size_t i = 0; i < n; ++i) t.intermediate[i] += fee.value_or(i, 0.0);
    }
    for (size_t i = 0; i < n; ++i) {
        t.deposits[i] = deposits.value_or(i, 0.0);
        for (const auto& column : loan_classes) t.loans[i] += column.value_or(i, 0.0);
        t.interest[i] = interest.value_or(i, 0.0);
        t.settlement[i] = settlement.value_or(i, 0.0);
        t.lending_out[i] = std::max(t.deposits[i] - t.loans[i], 0.0) * m.lending_out_rate * year_share;
        t.income[i] = t.interest[i] + t.intermediate[i] + t.settlement[i] + t.lending_out[i];
        t.deposit_cost[i] = t.deposits[i] * m.deposit_rate * year_share;
        t.shortfall_cost[i] = std::max(t.loans[i] - t.deposits[i], 0.0) * m.borrowing_rate * year_share;
        t.funding_cost[i] = t.deposit_cost[i] + t.shortfall_cost[i];

        const std::string span = " × " + std::to_string(t.days) + "/" + std::to_string(m.day_count);
        ctx.note(i, "lending-out income = max(deposits " + num(t.deposits[i]) + " − loans " +
                        num(t.loans[i]) + ", 0) × " + num(m.lending_out_rate * 100, 4) + "%" + span + " = " +
                        num(t.lending_out[i]));
        ctx.note(i, "business income = interest " + num(t.interest[i]) + " + intermediate " +
                        num(t.intermediate[i]) + " + settlement " + num(t.settlement[i]) + " + lending-out " +
                        num(t.lending_out[i]) + " = " + num(t.income[i]));
        ctx.note(i, "deposit cost = " + num(t.deposits[i]) + " × " + num(m.deposit_rate * 100, 4) + "%" +
                        span + " = " + num(t.deposit_cost[i]));
        ctx.note(i, "shortfall cost = max(loans " + num(t.loans[i]) + " − deposits " + num(t.deposits[i]) +
                        ", 0) × " + num(m.borrowing_rate * 100, 4) + "%" + span + " = " +
                        num(t.shortfall_cost[i]));
        ctx.note(i, "funding cost = " + num(t.deposit_cost[i]) + " + " + num(t.shortfall_cost[i]) + " = " +
                        num(t.funding_cost[i]));
    }
    ctx.trace("deposits (" + m.deposit_metric + ", average)", t.deposits);
    ctx.trace("loans (five classes, average)", t.loans);
    ctx.trace("interest income", t.interest);
    ctx.trace("intermediate income", t.intermediate);
    ctx.trace("international settlement income", t.settlement);
    ctx.trace("lending-out income", t.lending_out);
    ctx.trace("business income", t.income);
    ctx.trace("deposit cost", t.deposit_cost);
    ctx.trace("shortfall cost", t.shortfall_cost);
    ctx.trace("funding cost", t.funding_cost);
    return t;
}

}  // namespace banking
