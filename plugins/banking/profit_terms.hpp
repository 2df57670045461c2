// The income and funding-cost terms of the virtual profit model (虚拟利润,
// seed 001), shared by the virtual profit and RAROC indicators:
//   business income = interest income + intermediate income
//                   + international settlement income
//                   + lending-out income: max(旬均 deposits − loans, 0) × 拆出 rate × days / day count
//   funding cost    = 旬均 deposits × deposit rate × days / day count
//                   + shortfall: max(loans − 旬均 deposits, 0) × 拆入 rate × days / day count
// Rates are annual; the day count (360 or 365) is a parameter.
#pragma once

#include <merit/plugin.hpp>

#include <string>
#include <vector>

#include "loan_classes.hpp"

namespace banking {

struct ProfitModel {
    std::string deposit_metric = "deposit";
    merit_aggregation balance_average = MERIT_AGG_XUN_AVG;
    LoanClasses classes;
    std::string interest_metric = "loan_interest";
    std::vector<std::string> intermediate_metrics{"fee_wealth", "fee_fund", "fee_insurance", "fee_settlement",
                                                  "fee_agency"};
    std::string settlement_metric = "intl_settlement_income";
    double deposit_rate = 0.015;      // 存款利率, annual
    double lending_out_rate = 0.025;  // 拆出资金利率, annual
    double borrowing_rate = 0.03;     // 拆入资金利率, annual
    int day_count = 360;

    static ProfitModel from(const merit::Value& params);
};

// One value per scope row for every term.
struct ProfitTerms {
    int days = 0;
    std::vector<double> deposits, loans, interest, intermediate, settlement, lending_out, income,
        deposit_cost, shortfall_cost, funding_cost;
};

// Computes and traces every term; notes the arithmetic for each manager.
ProfitTerms profit_terms(const ProfitModel& model, const merit::Context& ctx, const merit::Scope& scope);

}  // namespace banking
