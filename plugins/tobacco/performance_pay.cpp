// Monthly performance pay (月度绩效工资): the base amount of the manager's
// grade × the coefficient of the first table row whose `min` the total
// reaches (rows are kept highest first). A total below every row earns
// coefficient 0.  pay = to_fen(base × coefficient), rounded once at the end.
#include <algorithm>

#include "common.hpp"
#include "components.hpp"

namespace tobacco {

PerformancePay::PerformancePay(const merit::Value& params)
    : column_(params["column"].string()), code_(params["code"].string()), label_(params["label"].string()) {
    const merit::Value bases = params.require("bases");
    if (!bases.is_object() || bases.size() == 0) bases.fail("must be an object of grade → base yuan");
    for (size_t i = 0; i < bases.size(); ++i) {
        const double base = bases.item(i).number();
        if (base < 0) bases.item(i).fail("must not be negative");
        bases_[bases.key(i)] = base;
    }
    const merit::Value table = params.require("table");
    if (!table.is_array() || table.size() == 0) table.fail("must be a non-empty array of {min, coefficient}");
    for (size_t i = 0; i < table.size(); ++i) {
        const Step step{table[i].require("min").number(), table[i].require("coefficient").number()};
        if (step.coefficient < 0) table[i]["coefficient"].fail("must not be negative");
        if (!table_.empty() && step.min >= table_.back().min)
            table[i]["min"].fail("rows must be ordered by min, highest first, without repeats");
        table_.push_back(step);
    }
}

void PerformancePay::compute(merit::Context& ctx, const merit::Scope& scope) {
    const merit::Column score = ctx.result(column_, scope.size());
    for (size_t i = 0; i < scope.size(); ++i) {
        const std::string grade(scope.grade(i));
        const auto base = bases_.find(grade);
        if (base == bases_.end())
            throw merit::Error("manager " + std::string(scope.manager_id(i)) + ": grade '" + grade +
                               "' has no base amount in params.bases");
        if (!score.has(i)) {
            ctx.pay(i, code_, label_, 0, "no " + column_ + ": no performance pay");
            continue;
        }
        const double total = score.values[i];
        const auto step =
            std::find_if(table_.begin(), table_.end(), [&](const Step& s) { return total >= s.min; });
        const double coefficient = step == table_.end() ? 0.0 : step->coefficient;
        const int64_t fen = merit::to_fen(base->second * coefficient);
        const std::string why = step == table_.end()
                                    ? column_ + " " + fixed(total) + " below every row"
                                    : column_ + " " + fixed(total) + " ≥ " + fixed(step->min);
        ctx.pay(i, code_, label_, fen,
                "base " + fixed(base->second) + " (grade " + grade + ") × coefficient " +
                    fixed(coefficient, 2) + " (" + why + ") = " + merit::format_yuan(fen));
    }
}

}  // namespace tobacco
