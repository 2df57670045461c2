// The 见习 (probation) rule shared by base pay and grading: a new customer
// manager is a trainee for the first N months after hire and becomes a graded
// manager once the business department confirms the pass (an event).
#pragma once

#include <merit/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

#include <merit/calendar.hpp>

namespace fuel {

struct ProbationRule {
    int months = 3;
    std::string pass_event = "probation_pass";  // "" = passed automatically when the months end

    static ProbationRule from(const merit::Value& params);
};

struct ProbationStatus {
    bool trainee = false;
    std::optional<merit::Day> confirmed_on;  // the day the manager became a graded manager (nullopt: unknown)
    std::string reason;                      // why a trainee, for explain
};

// The earliest pass event of each manager in scope (nullopt: none recorded).
std::vector<std::optional<merit::Day>> pass_dates(const merit::Context& ctx, const merit::Scope& scope,
                                                  const ProbationRule& rule);

// The manager's probation status on `as_of`; `hired_on` empty means unknown
// (treated as a long-serving manager). When a pass event is required, a pass
// dated after `as_of` means not yet confirmed; no pass event at all means
// confirmed at the end of the months unless the manager's status is still
// `probation` (a pass from before the data began is not recorded).
ProbationStatus probation_on(merit::Day as_of, std::string_view hired_on, std::string_view status,
                             const std::optional<merit::Day>& passed, const ProbationRule& rule,
                             std::string_view manager_id);

}  // namespace fuel
