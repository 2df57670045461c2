// The average result of the CMs a market manager supervises: the mean total
// of those CMs in the customer-manager scheme's run for the same period, the
// run that counts as the host defines it (plugin API 1.1 run_column). The
// CM scheme must have been run first; otherwise the run stops with the
// host's error that says so, rather than scoring the market manager on
// nothing.
#include "common.hpp"
#include "components.hpp"
#include "organisation.hpp"

namespace tobacco {

SupervisedAverage::SupervisedAverage(const merit::Value& params)
    : scheme_(params.require("scheme").string()), supervised_role_(params["supervised_role"].string()) {}

void SupervisedAverage::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const std::string period(scope.period());
    const Organisation org = Organisation::load(ctx, std::string(scope.last_day()));
    // Every CM any market manager of the scope supervises, read at once; the
    // host picks the run that counts and records the read in this run.
    std::vector<std::vector<StaffMember>> supervised(scope.size());
    std::vector<std::string> cm_ids;
    for (size_t i = 0; i < scope.size(); ++i) {
        supervised[i] = org.staff_under(std::string(scope.org_unit_id(i)), supervised_role_);
        for (const auto& cm : supervised[i]) cm_ids.push_back(cm.id);
    }
    const merit::Column totals = ctx.run_column(scheme_, period, "total", cm_ids);
    std::map<std::string, double> total_of;
    for (size_t k = 0; k < cm_ids.size(); ++k)
        if (totals.has(k)) total_of[cm_ids[k]] = totals.values[k];
    merit::Column counted(scope.size());
    for (size_t i = 0; i < scope.size(); ++i) {
        double sum = 0;
        int count = 0;
        std::string list;
        for (const auto& cm : supervised[i]) {
            const auto it = total_of.find(cm.id);
            if (it == total_of.end()) continue;
            sum += it->second;
            ++count;
            list += (list.empty() ? "" : ", ") + cm.id + " " + fixed(it->second);
        }
        counted.set(i, count);
        if (count == 0) {
            out.clear(i);
            ctx.note(i, "no supervised CM in the run of '" + scheme_ + "': no value");
            continue;
        }
        out.set(i, sum / count);
        ctx.note(i, "'" + scheme_ + "' " + period + ": mean of " + std::to_string(count) + " CM totals (" +
                        list + ") = " + fixed(sum, 2) + " ÷ " + std::to_string(count) + " = " +
                        fixed(sum / count, 4));
    }
    ctx.trace("CMs averaged", counted);
}

}  // namespace tobacco
