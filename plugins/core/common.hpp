// Helpers shared by the core components: parameter parsing that names the
// JSON path on error, number formatting for explain text, and the one list
// of components registered by core_plugin.cpp.
#pragma once

#include <merit/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

namespace core {

// A parameter that may be one string or an array of strings ("kind": "a" or ["a", "b"]).
std::vector<std::string> string_list(const merit::Value& value);

// An enumerated string parameter; throws naming the path and the allowed values.
std::string choice(const merit::Value& params, const char* key, const std::string& fallback,
                   const std::vector<std::string>& allowed);
// The same for a parameter whose manifest has a default: the host has set it.
std::string choice(const merit::Value& params, const char* key, const std::vector<std::string>& allowed);

// A number parameter that must lie in [minimum, maximum].
double bounded(const merit::Value& params, const char* key, double fallback, double minimum, double maximum);
// The same for a parameter whose manifest has a default: the host has set it.
double bounded(const merit::Value& params, const char* key, double minimum, double maximum);

// Compact decimal text for explain lines: at most `digits` decimals, trailing zeros dropped.
std::string num(double value, int digits = 4);

// "1234.56" yuan text of a double amount (rounded to fen for display only).
std::string yuan(double amount);

// Comparison operators shared by pass_fail, grade_rules and the formula language.
bool compare(double left, const std::string& op, double right);
bool is_comparison(const std::string& op);

// Registration, one function per component file.
void register_fact_aggregate(merit::PluginBuilder& plugin);
void register_event_count(merit::PluginBuilder& plugin);
void register_target_completion(merit::PluginBuilder& plugin);
void register_rating_average(merit::PluginBuilder& plugin);
void register_sql_indicator(merit::PluginBuilder& plugin);
void register_formula(merit::PluginBuilder& plugin);
void register_linear(merit::PluginBuilder& plugin);
void register_threshold_bands(merit::PluginBuilder& plugin);
void register_lower_is_better(merit::PluginBuilder& plugin);
void register_rank_percentile(merit::PluginBuilder& plugin);
void register_pass_fail(merit::PluginBuilder& plugin);
void register_bonus_pool(merit::PluginBuilder& plugin);
void register_tiered_commission(merit::PluginBuilder& plugin);
void register_fines(merit::PluginBuilder& plugin);
void register_rating_coefficient(merit::PluginBuilder& plugin);
void register_grade_rules(merit::PluginBuilder& plugin);
void register_deferred(merit::PluginBuilder& plugin);

}  // namespace core
