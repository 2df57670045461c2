// core.bonus_pool: a pool in yuan shared in proportion to a score column
// (default "total"), overall or per org unit with one pool per unit. Only
// managers whose column reaches `min` share (when given); null or negative
// values never share. The split is fen-exact by the largest-remainder method
// (largest_remainder.hpp): the pool is paid to the fen, ties by manager id.
#include "common.hpp"
#include "largest_remainder.hpp"

#include <map>

namespace core {
namespace {

class BonusPool : public merit::RewardCalculator {
public:
    explicit BonusPool(const merit::Value& params)
        : per_unit_(choice(params, "per", {"all", "org_unit"}) == "org_unit"),
          column_(params["column"].string()),
          label_(params["label"].string()) {
        if (params.has("pool")) {
            pool_ = params["pool"].number();
            if (*pool_ < 0) params["pool"].fail("must not be negative");
        }
        const merit::Value pools = params["pools"];
        if (!pools.is_null()) {
            if (!per_unit_) pools.fail("only with \"per\": \"org_unit\"");
            if (!pools.is_object()) pools.fail("must be an object of org unit id -> pool in yuan");
            for (size_t i = 0; i < pools.size(); ++i) {
                const double p = pools.item(i).number();
                if (p < 0) pools.item(i).fail("must not be negative");
                unit_pools_[pools.key(i)] = p;
            }
        }
        if (!pool_ && unit_pools_.empty()) params["pool"].fail("required (or pools per org unit)");
        if (params.has("min")) min_ = params["min"].number();
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const merit::Column score = ctx.result(column_, scope.size());
        std::map<std::string, std::vector<size_t>> groups;
        for (size_t i = 0; i < scope.size(); ++i) {
            if (!score.has(i) || score.values[i] <= 0) {
                ctx.note(i, "bonus pool: " + column_ + " is " +
                                (score.has(i) ? num(score.values[i]) : "null") + ", no share");
                continue;
            }
            if (min_ && score.values[i] < *min_) {
                ctx.note(i, "bonus pool: " + column_ + " " + num(score.values[i]) + " < min " + num(*min_) +
                                ", no share");
                continue;
            }
            groups[per_unit_ ? std::string(scope.org_unit_id(i)) : ""].push_back(i);
        }
        for (const auto& [unit, rows] : groups) {
            const auto found = unit_pools_.find(unit);
            const std::optional<double> pool =
                found != unit_pools_.end() ? std::optional(found->second) : pool_;
            if (!pool) {
                for (size_t i : rows) ctx.note(i, "bonus pool: no pool for org unit " + unit + ", no share");
                continue;
            }
            share(ctx, scope, unit, *pool, rows, score);
        }
    }

private:
    void share(merit::Context& ctx, const merit::Scope& scope, const std::string& unit, double pool,
               const std::vector<size_t>& rows, const merit::Column& score) const {
        const int64_t pool_fen = merit::to_fen(pool);
        std::vector<double> weights;
        std::vector<std::string> ids;
        double sum = 0;
        for (size_t i : rows) {
            weights.push_back(score.values[i]);
            ids.emplace_back(scope.manager_id(i));
            sum += score.values[i];
        }
        const Split split = largest_remainder(pool_fen, weights, ids);
        const std::string where = unit.empty() ? "" : " in " + unit;
        for (size_t k = 0; k < rows.size(); ++k) {
            const size_t i = rows[k];
            const double exact = static_cast<double>(pool_fen) * weights[k] / sum / 100.0;
            std::string basis = "pool " + merit::format_yuan(pool_fen) + " × " + column_ + " " +
                                num(weights[k]) + " ÷ Σ " + num(sum) + " (" + std::to_string(rows.size()) +
                                " sharing" + where + ") = " + num(exact, 6);
            basis += split.extra[k] ? " → " + merit::format_yuan(split.fen[k] - 1) +
                                          " + 0.01 (largest remainder) = " + merit::format_yuan(split.fen[k])
                                    : " → " + merit::format_yuan(split.fen[k]) + " (fen floor)";
            ctx.pay(i, "bonus_pool", label_, split.fen[k], basis);
        }
    }

    bool per_unit_;
    std::string column_;
    std::string label_;
    std::optional<double> pool_;
    std::map<std::string, double> unit_pools_;
    std::optional<double> min_;
};

}  // namespace

void register_bonus_pool(merit::PluginBuilder& plugin) {
    plugin.reward<BonusPool>("bonus_pool");
}

}  // namespace core
