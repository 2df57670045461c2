// The core plugin: generic indicator providers, scorers and reward
// calculators that any organisation assembles into a scheme without C++.
// Each component lives in its own file; this block only lists them.
#include "common.hpp"

MERIT_PLUGIN("core", "1.0.0") {
    core::register_fact_aggregate(plugin);
    core::register_event_count(plugin);
    core::register_target_completion(plugin);
    core::register_rating_average(plugin);
    core::register_sql_indicator(plugin);
    core::register_formula(plugin);
    core::register_linear(plugin);
    core::register_threshold_bands(plugin);
    core::register_lower_is_better(plugin);
    core::register_rank_percentile(plugin);
    core::register_pass_fail(plugin);
    core::register_bonus_pool(plugin);
    core::register_tiered_commission(plugin);
    core::register_fines(plugin);
    core::register_rating_coefficient(plugin);
    core::register_grade_rules(plugin);
    core::register_deferred(plugin);
}
