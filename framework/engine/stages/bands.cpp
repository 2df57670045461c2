#include "engine/stages/bands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "common/errors.hpp"
#include "engine/number_text.hpp"
#include "engine/stages/kinds.hpp"
#include "engine/total_tolerance.hpp"

namespace merit {
namespace {

// The first band whose min the total reaches (the lowest below all), then the veto's cap.
void band_by_total(const Scheme& scheme, int cap, const std::string& cap_by, const std::string& calibrated,
                   ManagerResult& m) {
    int b = -1;
    for (size_t k = 0; k < scheme.bands.size(); ++k)
        if (m.total + kTotalTolerance >= scheme.bands[k].min) {
            b = static_cast<int>(k);
            break;
        }
    if (b < 0) {
        b = static_cast<int>(scheme.bands.size()) - 1;
        m.band_reason = fmt::format("total {} is below every band's min: lowest band {}",
                                    number_text(m.total), scheme.bands[b].label);
    } else {
        m.band_reason = fmt::format("total {} >= {} ({})", number_text(m.total),
                                    number_text(scheme.bands[b].min), scheme.bands[b].label);
    }
    if (cap > b) {
        m.band_reason += fmt::format("; capped at {} by {}", scheme.bands[cap].label, cap_by);
        b = cap;
    }
    m.band_index = b;
    if (!calibrated.empty()) m.band_reason = calibrated.substr(2) + "; " + m.band_reason;
}

// Moves the members of band `b` past the limit's share of their group down one band.
void limit_band(const Scheme& scheme, size_t b, const DistributionSpec& limit,
                std::vector<ManagerResult>& managers) {
    const bool everyone = distribution_group(limit) == DistributionGroup::all;
    std::map<std::string, std::vector<size_t>> group_members;
    for (size_t i = 0; i < managers.size(); ++i)
        group_members[everyone ? std::string("all") : managers[i].org_unit_id].push_back(i);
    for (const auto& [group, members] : group_members) {
        std::vector<size_t> in_band;
        for (size_t i : members)
            if (managers[i].band_index == static_cast<int>(b)) in_band.push_back(i);
        std::sort(in_band.begin(), in_band.end(), [&](size_t x, size_t y) {
            if (std::abs(managers[x].total - managers[y].total) > kTotalTolerance)
                return managers[x].total > managers[y].total;
            return managers[x].manager_id < managers[y].manager_id;
        });
        const auto allowed = static_cast<size_t>(
            std::floor(limit.max_share * static_cast<double>(members.size()) + kTotalTolerance));
        for (size_t k = allowed; k < in_band.size(); ++k) {
            ManagerResult& m = managers[in_band[k]];
            m.band_index = static_cast<int>(b) + 1;
            m.band_reason += fmt::format(
                "; moved from {} to {}: {} allows {} of {} ({}) in {} {}, this is number {} by total then id",
                scheme.bands[b].label, scheme.bands[b + 1].label, limit.path, allowed, members.size(),
                number_text(limit.max_share * 100) + "%", everyone ? "scope" : "org unit",
                everyone ? std::string("all") : group, k + 1);
        }
    }
}

// A calibrated rating is the committee's decision: it stands after the
// limits, as the session showed them.
void apply_calibrated_rating(const RunContext& ctx, ManagerResult& m) {
    const CalibrationEffect* c = ctx.calibration_of(m.manager_id);
    if (!c || !c->rating) return;
    const int b = ctx.scheme.band_index(*c->rating);
    if (b < 0)
        throw UserError(
            fmt::format("{}: '{}' is not a band of scheme {}", c->source, *c->rating, ctx.scheme.id));
    m.band_reason += fmt::format("; calibrated from {} to {} ({})", ctx.scheme.bands[m.band_index].label,
                                 *c->rating, c->source);
    m.band_index = b;
}

}  // namespace

void rate(const RunContext& ctx, const Verdicts& verdicts, RunInProgress& run) {
    const Scheme& scheme = ctx.scheme;
    auto& managers = run.result.managers;
    for (size_t i = 0; i < managers.size(); ++i)
        band_by_total(scheme, verdicts.cap[i], verdicts.cap_by[i], verdicts.calibrated[i], managers[i]);
    for (size_t b = 0; b + 1 < scheme.bands.size(); ++b)
        for (const auto& limit : scheme.distribution)
            if (limit.band == scheme.bands[b].label) limit_band(scheme, b, limit, managers);
    for (auto& m : managers) apply_calibrated_rating(ctx, m);
    for (auto& m : managers) m.rating = scheme.bands[m.band_index].label;
}

}  // namespace merit
