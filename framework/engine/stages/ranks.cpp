#include "engine/stages/ranks.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "engine/total_tolerance.hpp"

namespace merit {
namespace {

// Competition ranking of `members`, already in order of total, descending.
void rank_by_total(const std::vector<size_t>& members, const std::vector<ManagerResult>& managers,
                   std::vector<int>& ranks) {
    int position = 0;
    int rank = 0;
    double previous = 0;
    for (size_t k = 0; k < members.size(); ++k) {
        ++position;
        const double t = managers[members[k]].total;
        if (k == 0 || std::abs(t - previous) > kTotalTolerance) rank = position;
        previous = t;
        ranks[members[k]] = rank;
    }
}

}  // namespace

void rank(RunInProgress& run) {
    auto& managers = run.result.managers;
    const size_t n = managers.size();
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
        if (std::abs(managers[x].total - managers[y].total) > kTotalTolerance)
            return managers[x].total > managers[y].total;
        return managers[x].manager_id < managers[y].manager_id;
    });
    std::vector<int> overall(n), in_unit(n);
    rank_by_total(order, managers, overall);
    std::map<std::string, std::vector<size_t>> by_unit;
    for (size_t i : order) by_unit[managers[i].org_unit_id].push_back(i);
    for (const auto& [unit, members] : by_unit) rank_by_total(members, managers, in_unit);

    NumericColumn rank_column{std::vector<double>(n), std::vector<unsigned char>(n, 1)};
    NumericColumn unit_column = rank_column, band_column = rank_column;
    for (size_t i = 0; i < n; ++i) {
        managers[i].rank = overall[i];
        managers[i].rank_in_unit = in_unit[i];
        rank_column.values[i] = overall[i];
        unit_column.values[i] = in_unit[i];
        band_column.values[i] = managers[i].band_index;
    }
    run.columns.numeric["rank"] = std::move(rank_column);
    run.columns.numeric["rank_in_unit"] = std::move(unit_column);
    run.columns.numeric["band_index"] = std::move(band_column);
    for (const auto& m : managers) run.columns.rating.push_back(m.rating);
}

}  // namespace merit
