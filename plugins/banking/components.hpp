// Each component file registers itself through one of these; the plugin's
// registration block (banking_plugin.cpp) calls them all.
#pragma once

#include <merit/plugin.hpp>

namespace banking {

// Indicator providers.
void add_deposit_increment(merit::PluginBuilder& plugin);
void add_loan_issuance(merit::PluginBuilder& plugin);
void add_npl_ratio(merit::PluginBuilder& plugin);
void add_loan_loss_provision(merit::PluginBuilder& plugin);
void add_intermediate_income(merit::PluginBuilder& plugin);
void add_aum_growth(merit::PluginBuilder& plugin);
void add_new_effective_customers(merit::PluginBuilder& plugin);
void add_churn_rate(merit::PluginBuilder& plugin);
void add_tier_upgrades(merit::PluginBuilder& plugin);
void add_cross_sell(merit::PluginBuilder& plugin);
void add_customers_held(merit::PluginBuilder& plugin);
void add_bad_loans(merit::PluginBuilder& plugin);
void add_virtual_profit(merit::PluginBuilder& plugin);
void add_raroc(merit::PluginBuilder& plugin);

// Reward calculators.
void add_virtual_profit_bonus(merit::PluginBuilder& plugin);
void add_joint_accountability(merit::PluginBuilder& plugin);
void add_grade_ladder(merit::PluginBuilder& plugin);
void add_postal_level(merit::PluginBuilder& plugin);
void add_new_high_commission(merit::PluginBuilder& plugin);

}  // namespace banking
