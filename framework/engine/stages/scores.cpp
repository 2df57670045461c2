#include "engine/stages/scores.hpp"

#include <fmt/format.h>

#include "common/errors.hpp"
#include "engine/completion_targets.hpp"
#include "engine/stages/trace_lines.hpp"

namespace merit {
namespace {

NumericColumn read_target(const RunContext& ctx, const RunScope& scope, const ColumnSpec& spec) {
    if (!ctx.request.data)
        throw UserError(fmt::format("{}.target: no data services to read targets from", spec.path));
    NumericColumn target{std::vector<double>(scope.size(), 0.0), std::vector<unsigned char>(scope.size(), 0)};
    ctx.request.data->target_values(scope.raw(), spec.target->c_str(), nullptr, target.values.data(),
                                    target.valid.data());
    return target;
}

NumericColumn score_step(const RunContext& ctx, const RunScope& scope, ColumnStep& s,
                         const NumericColumn* target) {
    merit_score_input input{};
    input.struct_size = sizeof input;
    input.count = scope.size();
    input.values = s.values.values.data();
    input.valid = s.values.valid.data();
    input.targets = target ? target->values.data() : nullptr;
    input.target_valid = target ? target->valid.data() : nullptr;
    input.groups = scope.managers->org_unit_ids();
    NumericColumn score{std::vector<double>(scope.size(), 0.0), std::vector<unsigned char>(scope.size(), 1)};
    const CallEnv env{ctx.request.data, nullptr, &s.trace};
    try {
        s.scorer->score(input, scope.raw().manager_ids, score.values.data(), env);
    } catch (const std::exception& e) {
        throw UserError(fmt::format("{} ({}): {}", s.spec->scorer.path, s.spec->id, e.what()));
    }
    return score;
}

}  // namespace

ColumnTargets score_columns(const RunContext& ctx, const RunScope& scope, ColumnSteps&& columns,
                            RunInProgress& run) {
    ColumnTargets out;
    for (auto& s : columns.steps) {
        if (!s.spec->weighted) continue;
        NumericColumn target;
        if (s.spec->target) target = read_target(ctx, scope, *s.spec);
        run.columns.numeric["score:" + s.spec->id] =
            score_step(ctx, scope, s, s.spec->target ? &target : nullptr);
        if (s.spec->target) out.targets[s.spec->id] = std::move(target);
    }
    if (ctx.request.data)
        out.completion_targets =
            read_completion_targets(ctx.scheme.columns(), ctx.registry, *ctx.request.data, scope.raw());
    for (const auto& s : columns.steps) append_trace(run.result.trace, s.trace, s.spec->id, scope.ids);
    return out;
}

}  // namespace merit
