#include "engine/stages/weighting.hpp"

#include <map>

namespace merit {
namespace {

std::vector<ManagerResult> managers_of(const RunScope& scope) {
    std::vector<ManagerResult> managers(scope.size());
    for (size_t i = 0; i < scope.size(); ++i) {
        const auto& m = (*scope.managers)[i];
        ManagerResult& r = managers[i];
        r.manager_id = m.id;
        r.name = m.name;
        r.org_unit_id = m.org_unit_id;
        r.role = m.role;
        r.grade = m.grade;
        r.status = m.status;
        r.grade_group = scope.groups[i];
    }
    return managers;
}

// Value, target and completion; weights and score follow per dimension.
IndicatorResult indicator_row(const ColumnSpec& c, int seq, const std::string& manager_id, size_t row,
                              const NumericColumn& values, const ColumnTargets& targets) {
    IndicatorResult x;
    x.manager_id = manager_id;
    x.seq = seq;
    x.kind = c.weighted ? "indicator" : "input";
    x.indicator = c.id;
    x.name = c.name.empty() ? c.id : c.name;
    x.dimension = c.dimension;
    x.provider = c.provider.id;
    x.scorer = c.weighted ? c.scorer.id : "";
    x.unit = c.unit;
    if (values.valid[row]) x.value = values.values[row];
    if (const auto t = targets.targets.find(c.id); t != targets.targets.end() && t->second.valid[row])
        x.target = t->second.values[row];
    if (const auto t = targets.completion_targets.find(c.id); t != targets.completion_targets.end()) {
        if (t->second.valid[row]) x.target = t->second.values[row];
        x.completion = x.value;  // the value is actual ÷ target
    } else if (x.value && x.target && *x.target != 0) {
        x.completion = *x.value / *x.target;
    }
    return x;
}

void add_indicator_rows(const RunContext& ctx, const RunScope& scope, const ColumnTargets& targets,
                        RunInProgress& run) {
    int seq = 0;
    for (const auto* c : ctx.scheme.columns()) {
        const NumericColumn& values = run.columns.numeric.at(c->id);
        for (size_t i = 0; i < scope.size(); ++i)
            run.result.indicators.push_back(indicator_row(*c, seq, scope.ids[i], i, values, targets));
        ++seq;
    }
}

}  // namespace

BaseTotals weigh(const RunContext& ctx, const RunScope& scope, const ColumnTargets& targets,
                 RunInProgress& run) {
    const size_t n = scope.size();
    run.result.managers = managers_of(scope);
    add_indicator_rows(ctx, scope, targets, run);
    std::map<std::string, size_t> seq_of;
    {
        size_t seq = 0;
        for (const auto* c : ctx.scheme.columns()) seq_of[c->id] = seq++;
    }
    BaseTotals out{std::vector<double>(n, 0.0)};
    int dseq = 0;
    for (const auto& d : ctx.scheme.dimensions) {
        NumericColumn dim_column{std::vector<double>(n, 0.0), std::vector<unsigned char>(n, 1)};
        for (size_t i = 0; i < n; ++i) {
            const double dw = effective_weight(d.weight, d.weights_by_grade, scope.groups[i]);
            double dimension_score = 0;
            for (const auto& ind : d.indicators) {
                const double w = effective_weight(ind.weight, ind.weights_by_grade, scope.groups[i]);
                const double score = run.columns.numeric.at("score:" + ind.id).values[i];
                dimension_score += w / 100.0 * score;
                IndicatorResult& x = run.result.indicators[seq_of.at(ind.id) * n + i];
                x.score = score;
                x.dimension_weight = dw;
                x.weight = w;
                x.contribution = dw / 100.0 * w / 100.0 * score;
            }
            dim_column.values[i] = dimension_score;
            out.base[i] += dw / 100.0 * dimension_score;
            run.result.dimensions.push_back({scope.ids[i], dseq, d.id, d.name.empty() ? d.id : d.name,
                                             dimension_score, dw, dw / 100.0 * dimension_score});
        }
        run.columns.numeric["dimension:" + d.id] = std::move(dim_column);
        ++dseq;
    }
    for (size_t i = 0; i < n; ++i) run.result.managers[i].base_total = out.base[i];
    return out;
}

}  // namespace merit
