// test_data_probe: exercises every host data service through the SDK's C++
// layer, exactly as a vendor plugin would (it includes only <merit/...>).
#include <merit/plugin.hpp>

#include <string>

namespace {

class Probe : public merit::IndicatorProvider {
public:
    explicit Probe(const merit::Value& params) : service_(params.require("service").string()) {}

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        if (service_ == "daily_avg") {
            out.assign(ctx.facts(scope, {.metric = "deposit",
                                         .aggregation = MERIT_AGG_DAILY_AVG,
                                         .segment = "vip",
                                         .use_shares = false}));
        } else if (service_ == "events") {
            const auto quantities = ctx.events(scope, {.kind = "visit", .measure = MERIT_EVENT_QUANTITY});
            for (size_t i = 0; i < scope.size(); ++i) out.set(i, quantities[i]);
        } else if (service_ == "targets") {
            out.assign(ctx.targets(scope, "deposit_avg", "2026-Q3"));
        } else if (service_ == "ratings") {
            out.assign(ctx.ratings(scope, "peer", "attitude"));
        } else if (service_ == "query") {
            // Owned customers per manager, matched back to scope rows by id.
            ctx.query(
                "SELECT manager_id, count(*) FROM merit_v1_assignments WHERE role = ?1 GROUP BY manager_id",
                {std::string("owner")}, [&](const merit::Row& row) {
                    const std::string id = row[0].string();
                    for (size_t i = 0; i < scope.size(); ++i)
                        if (id == scope.manager_id(i)) out.set(i, row[1].number());
                    return true;
                });
        } else if (service_ == "write") {
            ctx.query("DELETE FROM facts", {}, [](const merit::Row&) { return true; });
        } else {
            throw merit::Error("unknown service '" + service_ + "'");
        }
    }

private:
    std::string service_;
};

}  // namespace

MERIT_PLUGIN("test_data_probe", "1.0.0") {
    plugin.provider<Probe>("probe");
}
