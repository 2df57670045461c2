// core.rank_percentile: relative standing within a group (the org unit the
// host passes as each row's group, or everyone).
//   score = 100 × (managers in the group with a strictly worse value) ÷ (n − 1)
// where n counts the group's managers with a value; so the best gets 100,
// the worst 0, equal values the same score, and a group of one gets 100.
// A null value scores 0 and does not count in n.
#include "common.hpp"

#include <algorithm>
#include <map>

namespace core {
namespace {

class RankPercentile : public merit::Scorer {
public:
    explicit RankPercentile(const merit::Value& params)
        : per_unit_(choice(params, "group", {"org_unit", "all"}) == "org_unit"),
          higher_is_better_(params["higher_is_better"].boolean()) {}

    void score(merit::Context& ctx, const merit::ScoreInput& in, std::span<double> out) override {
        std::map<std::string, std::vector<size_t>> groups;
        for (size_t i = 0; i < in.count; ++i) {
            out[i] = 0;
            if (!in.valid[i]) {
                ctx.note(i, "no value: score 0, not ranked");
                continue;
            }
            groups[per_unit_ && in.groups && in.groups[i] ? in.groups[i] : ""].push_back(i);
        }
        for (const auto& [group, rows] : groups) {
            // Sorted worst first: the number strictly worse than a value is
            // the index of the first element equal to it.
            std::vector<double> sorted;
            for (size_t i : rows) sorted.push_back(higher_is_better_ ? in.values[i] : -in.values[i]);
            std::sort(sorted.begin(), sorted.end());
            const size_t n = rows.size();
            for (size_t i : rows) {
                const double key = higher_is_better_ ? in.values[i] : -in.values[i];
                const size_t worse =
                    static_cast<size_t>(std::lower_bound(sorted.begin(), sorted.end(), key) - sorted.begin());
                out[i] = n == 1 ? 100.0 : 100.0 * static_cast<double>(worse) / static_cast<double>(n - 1);
                ctx.note(i, std::to_string(worse) + " of " + std::to_string(n - 1) + " others " +
                                (group.empty() ? "overall" : "in " + group) +
                                " have a worse value: " + num(out[i]));
            }
        }
    }

private:
    bool per_unit_;
    bool higher_is_better_;
};

}  // namespace

void register_rank_percentile(merit::PluginBuilder& plugin) {
    plugin.scorer<RankPercentile>("rank_percentile");
}

}  // namespace core
