// core.rating_average: a 360° rating. Each rater role's mean score is
// weighted by the role's weight; the weights are renormalised over the roles
// that actually rated the manager, so a missing role neither counts as 0 nor
// changes the other roles' relative say.
#include "common.hpp"

#include <cmath>

namespace core {
namespace {

struct RoleWeight {
    std::string role;
    double weight;
};

class RatingAverage : public merit::IndicatorProvider {
public:
    explicit RatingAverage(const merit::Value& params) {
        const merit::Value roles = params.require("roles");
        if (!roles.is_object() || roles.size() == 0)
            roles.fail("must be an object of rater role -> weight, e.g. {\"supervisor\": 50, \"peer\": 30}");
        for (size_t i = 0; i < roles.size(); ++i) {
            const double w = roles.item(i).number();
            if (!(w > 0) || !std::isfinite(w)) roles.item(i).fail("must be a positive weight");
            roles_.push_back({roles.key(i), w});
        }
        if (params.has("item")) item_ = params["item"].string();
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        std::vector<merit::Column> means;
        for (const auto& r : roles_) {
            means.push_back(ctx.ratings(scope, r.role, item_));
            ctx.trace("rating " + r.role + " (weight " + num(r.weight) + ")", means.back());
        }
        merit::Column value(scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            double weighted = 0, weights = 0;
            std::string missing;
            for (size_t k = 0; k < roles_.size(); ++k) {
                if (means[k].has(i)) {
                    weighted += roles_[k].weight * means[k].values[i];
                    weights += roles_[k].weight;
                } else {
                    missing += (missing.empty() ? "" : ", ") + roles_[k].role;
                }
            }
            if (weights == 0) {
                ctx.note(i, "no ratings from any of the rater roles: value is null");
                continue;
            }
            if (!missing.empty())
                ctx.note(i, "no ratings from " + missing +
                                ": weights renormalised over the roles present (Σ " + num(weights) + ")");
            value.set(i, weighted / weights);
        }
        out.assign(value);
    }

private:
    std::vector<RoleWeight> roles_;
    std::optional<std::string> item_;
};

}  // namespace

void register_rating_average(merit::PluginBuilder& plugin) {
    plugin.provider<RatingAverage>("rating_average");
}

}  // namespace core
