// 客户经理等级制 (seed 001): eight graded levels 资深 › 高级一级 › 高级二级 ›
// 一级 › 二级 › 三级 › 四级 › 助理, with 见习 (trainee) outside the ladder.
// Pays the grade's monthly base pay for every month the period spans and,
// when the rating is the promotion (demotion) band, proposes the next grade
// up (down) as a decision; trainees are never moved by it.
#include "common.hpp"
#include "components.hpp"

namespace banking {
namespace {

struct Rung {
    std::string grade;
    double base = 0;  // yuan a month
};

class GradeLadder : public merit::RewardCalculator {
public:
    explicit GradeLadder(const merit::Value& params)
        : promote_band_(params.get_string("promote_band", "")),
          demote_band_(params.get_string("demote_band", "")) {
        const merit::Value ladder = params.require("ladder");
        if (!ladder.is_array() || ladder.size() == 0)
            ladder.fail("must be a non-empty array, highest grade first");
        for (size_t i = 0; i < ladder.size(); ++i) ladder_.push_back(rung(ladder[i]));
        const merit::Value outside = params["outside"];
        if (!outside.is_null()) {
            if (!outside.is_array()) outside.fail("must be an array of {grade, base}");
            for (size_t i = 0; i < outside.size(); ++i) outside_.push_back(rung(outside[i]));
        }
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const int months = months_spanned(std::string(scope.first_day()), std::string(scope.last_day()));
        const auto rating = ctx.result_text("rating", scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            const std::string grade(scope.grade(i));
            size_t index = ladder_.size();
            for (size_t r = 0; r < ladder_.size(); ++r)
                if (ladder_[r].grade == grade) index = r;
            const Rung* found = index < ladder_.size() ? &ladder_[index] : nullptr;
            for (const auto& r : outside_)
                if (!found && r.grade == grade) found = &r;
            if (!found) {
                ctx.note(i, "grade '" + grade + "' is not on the ladder: no base pay");
                continue;
            }
            const int64_t fen = merit::to_fen(found->base * months);
            ctx.pay(i, "base_pay", "等级底薪", fen,
                    found->grade + " " + num(found->base) + " yuan/month × " + std::to_string(months) +
                        " months = " + merit::format_yuan(fen) + " yuan");
            if (index == ladder_.size()) continue;  // outside the ladder: not promoted by rating
            if (!promote_band_.empty() && rating[i] == promote_band_ && index > 0)
                ctx.decision(i, "grade", ladder_[index - 1].grade,
                             "rated " + rating[i] + ": proposed one grade up from " + grade);
            if (!demote_band_.empty() && rating[i] == demote_band_ && index + 1 < ladder_.size())
                ctx.decision(i, "grade", ladder_[index + 1].grade,
                             "rated " + rating[i] + ": proposed one grade down from " + grade);
        }
    }

private:
    static Rung rung(const merit::Value& v) {
        if (!v.is_object()) v.fail("must be an object {grade, base}");
        Rung r{v.require("grade").string(), v.require("base").number()};
        if (r.base < 0) v["base"].fail("must not be negative");
        return r;
    }
    std::vector<Rung> ladder_;
    std::vector<Rung> outside_;
    std::string promote_band_;
    std::string demote_band_;
};

}  // namespace

void add_grade_ladder(merit::PluginBuilder& plugin) {
    plugin.reward<GradeLadder>("grade_ladder");
}

}  // namespace banking
