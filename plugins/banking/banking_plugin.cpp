// The banking plugin (商业银行, incl. the postal savings big-customer centre):
// indicators and pay rules from seeds 000–004, built against the SDK alone.
#include <merit/plugin.hpp>

#include "components.hpp"

MERIT_PLUGIN("banking", "1.0.0") {
    banking::add_deposit_increment(plugin);
    banking::add_loan_issuance(plugin);
    banking::add_npl_ratio(plugin);
    banking::add_loan_loss_provision(plugin);
    banking::add_intermediate_income(plugin);
    banking::add_aum_growth(plugin);
    banking::add_new_effective_customers(plugin);
    banking::add_churn_rate(plugin);
    banking::add_tier_upgrades(plugin);
    banking::add_cross_sell(plugin);
    banking::add_customers_held(plugin);
    banking::add_bad_loans(plugin);
    banking::add_virtual_profit(plugin);
    banking::add_raroc(plugin);
    banking::add_virtual_profit_bonus(plugin);
    banking::add_joint_accountability(plugin);
    banking::add_grade_ladder(plugin);
    banking::add_postal_level(plugin);
    banking::add_new_high_commission(plugin);
}
