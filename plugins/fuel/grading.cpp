// Yearly grading (客户经理分级管理, seed 002 篇10 4.5):
//   - 见习 during the first months after hire, and until the pass is confirmed;
//   - then graded from the previous year's sales volume against the scheme's
//     standards (best first): the first standard reached gives the grade;
//     below the 初级 standard is still graded 初级;
//   - two (transfer_after) consecutive gradings below the 初级 standard flag
//     the manager for transfer out of the post (转岗). Every such grading
//     counts, as the seed says; `exempt_partial_year` (off by default, not in
//     the seed) lets a year the manager was not confirmed on its 1 January
//     (a probation that crossed it) not count against them;
//   - optionally a promotion needs a minimum of training points (培训积分
//     作为提升岗级的依据之一); short of it the manager keeps the current grade.
// Every decision carries its reason; the grade and the streak are carried to
// the next yearly run as state.
#include "components.hpp"
#include "params.hpp"
#include "probation.hpp"

namespace fuel {
namespace {

constexpr const char* kRankKey = "grade_rank";
constexpr const char* kStreakKey = "below_standard_streak";

}  // namespace

Grading::Grading(const merit::Value& params)
    : volume_(params.require("volume").string()),
      trainee_grade_(params["trainee_grade"].string()),
      training_(params.get_string("training", "")) {
    const merit::Value standards = params.require("standards");
    if (!standards.is_array() || standards.size() == 0)
        standards.fail("must be a non-empty array of {grade, min_tonnes}, best grade first");
    for (size_t s = 0; s < standards.size(); ++s) {
        Standard standard{standards[s].require("grade").string(),
                          standards[s].require("min_tonnes").number()};
        if (standard.min_tonnes < 0) standards[s]["min_tonnes"].fail("must not be negative");
        if (s > 0 && standard.min_tonnes >= standards_.back().min_tonnes)
            standards[s]["min_tonnes"].fail("standards must descend (best grade first)");
        if (standard.grade == trainee_grade_)
            standards[s]["grade"].fail("the trainee grade is not set by volume");
        standards_.push_back(std::move(standard));
    }
    const ProbationRule rule = ProbationRule::from(params);
    trainee_months_ = rule.months;
    pass_event_ = rule.pass_event;
    const double after = params["transfer_after"].number();
    if (after < 1 || after != static_cast<int>(after))
        params["transfer_after"].fail("must be a whole number >= 1");
    transfer_after_ = static_cast<int>(after);
    exempt_partial_year_ = params.get_bool("exempt_partial_year", false);
    if (!training_.empty())
        min_training_ = params.require("min_training_points").number();
    else if (params.has("min_training_points"))
        params["training"].fail("required with min_training_points");
}

void Grading::compute(merit::Context& ctx, const merit::Scope& scope) {
    const size_t n = scope.size();
    const merit::Day reference = merit::require_day(scope.first_day(), "run period first day");
    const int previous_year = merit::year_of(reference) - 1;
    const merit::Day previous_year_first =
        merit::require_day(std::to_string(previous_year) + "-01-01", "previous year");

    // The ladder, lowest first: 见习, 初级, 中级, 高级.
    std::vector<std::string> ladder{trainee_grade_};
    for (auto it = standards_.rbegin(); it != standards_.rend(); ++it) ladder.push_back(it->grade);
    auto rank_of = [&](std::string_view grade) -> int {
        for (size_t r = 0; r < ladder.size(); ++r)
            if (ladder[r] == grade) return static_cast<int>(r);
        return -1;
    };
    const Standard& junior = standards_.back();

    const merit::Column volume = ctx.result(volume_, n);
    const merit::Column training = training_.empty() ? merit::Column(n) : ctx.result(training_, n);
    const merit::Column prior_rank = ctx.state(kRankKey, n);
    const merit::Column prior_streak = ctx.state(kStreakKey, n);
    const ProbationRule rule{trainee_months_, pass_event_};
    const auto passed = pass_dates(ctx, scope, rule);

    merit::Column rank_out(n), streak_out(n);
    for (size_t i = 0; i < n; ++i) {
        const std::string id(scope.manager_id(i));
        int prior = -1;
        std::string prior_source;
        if (prior_rank.has(i) && prior_rank.values[i] >= 0 && prior_rank.values[i] < ladder.size()) {
            prior = static_cast<int>(prior_rank.values[i]);
            prior_source = "上次定级";
        } else if (!scope.grade(i).empty()) {
            prior = rank_of(scope.grade(i));
            prior_source = "人员档案";
        }

        std::string grade;
        std::string reason;
        int streak = 0;
        const ProbationStatus status =
            probation_on(reference, scope.hired_on(i), scope.status(i), passed[i], rule, id);
        if (status.trainee) {
            grade = trainee_grade_;
            reason = "见习：" + status.reason;
        } else {
            const double tonnes = volume.value_or(i, 0.0);
            const std::string sold = std::to_string(previous_year) + " 年销量 " + fixed(tonnes, 3) + " 吨";
            const Standard* met = nullptr;
            for (const Standard& standard : standards_)
                if (!met && tonnes >= standard.min_tonnes) met = &standard;
            if (met) {
                grade = met->grade;
                reason = sold + " ≥ " + met->grade + "标准 " + fixed(met->min_tonnes, 3) + " 吨 → " + grade;
            } else {
                grade = junior.grade;
                reason = sold + " < " + junior.grade + "标准 " + fixed(junior.min_tonnes, 3) + " 吨 → 按" +
                         junior.grade + "定级";
                const bool partial_year = status.confirmed_on && *status.confirmed_on > previous_year_first;
                if (!exempt_partial_year_ || !partial_year) {
                    streak = static_cast<int>(prior_streak.value_or(i, 0.0)) + 1;
                    reason += "（连续第 " + std::to_string(streak) + " 次未达" + junior.grade + "标准）";
                } else {
                    reason += "（" + merit::format_day(*status.confirmed_on) +
                              " 转正，上年度未满一年，不计入连续未达标次数）";
                }
            }
            if (!training_.empty() && prior >= 1 && rank_of(grade) > prior) {
                const double points = training.value_or(i, 0.0);
                if (points < min_training_) {
                    reason += "；培训积分 " + fixed(points, 1) + " < 晋级所需 " + fixed(min_training_, 1) +
                              "，维持" + ladder[prior];
                    grade = ladder[prior];
                } else {
                    reason += "；培训积分 " + fixed(points, 1) + " ≥ 晋级所需 " + fixed(min_training_, 1);
                }
            }
        }
        const int rank = rank_of(grade);
        if (prior >= 0 && prior != rank) {
            const char* change = prior == 0 ? "confirmation" : (rank > prior ? "promotion" : "demotion");
            const char* word = prior == 0 ? "转正" : (rank > prior ? "晋级" : "降级");
            reason += "（" + prior_source + " " + ladder[prior] + " → " + grade + "，" + word + "）";
            ctx.decision(i, "grade", grade, reason);
            ctx.decision(i, "grade_change", change, ladder[prior] + " → " + grade);
        } else {
            if (prior >= 0) reason += "（" + prior_source + " " + ladder[prior] + "，维持）";
            ctx.decision(i, "grade", grade, reason);
        }
        if (streak >= transfer_after_)
            ctx.decision(i, "flag", "transfer",
                         "连续 " + std::to_string(streak) + " 次评级上年度销量未达" + junior.grade + "标准 " +
                             fixed(junior.min_tonnes, 3) + " 吨 → 转岗");
        rank_out.set(i, rank);
        streak_out.set(i, streak);
    }
    ctx.trace("岗级序号(0=见习)", rank_out);
    ctx.trace("连续未达初级标准次数", streak_out);
    ctx.save_state(kRankKey, rank_out);
    ctx.save_state(kStreakKey, streak_out);
}

}  // namespace fuel
