// core.grade_rules: promotion / demotion (or any other decision) from a
// column of the run (e.g. "total", or a volume indicator) against a
// threshold, held for N consecutive periods.
//
// Each rule {name, grades?, op, value, periods, decision, to} keeps a streak
// per manager in carried state ("streak:<name>"): +1 when the manager's grade
// is one of `grades` (any, when absent) and `column op value` holds this
// period, else 0. When the streak reaches `periods` the rule fires: it emits
// the decision (`decision`, default "grade", with value `to`) and its streak
// restarts at 0, so a rule does not fire again on the next period. Rules are
// checked in order; once a rule has fired for a manager, later rules with
// the same decision kind do not fire for that manager in this run (their
// streaks still advance).
#include "common.hpp"

#include <cmath>
#include <regex>
#include <set>

namespace core {
namespace {

struct Rule {
    std::string name;
    std::set<std::string> grades;
    std::string op;
    double value;
    int periods;
    std::string decision;
    std::string to;
};

class GradeRules : public merit::RewardCalculator {
public:
    explicit GradeRules(const merit::Value& params) : column_(params.require("column").string()) {
        const merit::Value rules = params.require("rules");
        if (!rules.is_array() || rules.size() == 0) rules.fail("must be a non-empty array of rules");
        static const std::regex name_pattern("[a-z0-9_]+");
        std::set<std::string> names;
        for (size_t k = 0; k < rules.size(); ++k) {
            const merit::Value r = rules[k];
            static const std::set<std::string> known = {"name",    "grades",   "op", "value",
                                                        "periods", "decision", "to"};
            for (size_t m = 0; m < r.size(); ++m)
                if (!known.count(r.key(m)))
                    r.item(m).fail("unknown key (known: name, grades, op, value, periods, decision, to)");
            Rule rule;
            rule.name = r.require("name").string();
            if (!std::regex_match(rule.name, name_pattern)) r["name"].fail("must match [a-z0-9_]+");
            if (!names.insert(rule.name).second) r["name"].fail("duplicate rule name '" + rule.name + "'");
            for (const auto& g : string_list(r["grades"])) rule.grades.insert(g);
            rule.op = r.get_string("op", ">=");
            if (!is_comparison(rule.op)) r["op"].fail("must be one of > >= < <= == !=");
            rule.value = r.require("value").number();
            const double periods = r.get_number("periods", 1);
            if (periods < 1 || periods > 100 || std::floor(periods) != periods)
                r["periods"].fail("must be a whole number from 1 to 100");
            rule.periods = static_cast<int>(periods);
            rule.decision = r.get_string("decision", "grade");
            rule.to = r.require("to").string();
            rules_.push_back(std::move(rule));
        }
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const size_t n = scope.size();
        const merit::Column value = ctx.result(column_, n);
        std::vector<std::set<std::string>> decided(n);
        for (const auto& rule : rules_) {
            const std::string key = "streak:" + rule.name;
            const merit::Column before = ctx.state(key, n);
            merit::Column streak(n);
            for (size_t i = 0; i < n; ++i) {
                const bool applies = rule.grades.empty() || rule.grades.count(std::string(scope.grade(i)));
                const bool holds = applies && value.has(i) && compare(value.values[i], rule.op, rule.value);
                const double previous = before.has(i) ? before.values[i] : 0;
                streak.set(i, holds ? previous + 1 : 0);
                if (!holds || streak.values[i] < rule.periods || decided[i].count(rule.decision)) continue;
                decided[i].insert(rule.decision);
                ctx.decision(i, rule.decision, rule.to,
                             "rule " + rule.name + ": " + column_ + " " + num(value.values[i]) + " " +
                                 rule.op + " " + num(rule.value) + " for " + num(streak.values[i]) +
                                 " consecutive period(s) (needs " + std::to_string(rule.periods) + ")" +
                                 (scope.grade(i).empty() ? "" : ", grade " + std::string(scope.grade(i))));
                streak.set(i, 0);
            }
            ctx.trace("streak " + rule.name + " (before this period)", before);
            ctx.trace("streak " + rule.name + " (carried forward)", streak);
            ctx.save_state(key, streak);
        }
    }

private:
    std::string column_;
    std::vector<Rule> rules_;
};

}  // namespace

void register_grade_rules(merit::PluginBuilder& plugin) {
    plugin.reward<GradeRules>("grade_rules");
}

}  // namespace core
