// Audit findings (检查/审计发现) on the manager's sales documents (销售单据),
// fund flows (资金流转) and customer stock (客存): events of one kind per
// area, each finding weighted by the points the scheme gives its area, so a
// fund-flow irregularity can weigh more than a missing signature.
#include "components.hpp"
#include "params.hpp"

namespace fuel {

AuditFindings::AuditFindings(const merit::Value& params) {
    if (params["weights"].is_null()) {
        weights_ = {{"audit_sales_document", 1}, {"audit_fund_flow", 1}, {"audit_customer_stock", 1}};
    } else {
        weights_ = number_table(params["weights"], false);
        if (weights_.empty()) params["weights"].fail("must name at least one event kind");
    }
}

void AuditFindings::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    std::vector<double> total(scope.size(), 0.0);
    for (const auto& [kind, weight] : weights_) {
        const auto findings =
            ctx.events(scope, {.kind = kind, .measure = MERIT_EVENT_QUANTITY, .period = std::nullopt});
        ctx.trace(kind + " (×" + fixed(weight, 2) + ")", findings);
        for (size_t i = 0; i < scope.size(); ++i) total[i] += weight * findings[i];
    }
    for (size_t i = 0; i < scope.size(); ++i) out.set(i, total[i]);
}

}  // namespace fuel
