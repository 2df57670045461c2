// core.rating_coefficient: performance pay = base amount × coefficient of the
// manager's rating. The base is per grade (`base_by_grade`) with `base` for
// grades not listed; the coefficient is per rating label, with
// `default_coefficient` for labels not listed. A grade or label with no
// amount and no default is an error naming the manager (a scheme gap, not 0).
#include "common.hpp"

#include <map>

namespace core {
namespace {

class RatingCoefficient : public merit::RewardCalculator {
public:
    explicit RatingCoefficient(const merit::Value& params) : label_(params["label"].string()) {
        if (params.has("base")) base_ = params["base"].number();
        const merit::Value by_grade = params["base_by_grade"];
        if (!by_grade.is_null()) {
            if (!by_grade.is_object()) by_grade.fail("must be an object of grade -> yuan");
            for (size_t i = 0; i < by_grade.size(); ++i)
                by_grade_[by_grade.key(i)] = by_grade.item(i).number();
        }
        if (!base_ && by_grade_.empty()) params["base"].fail("required (or base_by_grade)");
        const merit::Value coefficients = params.require("coefficients");
        if (!coefficients.is_object() || coefficients.size() == 0)
            coefficients.fail("must be an object of rating label -> coefficient");
        for (size_t i = 0; i < coefficients.size(); ++i) {
            const double c = coefficients.item(i).number();
            if (c < 0) coefficients.item(i).fail("must not be negative");
            coefficients_[coefficients.key(i)] = c;
        }
        if (params.has("default_coefficient")) default_coefficient_ = params["default_coefficient"].number();
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const auto rating = ctx.result_text("rating", scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            const std::string grade(scope.grade(i));
            const std::string who = " (manager " + std::string(scope.manager_id(i)) + ")";
            const auto g = by_grade_.find(grade);
            double base = 0;
            std::string base_from;
            if (g != by_grade_.end()) {
                base = g->second;
                base_from = "grade " + grade;
            } else if (base_) {
                base = *base_;
                base_from = grade.empty() ? "default" : "grade " + grade + " not listed: default";
            } else {
                throw merit::Error("params.base_by_grade: no amount for grade '" + grade + "'" + who +
                                   " and no params.base");
            }
            const auto c = coefficients_.find(rating[i]);
            double coefficient = 0;
            if (c != coefficients_.end())
                coefficient = c->second;
            else if (default_coefficient_)
                coefficient = *default_coefficient_;
            else
                throw merit::Error("params.coefficients: no coefficient for rating '" + rating[i] + "'" +
                                   who + " and no params.default_coefficient");
            const int64_t fen = merit::to_fen(base * coefficient);
            ctx.pay(i, "rating_pay", label_, fen,
                    "base " + yuan(base) + " (" + base_from + ") × " + num(coefficient) + " (rating " +
                        rating[i] + ") = " + merit::format_yuan(fen));
        }
    }

private:
    std::string label_;
    std::optional<double> base_;
    std::map<std::string, double> by_grade_;
    std::map<std::string, double> coefficients_;
    std::optional<double> default_coefficient_;
};

}  // namespace

void register_rating_coefficient(merit::PluginBuilder& plugin) {
    plugin.reward<RatingCoefficient>("rating_coefficient");
}

}  // namespace core
