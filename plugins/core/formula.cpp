// core.formula: an indicator computed from other indicators and inputs of
// the same run with a small expression language (see expression.hpp for the
// syntax and the null rules). Each variable is read with result_column, so
// the scheme must list them in `depends_on` to order the computation.
// `defaults` replaces a null variable with a number (e.g. {"bad_debts": 0}).
#include "common.hpp"
#include "expression.hpp"

#include <map>

namespace core {
namespace {

class Formula : public merit::IndicatorProvider {
public:
    explicit Formula(const merit::Value& params)
        : text_(params.require("expression").string()), expression_(text_, params["expression"].path()) {
        const merit::Value defaults = params["defaults"];
        if (!defaults.is_null()) {
            if (!defaults.is_object()) defaults.fail("must be an object of variable -> number");
            for (size_t i = 0; i < defaults.size(); ++i) {
                bool used = false;
                for (const auto& v : expression_.variables()) used = used || v == defaults.key(i);
                if (!used) defaults.item(i).fail("is not a variable of the expression");
                defaults_[defaults.key(i)] = defaults.item(i).number();
            }
        }
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        std::vector<merit::Column> columns;
        for (const auto& name : expression_.variables()) {
            columns.push_back(ctx.result(name, scope.size()));
            ctx.trace(name, columns.back());
        }
        merit::Column value(scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            std::string why;
            std::vector<std::string> nulls;
            const auto result = expression_.evaluate(
                [&](size_t v) -> std::optional<double> {
                    if (columns[v].has(i)) return columns[v].values[i];
                    const auto fallback = defaults_.find(expression_.variables()[v]);
                    if (fallback != defaults_.end()) return fallback->second;
                    nulls.push_back(expression_.variables()[v]);
                    return std::nullopt;
                },
                &why);
            if (result) {
                value.set(i, *result);
                continue;
            }
            if (!why.empty())
                ctx.note(i, "formula is null: " + why);
            else if (!nulls.empty())
                ctx.note(i, "formula is null: " + nulls.front() + " is null");
        }
        out.assign(value);
    }

private:
    std::string text_;
    Expression expression_;
    std::map<std::string, double> defaults_;
};

}  // namespace

void register_formula(merit::PluginBuilder& plugin) {
    plugin.provider<Formula>("formula");
}

}  // namespace core
