#include "engine/stages/adjustments.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/number_text.hpp"
#include "engine/stages/kinds.hpp"

namespace merit {
namespace {

// One adjustment as the per-manager loop needs it, read once.
struct Rule {
    const AdjustmentSpec* spec;
    AdjustmentKind kind;
    Comparison op = Comparison::greater;  // vetoes only
    const NumericColumn* column;
    std::string label;        // name, else id
    std::string column_name;  // the column's name, else its id
};

std::vector<Rule> rules_of(const RunContext& ctx, const ResultColumns& columns) {
    std::vector<Rule> rules;
    for (const auto& a : ctx.scheme.adjustments) {
        Rule r{&a, adjustment_kind(a), Comparison::greater, nullptr, a.name.empty() ? a.id : a.name, {}};
        const std::string& column = r.kind == AdjustmentKind::veto ? a.when.indicator : a.indicator;
        if (r.kind == AdjustmentKind::veto) r.op = comparison(a.when.op);
        r.column = &columns.numeric.at(column);
        const auto* spec = ctx.scheme.find_column(column);
        r.column_name = spec && !spec->name.empty() ? spec->name : column;
        rules.push_back(std::move(r));
    }
    return rules;
}

// The total of one manager through every rule; rows appended to `out`.
struct ManagerAdjustment {
    double total = 0;
    bool vetoed = false;
    bool total_set_by_veto = false;
    int seq = 0;
};

void apply_veto(const RunContext& ctx, const Rule& r, double v, size_t i, const std::string& id,
                ManagerAdjustment& m, Verdicts& verdicts, std::vector<AdjustmentResult>& out) {
    const AdjustmentSpec& a = *r.spec;
    if (!holds(v, r.op, a.when.value)) return;
    m.vetoed = true;
    if (verdicts.veto_by[i].empty()) verdicts.veto_by[i] = r.label;
    std::string detail =
        fmt::format("{} = {} {} {}", r.column_name, number_text(v), a.when.op, number_text(a.when.value));
    const double before = m.total;
    if (a.effect_total) {
        m.total = *a.effect_total;
        m.total_set_by_veto = true;
        detail += fmt::format(": total {} -> {}", number_text(before), number_text(m.total));
    }
    if (a.max_band) {
        const int b = ctx.scheme.band_index(*a.max_band);
        if (b > verdicts.cap[i]) {
            verdicts.cap[i] = b;
            verdicts.cap_by[i] = r.label;
        }
        detail += fmt::format(": rating no better than {}", *a.max_band);
    }
    out.push_back({id, m.seq++, a.id, a.kind, r.label, m.total - before, before, m.total, detail});
}

void apply_points(const Rule& r, double v, const std::string& id, ManagerAdjustment& m,
                  std::vector<AdjustmentResult>& out) {
    const AdjustmentSpec& a = *r.spec;
    if (v <= 0) return;
    // A veto that set the total is the verdict: bonus points do not lift it.
    const bool bonus = r.kind == AdjustmentKind::bonus;
    if (bonus && m.total_set_by_veto) return;
    double points = a.points_per_unit * v;
    std::string detail =
        fmt::format("{} = {} x {} points", r.column_name, number_text(v), number_text(a.points_per_unit));
    if (a.max_points && points > *a.max_points) {
        detail += fmt::format(" = {}, capped at {}", number_text(points), number_text(*a.max_points));
        points = *a.max_points;
    } else {
        detail += fmt::format(" = {}", number_text(points));
    }
    const double before = m.total;
    m.total = bonus ? m.total + points : std::max(0.0, m.total - points);
    if (m.total == 0 && before - points < 0) detail += " (the total stops at 0)";
    out.push_back({id, m.seq++, a.id, a.kind, r.label, m.total - before, before, m.total, detail});
}

// A calibration's points come after the scheme's adjustments, so bands and
// distribution limits see the calibrated total.
void apply_calibration(const RunContext& ctx, const std::string& id, ManagerAdjustment& m,
                       std::string& note) {
    const CalibrationEffect* c = ctx.calibration_of(id);
    if (!c || c->points == 0) return;
    const double before = m.total;
    m.total = std::max(0.0, m.total + c->points);
    note =
        fmt::format("; calibrated total {} {} {} = {} ({})", number_text(before), c->points < 0 ? "-" : "+",
                    number_text(std::abs(c->points)), number_text(m.total), c->source);
}

}  // namespace

Verdicts adjust(const RunContext& ctx, const RunScope& scope, const BaseTotals& base, RunInProgress& run) {
    const size_t n = scope.size();
    Verdicts verdicts{std::vector<int>(n, 0), std::vector<std::string>(n), std::vector<std::string>(n),
                      std::vector<std::string>(n)};
    const std::vector<Rule> rules = rules_of(ctx, run.columns);
    NumericColumn total_column{std::vector<double>(n, 0.0), std::vector<unsigned char>(n, 1)};
    NumericColumn vetoed_column{std::vector<double>(n, 0.0), std::vector<unsigned char>(n, 1)};
    for (size_t i = 0; i < n; ++i) {
        const std::string& id = scope.ids[i];
        ManagerAdjustment m;
        m.total = base.base[i];
        for (const Rule& r : rules) {
            if (!r.column->valid[i]) continue;  // no value: the rule cannot apply
            const double v = r.column->values[i];
            if (r.kind == AdjustmentKind::veto)
                apply_veto(ctx, r, v, i, id, m, verdicts, run.result.adjustments);
            else
                apply_points(r, v, id, m, run.result.adjustments);
        }
        apply_calibration(ctx, id, m, verdicts.calibrated[i]);
        run.result.managers[i].total = m.total;
        run.result.managers[i].vetoed = m.vetoed;
        total_column.values[i] = m.total;
        vetoed_column.values[i] = m.vetoed ? 1 : 0;
    }
    run.columns.numeric["total"] = std::move(total_column);
    run.columns.numeric["vetoed"] = std::move(vetoed_column);
    return verdicts;
}

}  // namespace merit
