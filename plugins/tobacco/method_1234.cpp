// The market manager's "1234" method (002 篇6), per month:
//   1  one assessment with recognition          part = min(assessments ÷ 1, 1)
//   2  ≥ 2 inspections of every district         part = mean over districts of min(inspections ÷ 2, 1)
//   3  ≥ 3 phone spot-checks per CM per working day
//                                                part = compliant CM-days ÷ CM working days
//      (a CM's working days of the month count from the hire date: one hired
//      mid-month owes checks from then on, one hired after the month is not
//      supervised yet)
//   4  ≥ 4 work-trace inspections                part = min(inspection days ÷ 4, 1)
// part = all gives the mean of the four. Every shortfall is written as a
// note, so `merit explain` shows which district, CM and day fell short.
//
// Records: assessments and district inspections are events of the market
// manager (an inspection's note names the district's org unit id); phone
// checks (quantity = households) and work-trace inspections are events of
// the CM checked. Districts and CMs come from the org tree (organisation.hpp).
#include <algorithm>
#include <set>

#include <merit/calendar.hpp>
#include "common.hpp"
#include "components.hpp"
#include "organisation.hpp"

namespace tobacco {

namespace {
const std::vector<std::string> kParts = {"assessment", "district_inspections", "phone_checks",
                                         "trace_inspections", "all"};

// The working days each CM owes phone checks for: those from the hire date on.
std::vector<std::vector<std::string>> cm_working_days(const std::vector<StaffMember>& cms,
                                                      const std::vector<std::string>& working) {
    std::vector<std::vector<std::string>> out;
    for (const auto& cm : cms) {
        std::vector<std::string> days;
        for (const auto& day : working)
            if (cm.hired_on.empty() || cm.hired_on <= day) days.push_back(day);
        out.push_back(std::move(days));
    }
    return out;
}

// "(2 CMs × 21 working days)" when every CM owes the whole month, else each
// CM's days, so explain shows whose hire date shortened the month.
std::string owed_text(const std::vector<StaffMember>& cms, const std::vector<std::vector<std::string>>& owed,
                      size_t working) {
    size_t total = 0;
    bool whole_month = true;
    for (const auto& days : owed) {
        total += days.size();
        whole_month = whole_month && days.size() == working;
    }
    if (whole_month)
        return "(" + std::to_string(cms.size()) + " CMs × " + std::to_string(working) + " working days)";
    std::string each;
    for (size_t c = 0; c < cms.size(); ++c)
        each += (each.empty() ? "" : ", ") + cms[c].id + " " + std::to_string(owed[c].size()) +
                (owed[c].size() == working ? "" : " from hire " + cms[c].hired_on);
    return std::to_string(total) + " CM working days (" + each + ")";
}

// The CMs a market manager supervises in the period: a CM hired after its
// last day is not yet one of them (noted for explain).
std::vector<StaffMember> supervised_in_period(const merit::Context& ctx, size_t row,
                                              std::vector<StaffMember> staff, const std::string& last) {
    std::vector<StaffMember> out;
    for (auto& cm : staff) {
        if (!cm.hired_on.empty() && cm.hired_on > last) {
            ctx.note(row,
                     "1234: " + cm.id + " hired " + cm.hired_on + ", after the period: not supervised yet");
            continue;
        }
        out.push_back(std::move(cm));
    }
    return out;
}
}  // namespace

Method1234::Method1234(const merit::Value& params)
    : part_(params["part"].string()),
      supervised_role_(params["supervised_role"].string()),
      district_kind_(params["district_kind"].string()),
      assessment_kind_(params["assessment_kind"].string()),
      min_assessments_(params["min_assessments"].number()),
      inspection_kind_(params["inspection_kind"].string()),
      min_inspections_per_district_(params["min_inspections_per_district"].number()),
      phone_kind_(params["phone_check_kind"].string()),
      min_phone_checks_per_day_(params["min_phone_checks_per_day"].number()),
      holidays_(string_list(params, "holidays", {})),
      extra_workdays_(string_list(params, "extra_workdays", {})),
      trace_kind_(params["trace_inspection_kind"].string()),
      min_trace_inspections_(params["min_trace_inspections"].number()) {
    if (std::find(kParts.begin(), kParts.end(), part_) == kParts.end())
        params["part"].fail(
            "must be assessment, district_inspections, phone_checks, trace_inspections or all");
    for (const char* key : {"min_assessments", "min_inspections_per_district", "min_phone_checks_per_day",
                            "min_trace_inspections"})
        if (params.get_number(key, 1) <= 0) params[key].fail("must be positive");
    const merit::Value days = params["workdays"];
    if (days.is_null()) workdays_ = {1, 2, 3, 4, 5};
    for (size_t i = 0; i < days.size(); ++i) {
        const double d = days[i].number();
        if (d < 1 || d > 7 || d != int(d)) days[i].fail("must be an ISO weekday 1 (Monday) .. 7 (Sunday)");
        workdays_.push_back(int(d));
    }
    for (const auto& d : holidays_) merit::require_day(d, "params.holidays");
    for (const auto& d : extra_workdays_) merit::require_day(d, "params.extra_workdays");
}

void Method1234::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const std::string first(scope.first_day()), last(scope.last_day());
    const merit::Day first_day = merit::require_day(first, "period first day"),
                     last_day = merit::require_day(last, "period last day");
    const Organisation org = Organisation::load(ctx, last);
    const size_t n = scope.size();
    const bool all = part_ == "all";
    auto want = [&](const char* p) { return all || part_ == p; };

    // Working days of the period: listed weekdays, minus holidays, plus
    // make-up working days (调休).
    std::vector<std::string> working;
    for (merit::Day d = first_day; d <= last_day; d += std::chrono::days{1}) {
        const std::string text = merit::format_day(d);
        const bool weekday = std::count(workdays_.begin(), workdays_.end(), merit::iso_weekday(d)) > 0;
        const bool holiday = std::count(holidays_.begin(), holidays_.end(), text) > 0;
        const bool extra = std::count(extra_workdays_.begin(), extra_workdays_.end(), text) > 0;
        if ((weekday && !holiday) || extra) working.push_back(text);
    }

    // Event tallies read once for the whole scope (the host's event rows,
    // plugin API 1.1, of every manager: phone checks and work traces are
    // the supervised CMs' events).
    std::map<std::pair<std::string, std::string>, double> inspections;  // (manager, district) -> count
    ctx.event_rows(inspection_kind_, first, last, [&](const merit::EventRow& e) {
        inspections[{std::string(e.manager_id), std::string(e.note)}] += 1;
        return true;
    });
    std::map<std::pair<std::string, std::string>, double> phone;  // (cm, day) -> households
    ctx.event_rows(phone_kind_, first, last, [&](const merit::EventRow& e) {
        phone[{std::string(e.manager_id), std::string(e.date)}] += e.quantity;
        return true;
    });
    std::map<std::string, std::set<std::string>> trace_days;  // cm -> days inspected
    ctx.event_rows(trace_kind_, first, last, [&](const merit::EventRow& e) {
        trace_days[std::string(e.manager_id)].insert(std::string(e.date));
        return true;
    });
    const auto assessments =
        ctx.events(scope, {.kind = assessment_kind_, .measure = MERIT_EVENT_COUNT, .period = std::nullopt});

    merit::Column p1(n), p2(n), p3(n), p4(n), short_days(n), cms(n);
    for (size_t i = 0; i < n; ++i) {
        const std::string id(scope.manager_id(i)), unit(scope.org_unit_id(i));
        const auto supervised = supervised_in_period(ctx, i, org.staff_under(unit, supervised_role_), last);
        cms.set(i, double(supervised.size()));

        if (want("assessment")) {
            const double v = std::min(assessments[i] / min_assessments_, 1.0);
            p1.set(i, v);
            ctx.note(i, "1234 part 1: " + fixed(assessments[i], 0) + " assessment(s) with recognition of " +
                            fixed(min_assessments_, 0) + " required" +
                            (v < 1 ? " — short " + fixed(min_assessments_ - assessments[i], 0) : "") + " → " +
                            fixed(v, 4));
        }
        if (want("district_inspections")) {
            const auto districts = org.units_of_kind(unit, district_kind_);
            if (districts.empty()) {
                ctx.note(
                    i, "1234 part 2: no unit of kind '" + district_kind_ + "' under " + unit + ": no value");
            } else {
                double sum = 0;
                for (const auto& d : districts) {
                    const auto it = inspections.find({id, d});
                    const double done = it == inspections.end() ? 0 : it->second;
                    const double credit = std::min(done / min_inspections_per_district_, 1.0);
                    sum += credit;
                    ctx.note(
                        i,
                        "1234 part 2: district " + d + " " + org.unit_name(d) + " inspected " +
                            fixed(done, 0) + " of " + fixed(min_inspections_per_district_, 0) + " times" +
                            (credit < 1 ? " — short " + fixed(min_inspections_per_district_ - done, 0) : ""));
                }
                p2.set(i, sum / double(districts.size()));
                ctx.note(i, "1234 part 2 = " + fixed(sum, 4) + " ÷ " + std::to_string(districts.size()) +
                                " districts = " + fixed(p2.values[i], 4));
            }
        }
        if (want("phone_checks")) {
            const auto owed = cm_working_days(supervised, working);
            double required = 0;
            for (const auto& days : owed) required += double(days.size());
            if (required == 0) {
                ctx.note(i, "1234 part 3: no supervised CM or no working day: no value");
            } else {
                double compliant = 0;
                for (size_t c = 0; c < supervised.size(); ++c)
                    for (const auto& day : owed[c]) {
                        const auto it = phone.find({supervised[c].id, day});
                        const double households = it == phone.end() ? 0 : it->second;
                        if (households >= min_phone_checks_per_day_) {
                            compliant += 1;
                        } else {
                            short_days.values[i] += 1;
                            ctx.note(i, "1234 part 3: " + supervised[c].id + " on " + day +
                                            " phone-checked " + fixed(households, 0) + " of " +
                                            fixed(min_phone_checks_per_day_, 0) + " households");
                        }
                    }
                short_days.valid[i] = 1;
                p3.set(i, compliant / required);
                ctx.note(i, "1234 part 3 = " + fixed(compliant, 0) + " compliant CM-days ÷ " +
                                owed_text(supervised, owed, working.size()) + " = " + fixed(p3.values[i], 4));
            }
        }
        if (want("trace_inspections")) {
            std::set<std::string> days;
            for (const auto& cm : supervised)
                if (auto it = trace_days.find(cm.id); it != trace_days.end())
                    days.insert(it->second.begin(), it->second.end());
            const double done = double(days.size());
            const double v = std::min(done / min_trace_inspections_, 1.0);
            p4.set(i, v);
            std::string list;
            for (const auto& d : days) list += (list.empty() ? "" : ", ") + d;
            ctx.note(i, "1234 part 4: work traces inspected on " + fixed(done, 0) + " of " +
                            fixed(min_trace_inspections_, 0) + " required days" +
                            (list.empty() ? "" : " (" + list + ")") +
                            (v < 1 ? " — short " + fixed(min_trace_inspections_ - done, 0) : "") + " → " +
                            fixed(v, 4));
        }

        const merit::Column* single = part_ == "assessment"             ? &p1
                                      : part_ == "district_inspections" ? &p2
                                      : part_ == "phone_checks"         ? &p3
                                      : part_ == "trace_inspections"    ? &p4
                                                                        : nullptr;
        if (single) {
            if (single->has(i))
                out.set(i, single->values[i]);
            else
                out.clear(i);
            continue;
        }
        double sum = 0;
        int parts = 0;
        for (const merit::Column* p : {&p1, &p2, &p3, &p4})
            if (p->has(i)) sum += p->values[i], ++parts;
        if (parts == 0) {
            out.clear(i);
            continue;
        }
        out.set(i, sum / parts);
        ctx.note(i,
                 "1234 compliance = mean of " + std::to_string(parts) + " parts = " + fixed(sum / parts, 4));
    }
    ctx.trace("supervised CMs", cms);
    ctx.trace("working days", std::vector<double>(n, double(working.size())));
    if (want("assessment")) ctx.trace("part 1 assessment", p1);
    if (want("district_inspections")) ctx.trace("part 2 district inspections", p2);
    if (want("phone_checks")) {
        ctx.trace("part 3 phone checks", p3);
        ctx.trace("CM-days short of phone checks", short_days);
    }
    if (want("trace_inspections")) ctx.trace("part 4 work-trace inspections", p4);
}

}  // namespace tobacco
