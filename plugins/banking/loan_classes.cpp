#include "loan_classes.hpp"

#include "common.hpp"

namespace banking {

LoanClasses LoanClasses::from(const merit::Value& params) {
    LoanClasses out;
    const merit::Value classes = params["classes"];
    if (!classes.is_null()) {
        if (!classes.is_object()) classes.fail("must be an object of class -> metric");
        for (size_t i = 0; i < classes.size(); ++i) {
            const std::string key = classes.key(i);
            size_t index = kLoanClassNames.size();
            for (size_t c = 0; c < kLoanClassNames.size(); ++c)
                if (key == kLoanClassNames[c]) index = c;
            if (index == kLoanClassNames.size())
                classes.item(i).fail(
                    "is not a loan class (normal, special_mention, substandard, doubtful, loss)");
            out.metrics[index] = classes.item(i).string();
        }
    }
    const merit::Value rates = params["provision_rates"];
    if (!rates.is_null()) {
        if (!rates.is_object()) rates.fail("must be an object {substandard, doubtful, loss}");
        for (size_t i = 0; i < rates.size(); ++i) {
            const std::string key = rates.key(i);
            if (key != "substandard" && key != "doubtful" && key != "loss")
                rates.item(i).fail("only substandard, doubtful and loss carry a provision rate");
        }
        out.substandard_rate = rate_param(rates, "substandard", out.substandard_rate);
        out.doubtful_rate = rate_param(rates, "doubtful", out.doubtful_rate);
        out.loss_rate = rate_param(rates, "loss", out.loss_rate);
    }
    if (params.has("assignment_role")) out.assignment_role = params["assignment_role"].string();
    return out;
}

std::array<merit::Column, 5> LoanClasses::balances(const merit::Context& ctx, const merit::Scope& scope,
                                                   merit_aggregation aggregation,
                                                   const std::optional<std::string>& period) const {
    std::array<merit::Column, 5> out;
    for (size_t c = 0; c < metrics.size(); ++c) {
        Facts query(metrics[c], aggregation);
        query.in(period);
        if (assignment_role) query.role(assignment_role).whole();
        out[c] = ctx.facts(scope, query);
    }
    return out;
}

double LoanClasses::provision(double substandard_balance, double doubtful_balance,
                              double loss_balance) const {
    return substandard_balance * substandard_rate + doubtful_balance * doubtful_rate +
           loss_balance * loss_rate;
}

std::string LoanClasses::provision_formula(double substandard_balance, double doubtful_balance,
                                           double loss_balance) const {
    return num(substandard_balance) + "×" + num(substandard_rate * 100) + "% + " + num(doubtful_balance) +
           "×" + num(doubtful_rate * 100) + "% + " + num(loss_balance) + "×" + num(loss_rate * 100) +
           "% = " + num(provision(substandard_balance, doubtful_balance, loss_balance));
}

}  // namespace banking
