// The average result of the CMs a market manager supervises: the mean total
// of those CMs in the latest run of the customer-manager scheme for the same
// period (a finalised run first, else the newest). The CM scheme must have
// been run first; otherwise the run stops with an error that says so, rather
// than scoring the market manager on nothing.
#include "common.hpp"
#include "components.hpp"
#include "organisation.hpp"

namespace tobacco {

SupervisedAverage::SupervisedAverage(const merit::Value& params)
    : scheme_(params.require("scheme").string()), supervised_role_(params["supervised_role"].string()) {}

void SupervisedAverage::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const std::string period(scope.period());
    double run_id = -1;
    ctx.query(
        "SELECT id FROM runs WHERE scheme_name = ?1 AND period = ?2"
        " ORDER BY (status = 'final') DESC, id DESC LIMIT 1",
        {scheme_, period}, [&](const merit::Row& row) {
            run_id = cell_number(row, 0);
            return false;
        });
    if (run_id < 0)
        throw merit::Error("no run of scheme '" + scheme_ + "' for " + period +
                           ": run the customer-manager scheme for this period first");
    std::map<std::string, double> totals;
    ctx.query("SELECT manager_id, total FROM run_managers WHERE run_id = ?1 AND total IS NOT NULL", {run_id},
              [&](const merit::Row& row) {
                  totals[cell_text(row, 0)] = cell_number(row, 1);
                  return true;
              });
    const Organisation org = Organisation::load(ctx);
    merit::Column counted(scope.size());
    for (size_t i = 0; i < scope.size(); ++i) {
        double sum = 0;
        int count = 0;
        std::string list;
        for (const auto& cm : org.staff_under(std::string(scope.org_unit_id(i)), supervised_role_)) {
            const auto it = totals.find(cm.id);
            if (it == totals.end()) continue;
            sum += it->second;
            ++count;
            list += (list.empty() ? "" : ", ") + cm.id + " " + fixed(it->second);
        }
        counted.set(i, count);
        if (count == 0) {
            out.clear(i);
            ctx.note(i, "no supervised CM in run " + fixed(run_id, 0) + " of '" + scheme_ + "': no value");
            continue;
        }
        out.set(i, sum / count);
        ctx.note(i, "run " + fixed(run_id, 0) + " of '" + scheme_ + "': mean of " + std::to_string(count) +
                        " CM totals (" + list + ") = " + fixed(sum, 2) + " ÷ " + std::to_string(count) +
                        " = " + fixed(sum / count, 4));
    }
    ctx.trace("CMs averaged", counted);
}

}  // namespace tobacco
