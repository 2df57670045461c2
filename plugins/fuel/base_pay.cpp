// Base pay (基本工资) = post wage by grade (岗位工资) + seniority allowance
// (企龄津贴) per full year of service + subsidy by grade (补助), seed 002
// 篇10 4.6.1. Worked out month by month over the run's period:
//   - the grade is the one in force on the month's first day (or the hire
//     day): 见习 during probation; else the latest yearly grading that took
//     effect by then; else managers.csv's grade; a graded 见习 whose pass is
//     confirmed since is paid as the first graded grade (初级);
//   - full years of service are counted from hired_on to that same day;
//   - a month the manager joined part-way through is paid for the days
//     employed (calendar days), when prorating is on.
// Rounded to fen once, on the period's total.
#include "components.hpp"
#include "grade_history.hpp"
#include "params.hpp"
#include "probation.hpp"

namespace fuel {

BasePay::BasePay(const merit::Value& params)
    : post_wage_(number_table(params.require("post_wage"), false)),
      seniority_per_year_(params["seniority_per_year"].number()),
      trainee_grade_(params["trainee_grade"].string()),
      passed_grade_(params["passed_grade"].string()),
      grading_scheme_(params["grading_scheme"].string()),
      prorate_(params["prorate"].boolean()),
      code_(params["code"].string()),
      label_(params["label"].string()) {
    if (!params["subsidy"].is_null()) subsidy_ = number_table(params["subsidy"], false);
    if (seniority_per_year_ < 0) params["seniority_per_year"].fail("must not be negative");
    const double cap = params["seniority_max_years"].number();
    if (cap < 0 || cap != static_cast<int>(cap))
        params["seniority_max_years"].fail("must be a whole number >= 0");
    seniority_max_years_ = static_cast<int>(cap);
    const ProbationRule rule = ProbationRule::from(params);
    trainee_months_ = rule.months;
    pass_event_ = rule.pass_event;
    for (const std::string& grade : {trainee_grade_, passed_grade_}) {
        if (!find_in(post_wage_, grade)) params["post_wage"].fail("has no wage for grade '" + grade + "'");
        if (!subsidy_.empty() && !find_in(subsidy_, grade))
            params["subsidy"].fail("has no subsidy for grade '" + grade + "'");
    }
}

void BasePay::compute(merit::Context& ctx, const merit::Scope& scope) {
    const size_t n = scope.size();
    const merit::Day first = merit::require_day(scope.first_day(), "run period first day");
    const merit::Day last = merit::require_day(scope.last_day(), "run period last day");
    const ProbationRule rule{trainee_months_, pass_event_};
    const auto passed = pass_dates(ctx, scope, rule);
    std::vector<std::string> ids;
    for (size_t i = 0; i < n; ++i) ids.emplace_back(scope.manager_id(i));
    const GradeHistory history =
        grading_scheme_.empty() ? GradeHistory{} : GradeHistory::load(ctx, grading_scheme_, ids, first, last);
    merit::Column years_column(n);

    for (size_t i = 0; i < n; ++i) {
        const std::string id(scope.manager_id(i));
        std::optional<merit::Day> hired;
        if (!scope.hired_on(i).empty())
            hired = merit::require_day(scope.hired_on(i), "managers.csv hired_on of " + id);
        double amount = 0;
        std::string basis;
        for (const merit::MonthSlice& month : merit::month_slices(first, last)) {
            const merit::Day start = hired && *hired > month.first ? *hired : month.first;
            const int days = merit::days_between(start, month.last);
            if (days == 0) continue;

            std::string grade;
            std::string source;
            const ProbationStatus status =
                probation_on(start, scope.hired_on(i), scope.status(i), passed[i], rule, id);
            if (status.trainee) {
                grade = trainee_grade_;
                source = status.reason;
            } else if (auto decided = history.grade_on(id, start)) {
                grade = decided->grade;
                source = decided->period + " 年度定级";
            } else if (!scope.grade(i).empty()) {
                grade = std::string(scope.grade(i));
                source = "人员档案岗级";
            } else if (status.confirmed_on) {
                grade = passed_grade_;
                source = "见习期满转正";
            } else {
                throw merit::Error("manager " + id + ": no grade for " + month.label +
                                   " (no grading decision, managers.csv grade and hired_on are empty)");
            }
            if (grade == trainee_grade_ && !status.trainee) {
                grade = passed_grade_;
                source += "，已转正 → " + passed_grade_;
            }
            const double* wage = find_in(post_wage_, grade);
            if (!wage)
                throw merit::Error("manager " + id + ": grade '" + grade + "' (" + source +
                                   ") has no post wage in params.post_wage");
            double subsidy = 0;
            if (!subsidy_.empty()) {
                const double* found = find_in(subsidy_, grade);
                if (!found)
                    throw merit::Error("manager " + id + ": grade '" + grade +
                                       "' has no subsidy in params.subsidy");
                subsidy = *found;
            }
            int years = hired ? merit::full_years(*hired, start) : 0;
            if (seniority_max_years_ > 0 && years > seniority_max_years_) years = seniority_max_years_;
            years_column.set(i, years);
            const double monthly = *wage + seniority_per_year_ * years + subsidy;
            const bool partial = prorate_ && days < month.days_in_month;
            const double part = partial ? monthly * days / month.days_in_month : monthly;
            amount += part;
            basis += (basis.empty() ? "" : "；") + month.label + " " + grade + "（" + source +
                     "）：岗位工资 " + fixed(*wage, 2) + " + 企龄津贴 " + std::to_string(years) + " 年 × " +
                     fixed(seniority_per_year_, 2) + " + 补助 " + fixed(subsidy, 2) + " = " +
                     fixed(monthly, 2);
            if (partial)
                basis += " × " + std::to_string(days) + "/" + std::to_string(month.days_in_month) +
                         " 天 = " + fixed(part, 2);
            if (!hired) basis += "（入职日期未知，不计企龄）";
        }
        if (basis.empty()) continue;  // not employed in the period
        const int64_t fen = merit::to_fen(amount);
        ctx.pay(i, code_, label_, fen, basis + "；合计 " + merit::format_yuan(fen) + " 元");
    }
    ctx.trace("企龄(年)", years_column);
}

}  // namespace fuel
