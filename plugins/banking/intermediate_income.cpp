// 中间业务收入: fee income of the period summed over the chosen categories
// (wealth, fund, insurance, settlement, agency), each a flow metric named
// <prefix><category>; every category is traced separately.
#include "common.hpp"
#include "components.hpp"

namespace banking {
namespace {

const std::vector<std::string> kCategories{"wealth", "fund", "insurance", "settlement", "agency"};

class IntermediateIncome : public merit::IndicatorProvider {
public:
    explicit IntermediateIncome(const merit::Value& params)
        : categories_(string_list(params, "categories", kCategories)),
          prefix_(params["metric_prefix"].string()) {
        for (size_t i = 0; i < categories_.size(); ++i) {
            bool known = false;
            for (const auto& c : kCategories) known = known || c == categories_[i];
            if (!known)
                params["categories"][i].fail(
                    "is not a category (wealth, fund, insurance, settlement, agency)");
        }
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        std::vector<double> total(scope.size(), 0.0);
        std::vector<std::string> parts(scope.size());
        for (const auto& category : categories_) {
            const merit::Column income = ctx.facts(scope, Facts(prefix_ + category));
            ctx.trace(prefix_ + category, income);
            for (size_t i = 0; i < scope.size(); ++i) {
                total[i] += income.value_or(i, 0.0);
                parts[i] += (parts[i].empty() ? "" : " + ") + category + " " + num(income.value_or(i, 0.0));
            }
        }
        for (size_t i = 0; i < scope.size(); ++i) {
            out.set(i, total[i]);
            ctx.note(i, "intermediate income = " + parts[i] + " = " + num(total[i]));
        }
    }

private:
    std::vector<std::string> categories_;
    std::string prefix_;
};

}  // namespace

void add_intermediate_income(merit::PluginBuilder& plugin) {
    plugin.provider<IntermediateIncome>("intermediate_income");
}

}  // namespace banking
