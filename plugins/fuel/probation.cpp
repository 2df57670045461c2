#include "probation.hpp"

#include <map>

namespace fuel {

ProbationRule ProbationRule::from(const merit::Value& params) {
    ProbationRule rule;
    const double months = params["trainee_months"].number();
    if (months < 0 || months != static_cast<int>(months))
        params["trainee_months"].fail("must be a whole number >= 0");
    rule.months = static_cast<int>(months);
    rule.pass_event = params.get_string("pass_event", rule.pass_event);
    return rule;
}

std::vector<std::optional<merit::Day>> pass_dates(const merit::Context& ctx, const merit::Scope& scope,
                                                  const ProbationRule& rule) {
    std::vector<std::optional<merit::Day>> out(scope.size());
    if (rule.pass_event.empty()) return out;
    std::map<std::string, size_t, std::less<>> row_of;
    for (size_t i = 0; i < scope.size(); ++i) row_of.emplace(std::string(scope.manager_id(i)), i);
    // Every pass event (the host's event rows, plugin API 1.1), in (manager,
    // date) order: the first of a manager's is the day it passed.
    ctx.event_rows(rule.pass_event, std::nullopt, std::nullopt, [&](const merit::EventRow& e) {
        const auto it = row_of.find(e.manager_id);
        if (it != row_of.end() && !out[it->second])
            out[it->second] = merit::require_day(e.date, "events.csv " + rule.pass_event + " date");
        return true;
    });
    return out;
}

ProbationStatus probation_on(merit::Day as_of, std::string_view hired_on, std::string_view manager_status,
                             const std::optional<merit::Day>& passed, const ProbationRule& rule,
                             std::string_view manager_id) {
    ProbationStatus status;
    if (hired_on.empty()) return status;
    const merit::Day hired =
        merit::require_day(hired_on, "managers.csv hired_on of " + std::string(manager_id));
    const merit::Day end = merit::add_months(hired, rule.months);
    if (as_of < hired) {
        status.trainee = true;
        status.reason = "入职 " + merit::format_day(hired) + " 晚于 " + merit::format_day(as_of);
        return status;
    }
    if (as_of < end) {
        status.trainee = true;
        status.reason = "入职 " + merit::format_day(hired) + "，见习期 " + std::to_string(rule.months) +
                        " 个月至 " + merit::format_day(end - std::chrono::days{1});
        return status;
    }
    if (rule.pass_event.empty() || (!passed && manager_status != "probation")) {
        status.confirmed_on = end;
        return status;
    }
    if (!passed || *passed > as_of) {
        status.trainee = true;
        status.reason =
            "见习期已满 (" + merit::format_day(end) + ")，截至 " + merit::format_day(as_of) + " 未认定合格";
        return status;
    }
    status.confirmed_on = *passed < end ? end : *passed;
    return status;
}

}  // namespace fuel
