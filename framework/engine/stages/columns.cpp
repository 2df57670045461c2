#include "engine/stages/columns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <map>
#include <thread>

#include "common/errors.hpp"

namespace merit {
namespace {

// Levels from depends_on (the scheme is validated: no cycles, no unknown ids).
void assign_levels(std::vector<ColumnStep>& steps) {
    std::map<std::string, ColumnStep*> by_id;
    for (auto& s : steps) by_id[s.spec->id] = &s;
    std::map<std::string, int> memo;
    std::function<int(const ColumnSpec*, int)> level = [&](const ColumnSpec* c, int depth) -> int {
        if (depth > static_cast<int>(steps.size()))
            throw UserError(fmt::format("{}.depends_on: cycle", c->path));
        if (auto it = memo.find(c->id); it != memo.end()) return it->second;
        int l = 0;
        for (const auto& dep : c->depends_on) {
            const auto it = by_id.find(dep);
            if (it == by_id.end())
                throw UserError(fmt::format("{}.depends_on: unknown input or indicator '{}'", c->path, dep));
            l = std::max(l, level(it->second->spec, depth + 1) + 1);
        }
        return memo[c->id] = l;
    };
    for (auto& s : steps) s.level = level(s.spec, 0);
}

// Runs tasks[0..n) on up to `threads` threads; rethrows the failure of the
// first failing task in task order, so the reported error is deterministic.
template <typename Task>
void run_parallel(size_t n, int threads, Task&& task) {
    std::vector<std::exception_ptr> failures(n);
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i = next++; i < n; i = next++) {
            try {
                task(i);
            } catch (...) {
                failures[i] = std::current_exception();
            }
        }
    };
    const size_t count = std::min<size_t>(n, static_cast<size_t>(std::max(1, threads)));
    std::vector<std::thread> pool;
    for (size_t t = 1; t < count; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    for (const auto& f : failures)
        if (f) std::rethrow_exception(f);
}

std::vector<ColumnStep> create_steps(const RunContext& ctx) {
    std::vector<ColumnStep> steps;
    int seq = 0;
    for (const auto* c : ctx.scheme.columns()) {
        ColumnStep step;
        step.spec = c;
        step.seq = seq++;
        steps.push_back(std::move(step));
    }
    for (auto& step : steps) {
        step.provider = instantiate(ctx, step.spec->provider, ComponentKind::indicator);
        if (step.spec->weighted) step.scorer = instantiate(ctx, step.spec->scorer, ComponentKind::scorer);
    }
    return steps;
}

void compute_step(const RunContext& ctx, const RunScope& scope, const ResultColumns& columns, ColumnStep& s) {
    s.values.values.assign(scope.size(), 0.0);
    s.values.valid.assign(scope.size(), 0);
    StepServices services(columns, scope.ids, s.spec->id, "", ctx.state_reader);
    services.set_stored_runs(ctx.stored_runs.get(), &s.trace);
    const CallEnv env{ctx.request.data, &services, &s.trace};
    try {
        s.provider->compute(scope.raw(), s.values.values.data(), s.values.valid.data(), env);
    } catch (const std::exception& e) {
        throw UserError(fmt::format("{} ({}): {}", s.spec->path, s.spec->id, e.what()));
    }
}

}  // namespace

ColumnSteps compute_columns(const RunContext& ctx, const RunScope& scope, RunInProgress& run) {
    ColumnSteps out{create_steps(ctx)};
    auto& steps = out.steps;
    assign_levels(steps);
    int deepest = -1;
    for (const auto& s : steps) deepest = std::max(deepest, s.level);
    for (int level = 0; level <= deepest; ++level) {
        std::vector<ColumnStep*> batch;
        for (auto& s : steps)
            if (s.level == level) batch.push_back(&s);
        run_parallel(batch.size(), ctx.request.threads,
                     [&](size_t k) { compute_step(ctx, scope, run.columns, *batch[k]); });
        // Published only after the whole level finished: a column never sees
        // a sibling of its own level, whatever the thread timing.
        for (auto* s : batch) run.columns.numeric[s->spec->id] = s->values;
    }
    return out;
}

}  // namespace merit
