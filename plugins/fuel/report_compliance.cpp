// Daily-report compliance (工作日报制度): the share of working days in the
// period on which the manager filed a daily report. Working days are Monday
// to Friday minus the scheme's holidays plus its make-up workdays (调休);
// a manager hired during the period is counted from the hire date. Several
// reports on one day count once; reports on days off do not count.
#include <map>

#include "components.hpp"
#include "params.hpp"

namespace fuel {

ReportCompliance::ReportCompliance(const merit::Value& params)
    : kind_(params["kind"].string()),
      calendar_(date_set(params["holidays"]), date_set(params["extra_workdays"])),
      from_hire_date_(params["from_hire_date"].boolean()) {
    if (kind_.empty()) params["kind"].fail("must not be empty");
}

void ReportCompliance::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const merit::Day first = merit::require_day(scope.first_day(), "run period first day");
    const merit::Day last = merit::require_day(scope.last_day(), "run period last day");
    std::map<std::string, size_t, std::less<>> row_of;
    for (size_t i = 0; i < scope.size(); ++i) row_of.emplace(std::string(scope.manager_id(i)), i);
    std::vector<std::vector<merit::Day>> report_days(scope.size());
    // The kind's events of the period in (manager, date) order (the host's
    // event rows, plugin API 1.1); several on one day count once.
    ctx.event_rows(kind_, std::string(scope.first_day()), std::string(scope.last_day()),
                   [&](const merit::EventRow& e) {
                       const auto it = row_of.find(e.manager_id);
                       if (it == row_of.end()) return true;
                       const merit::Day day = merit::require_day(e.date, "events.csv " + kind_ + " date");
                       auto& days = report_days[it->second];
                       if (days.empty() || days.back() != day) days.push_back(day);
                       return true;
                   });
    merit::Column working(scope.size()), filed(scope.size());
    for (size_t i = 0; i < scope.size(); ++i) {
        merit::Day start = first;
        if (from_hire_date_ && !scope.hired_on(i).empty()) {
            const merit::Day hired = merit::require_day(
                scope.hired_on(i), "managers.csv hired_on of " + std::string(scope.manager_id(i)));
            if (hired > start) start = hired;
        }
        const int days = start <= last ? calendar_.working_days(start, last) : 0;
        int count = 0;
        for (merit::Day day : report_days[i])
            count += (day >= start && calendar_.is_working_day(day)) ? 1 : 0;
        working.set(i, days);
        filed.set(i, count);
        if (days == 0) {
            out.clear(i);
            ctx.note(i, "期间内无应报工作日：日报合规率为空");
            continue;
        }
        out.set(i, static_cast<double>(count) / days);
        if (start > first) ctx.note(i, "自入职日 " + merit::format_day(start) + " 起计工作日");
    }
    ctx.trace("应报工作日", working);
    ctx.trace("已报日报天数", filed);
}

}  // namespace fuel
