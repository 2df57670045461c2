#include "engine/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <exception>
#include <map>
#include <memory>
#include <thread>

#include "common/errors.hpp"
#include "common/sha256.hpp"
#include "engine/background_fingerprint.hpp"
#include "engine/completion_targets.hpp"
#include "engine/manager_scope.hpp"
#include "engine/number_text.hpp"
#include "engine/reward_gate.hpp"
#include "engine/run_services.hpp"
#include "engine/run_store.hpp"
#include "engine/total_tolerance.hpp"
#include "plugin/component_instance.hpp"
#include "plugin/value_checks.hpp"

namespace merit {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void check_period_type(const std::string& period_type, const Period& period) {
    if (period_type == "any") return;
    const char* kind = "range";
    switch (period.kind()) {
        case Period::Kind::month:
            kind = "month";
            break;
        case Period::Kind::quarter:
            kind = "quarter";
            break;
        case Period::Kind::half:
            kind = "half";
            break;
        case Period::Kind::year:
            kind = "year";
            break;
        case Period::Kind::range:
            kind = "range";
            break;
    }
    if (period_type != kind)
        throw UserError(fmt::format("period '{}' is a {}, but the scheme's period_type is {}", period.text(),
                                    kind, period_type));
}

std::unique_ptr<ComponentInstance> instantiate(const PluginRegistry& registry, const ComponentRef& ref,
                                               ComponentKind kind, const CallEnv& env) {
    const Component* c = registry.find(ref.id);
    if (!c) throw UserError(fmt::format("{}: unknown component '{}'", ref.path, ref.id));
    if (c->kind != kind)
        throw UserError(fmt::format("{}: '{}' is a {} component, not a {} component", ref.path, ref.id,
                                    to_string(c->kind), to_string(kind)));
    try {
        return std::make_unique<ComponentInstance>(*c, ref.params, env);
    } catch (const std::exception& e) {
        throw UserError(fmt::format("{}: {}", ref.params_path, e.what()));
    }
}

struct ColumnStep {
    const ColumnSpec* spec = nullptr;
    int seq = 0;
    int level = 0;  // 0: depends on nothing; else 1 + the deepest dependency
    std::unique_ptr<ComponentInstance> provider;
    std::unique_ptr<ComponentInstance> scorer;
    NumericColumn values;
    StepTrace trace;
};

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

bool compare(double value, const std::string& op, double bound) {
    if (op == ">") return value > bound;
    if (op == ">=") return value >= bound;
    if (op == "<") return value < bound;
    if (op == "<=") return value <= bound;
    if (op == "==") return value == bound;
    if (op == "!=") return value != bound;
    throw UserError(fmt::format("unknown operator '{}'", op));
}

// Trace entries of one step become per-manager lines.
void append_trace(std::vector<TraceLine>& out, const StepTrace& trace, const std::string& step,
                  const std::vector<std::string>& ids) {
    for (const auto& e : trace.entries) {
        if (e.is_note) {
            out.push_back({ids[e.row], 0, step, e.component, e.name, std::nullopt, e.text});
            continue;
        }
        for (size_t i = 0; i < ids.size() && i < e.values.size(); ++i)
            out.push_back({ids[i], 0, step, e.component, e.name,
                           e.valid[i] ? std::optional<double>(e.values[i]) : std::nullopt, std::nullopt});
    }
}

// Competition ranking (1, 2, 2, 4) of `members` by total, descending.
void rank_by_total(const std::vector<size_t>& members, const std::vector<double>& totals,
                   std::vector<int>& ranks) {
    int position = 0;
    int rank = 0;
    double previous = 0;
    for (size_t k = 0; k < members.size(); ++k) {
        ++position;
        const double t = totals[members[k]];
        if (k == 0 || std::abs(t - previous) > kTotalTolerance) rank = position;
        previous = t;
        ranks[members[k]] = rank;
    }
}

std::string plugins_json(const PluginRegistry& registry, const Scheme& scheme) {
    json::array out;
    for (const auto& id : scheme.plugins)
        for (const auto& r : registry.plugins())
            if (r->manifest && r->manifest->id == id && r->loaded) {
                // How it came to run, for whoever audits the run later: the
                // allow-list line (or allow_untrusted), where its code ran
                // and, isolated, which layers of the sandbox held.
                json::object o{{"id", id},
                               {"version", r->manifest->version},
                               {"sha256", r->sha256},
                               {"path", r->path.string()},
                               {"trusted_by", r->trusted_by},
                               {"isolation", r->options.isolation}};
                if (r->options.isolation == "process") o["sandbox"] = r->sandbox.to_json();
                out.push_back(std::move(o));
            }
    return json::serialize(out);
}

std::string real_text(const std::optional<double>& x) {
    return x ? fmt::format("{:.17g}", *x) : "~";
}

// Tells the progress display (if any) which stage runs, for how many managers.
const CalibrationEffect* calibration_of(const EvaluationRequest& req, const std::string& manager_id) {
    if (!req.calibration) return nullptr;
    const auto it = req.calibration->find(manager_id);
    return it == req.calibration->end() ? nullptr : &it->second;
}

void show_stage(const EvaluationRequest& req, std::string_view stage, size_t managers) {
    if (req.progress) req.progress->retitle(fmt::format("run: {}", stage), managers);
}

}  // namespace

std::string results_digest(const RunResult& r) {
    // One line per row, sorted: the digest does not depend on the order rows
    // were produced or read back in.
    std::vector<std::string> lines;
    std::string text;
    auto line = [&] {
        lines.push_back(std::move(text));
        text.clear();
    };
    for (const auto& m : r.managers) {
        text += fmt::format("M|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", m.manager_id, m.org_unit_id,
                            m.grade_group, real_text(m.base_total), real_text(m.total), m.band_index,
                            m.rating, m.band_reason, m.rank, m.rank_in_unit, m.vetoed, m.pay_fen);
        line();
    }
    for (const auto& x : r.indicators) {
        text += fmt::format("I|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", x.manager_id, x.indicator, real_text(x.value),
                            real_text(x.target), real_text(x.score), real_text(x.dimension_weight),
                            real_text(x.weight), real_text(x.contribution), x.seq);
        line();
    }
    for (const auto& d : r.dimensions) {
        text += fmt::format("D|{}|{}|{}|{}|{}\n", d.manager_id, d.dimension, real_text(d.score),
                            real_text(d.weight), real_text(d.contribution));
        line();
    }
    for (const auto& a : r.adjustments) {
        text += fmt::format("A|{}|{}|{}|{}|{}\n", a.manager_id, a.seq, a.adjustment, real_text(a.points),
                            a.detail);
        line();
    }
    for (const auto& p : r.pay) {
        text += fmt::format("P|{}|{}|{}|{}|{}|{}\n", p.manager_id, p.seq, p.reward, p.code, p.amount_fen,
                            p.basis);
        line();
    }
    for (const auto& d : r.decisions) {
        text +=
            fmt::format("X|{}|{}|{}|{}|{}|{}\n", d.manager_id, d.seq, d.reward, d.kind, d.value, d.reason);
        line();
    }
    for (const auto& s : r.state) {
        text += fmt::format("S|{}|{}|{}|{}\n", s.reward, s.key, s.manager_id, real_text(s.value));
        line();
    }
    std::sort(lines.begin(), lines.end());
    for (const auto& l : lines) text += l;
    return sha256_hex(text);
}

RunResult evaluate(const EvaluationRequest& req) {
    const auto started = Clock::now();
    const Scheme& scheme = *req.scheme;
    const PluginRegistry& registry = *req.registry;
    const Period period = Period::parse(req.period);
    check_period_type(scheme.period_type, period);
    json::object timings;

    auto phase = Clock::now();
    show_stage(req, "managers in scope", 0);
    BackgroundFingerprint fingerprint(req.db,
                                      req.snapshot ? req.snapshot->take_fingerprint_reader() : nullptr);
    const ManagerScope scope = ManagerScope::load(req.db, scheme.scope, period);
    const size_t n = scope.size();
    std::vector<std::string> ids;
    for (const auto& m : scope.managers()) ids.push_back(m.id);
    std::vector<std::string> groups;
    for (const auto& m : scope.managers()) groups.push_back(scheme.grade_group(m.grade));
    timings["scope_ms"] = ms_since(phase);

    const CallEnv create_env{req.data, nullptr, nullptr};
    StateReader state_reader = [&](const std::string& reward, const std::string& key) {
        return read_carried_state(req.db, scheme.id, format_date(period.first_day()), reward, key).values;
    };
    StoredRunReader stored_runs(req.db);

    // --- columns: inputs and indicators, level by level ---
    phase = Clock::now();
    show_stage(req, "inputs and indicators", n);
    std::vector<ColumnStep> steps;
    {
        int seq = 0;
        for (const auto* c : scheme.columns()) {
            ColumnStep step;
            step.spec = c;
            step.seq = seq++;
            steps.push_back(std::move(step));
        }
    }
    for (auto& step : steps) {
        step.provider = instantiate(registry, step.spec->provider, ComponentKind::indicator, create_env);
        if (step.spec->weighted)
            step.scorer = instantiate(registry, step.spec->scorer, ComponentKind::scorer, create_env);
    }
    assign_levels(steps);
    ResultColumns columns;
    const int deepest =
        steps.empty() ? -1 : std::max_element(steps.begin(), steps.end(), [](auto& a, auto& b) {
                                 return a.level < b.level;
                             })->level;
    for (int level = 0; level <= deepest; ++level) {
        std::vector<ColumnStep*> batch;
        for (auto& s : steps)
            if (s.level == level) batch.push_back(&s);
        run_parallel(batch.size(), req.threads, [&](size_t k) {
            ColumnStep& s = *batch[k];
            s.values.values.assign(n, 0.0);
            s.values.valid.assign(n, 0);
            StepServices services(columns, ids, s.spec->id, "", state_reader);
            services.set_stored_runs(&stored_runs, &s.trace);
            const CallEnv env{req.data, &services, &s.trace};
            try {
                s.provider->compute(scope.raw(), s.values.values.data(), s.values.valid.data(), env);
            } catch (const std::exception& e) {
                throw UserError(fmt::format("{} ({}): {}", s.spec->path, s.spec->id, e.what()));
            }
        });
        // Published only after the whole level finished: a column never sees
        // a sibling of its own level, whatever the thread timing.
        for (auto* s : batch) columns.numeric[s->spec->id] = s->values;
    }
    timings["columns_ms"] = ms_since(phase);

    // --- scores ---
    phase = Clock::now();
    show_stage(req, "scores", n);
    std::map<std::string, NumericColumn> targets;
    for (auto& s : steps) {
        if (!s.spec->weighted) continue;
        NumericColumn target;
        if (s.spec->target) {
            if (!req.data)
                throw UserError(
                    fmt::format("{}.target: no data services to read targets from", s.spec->path));
            target.values.assign(n, 0.0);
            target.valid.assign(n, 0);
            req.data->target_values(scope.raw(), s.spec->target->c_str(), nullptr, target.values.data(),
                                    target.valid.data());
        }
        merit_score_input input{};
        input.struct_size = sizeof input;
        input.count = n;
        input.values = s.values.values.data();
        input.valid = s.values.valid.data();
        input.targets = s.spec->target ? target.values.data() : nullptr;
        input.target_valid = s.spec->target ? target.valid.data() : nullptr;
        input.groups = scope.org_unit_ids();
        NumericColumn score{std::vector<double>(n, 0.0), std::vector<unsigned char>(n, 1)};
        const CallEnv env{req.data, nullptr, &s.trace};
        try {
            s.scorer->score(input, scope.raw().manager_ids, score.values.data(), env);
        } catch (const std::exception& e) {
            throw UserError(fmt::format("{} ({}): {}", s.spec->scorer.path, s.spec->id, e.what()));
        }
        columns.numeric["score:" + s.spec->id] = score;
        if (s.spec->target) targets[s.spec->id] = std::move(target);
    }
    // A provider whose value is a completion: its target, for explain and reports.
    const auto completion_targets =
        req.data ? read_completion_targets(scheme.columns(), registry, *req.data, scope.raw())
                 : std::map<std::string, NumericColumn>{};
    timings["scores_ms"] = ms_since(phase);

    // --- weights, adjustments, bands, distribution, ranks ---
    phase = Clock::now();
    RunResult result;
    std::vector<ManagerResult> managers(n);
    std::vector<double> base(n, 0.0);
    NumericColumn total_column{std::vector<double>(n, 0.0), std::vector<unsigned char>(n, 1)};
    for (size_t i = 0; i < n; ++i) {
        const auto& m = scope[i];
        ManagerResult& r = managers[i];
        r.manager_id = m.id;
        r.name = m.name;
        r.org_unit_id = m.org_unit_id;
        r.role = m.role;
        r.grade = m.grade;
        r.status = m.status;
        r.grade_group = groups[i];
    }
    for (const auto& step : steps) {
        const ColumnSpec& c = *step.spec;
        for (size_t i = 0; i < n; ++i) {
            IndicatorResult x;
            x.manager_id = ids[i];
            x.seq = step.seq;
            x.kind = c.weighted ? "indicator" : "input";
            x.indicator = c.id;
            x.name = c.name.empty() ? c.id : c.name;
            x.dimension = c.dimension;
            x.provider = c.provider.id;
            x.scorer = c.weighted ? c.scorer.id : "";
            x.unit = c.unit;
            if (step.values.valid[i]) x.value = step.values.values[i];
            if (const auto t = targets.find(c.id); t != targets.end() && t->second.valid[i])
                x.target = t->second.values[i];
            if (const auto t = completion_targets.find(c.id); t != completion_targets.end()) {
                if (t->second.valid[i]) x.target = t->second.values[i];
                x.completion = x.value;  // the value is actual ÷ target
            } else if (x.value && x.target && *x.target != 0) {
                x.completion = *x.value / *x.target;
            }
            result.indicators.push_back(std::move(x));
        }
    }
    // Contributions per dimension, with the manager's grade group's weights.
    {
        std::map<std::string, size_t> seq_of;
        for (const auto& step : steps) seq_of[step.spec->id] = static_cast<size_t>(step.seq);
        int dseq = 0;
        for (const auto& d : scheme.dimensions) {
            NumericColumn dim_column{std::vector<double>(n, 0.0), std::vector<unsigned char>(n, 1)};
            for (size_t i = 0; i < n; ++i) {
                const double dw = effective_weight(d.weight, d.weights_by_grade, groups[i]);
                double dimension_score = 0;
                for (const auto& ind : d.indicators) {
                    const double w = effective_weight(ind.weight, ind.weights_by_grade, groups[i]);
                    const double score = columns.numeric.at("score:" + ind.id).values[i];
                    dimension_score += w / 100.0 * score;
                    // Rows are laid out column by column: seq * n + manager row.
                    IndicatorResult& x = result.indicators[seq_of.at(ind.id) * n + i];
                    x.score = score;
                    x.dimension_weight = dw;
                    x.weight = w;
                    x.contribution = dw / 100.0 * w / 100.0 * score;
                }
                dim_column.values[i] = dimension_score;
                base[i] += dw / 100.0 * dimension_score;
                result.dimensions.push_back({ids[i], dseq, d.id, d.name.empty() ? d.id : d.name,
                                             dimension_score, dw, dw / 100.0 * dimension_score});
            }
            columns.numeric["dimension:" + d.id] = std::move(dim_column);
            ++dseq;
        }
    }
    // Adjustments, in scheme order.
    std::vector<std::string> calibrated_note(n);
    std::vector<int> cap(n, 0);
    std::vector<std::string> cap_by(n);
    std::vector<std::string> veto_by(n);  // the first veto that applied, for reward gates
    NumericColumn vetoed_column{std::vector<double>(n, 0.0), std::vector<unsigned char>(n, 1)};
    for (size_t i = 0; i < n; ++i) {
        managers[i].base_total = base[i];
        double total = base[i];
        bool total_set_by_veto = false;
        int seq = 0;
        for (const auto& a : scheme.adjustments) {
            const std::string column = a.kind == "veto" ? a.when.indicator : a.indicator;
            const auto& col = columns.numeric.at(column);
            if (!col.valid[i]) continue;  // no value: the rule cannot apply
            const double v = col.values[i];
            const std::string label = a.name.empty() ? a.id : a.name;
            const auto* spec = scheme.find_column(column);
            const std::string column_name = spec && !spec->name.empty() ? spec->name : column;
            if (a.kind == "veto") {
                if (!compare(v, a.when.op, a.when.value)) continue;
                managers[i].vetoed = true;
                vetoed_column.values[i] = 1;
                if (veto_by[i].empty()) veto_by[i] = label;
                std::string detail = fmt::format("{} = {} {} {}", column_name, number_text(v), a.when.op,
                                                 number_text(a.when.value));
                const double before = total;
                if (a.effect_total) {
                    total = *a.effect_total;
                    total_set_by_veto = true;
                    detail += fmt::format(": total {} -> {}", number_text(before), number_text(total));
                }
                if (a.max_band) {
                    const int b = scheme.band_index(*a.max_band);
                    if (b > cap[i]) {
                        cap[i] = b;
                        cap_by[i] = label;
                    }
                    detail += fmt::format(": rating no better than {}", *a.max_band);
                }
                result.adjustments.push_back(
                    {ids[i], seq++, a.id, a.kind, label, total - before, before, total, detail});
            } else {
                if (v <= 0) continue;
                // A veto that set the total is the verdict: bonus points do not lift it.
                if (a.kind == "bonus" && total_set_by_veto) continue;
                double points = a.points_per_unit * v;
                std::string detail = fmt::format("{} = {} x {} points", column_name, number_text(v),
                                                 number_text(a.points_per_unit));
                if (a.max_points && points > *a.max_points) {
                    detail +=
                        fmt::format(" = {}, capped at {}", number_text(points), number_text(*a.max_points));
                    points = *a.max_points;
                } else {
                    detail += fmt::format(" = {}", number_text(points));
                }
                const double before = total;
                total = a.kind == "bonus" ? total + points : std::max(0.0, total - points);
                if (total == 0 && before - points < 0) detail += " (the total stops at 0)";
                result.adjustments.push_back(
                    {ids[i], seq++, a.id, a.kind, label, total - before, before, total, detail});
            }
        }
        if (const CalibrationEffect* c = calibration_of(req, ids[i]); c && c->points != 0) {
            const double before = total;
            total = std::max(0.0, total + c->points);
            calibrated_note[i] = fmt::format("; calibrated total {} {} {} = {} ({})", number_text(before),
                                             c->points < 0 ? "-" : "+", number_text(std::abs(c->points)),
                                             number_text(total), c->source);
        }
        managers[i].total = total;
        total_column.values[i] = total;
    }
    // Bands: the first whose min the total reaches; then the veto caps.
    for (size_t i = 0; i < n; ++i) {
        ManagerResult& m = managers[i];
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
        if (cap[i] > b) {
            m.band_reason += fmt::format("; capped at {} by {}", scheme.bands[cap[i]].label, cap_by[i]);
            b = cap[i];
        }
        m.band_index = b;
        m.band_reason =
            calibrated_note[i].empty() ? m.band_reason : calibrated_note[i].substr(2) + "; " + m.band_reason;
    }
    // Distribution limits, best band first so that an excess moved down is
    // counted by the next band's limit too.
    for (size_t b = 0; b + 1 < scheme.bands.size(); ++b) {
        for (const auto& limit : scheme.distribution) {
            if (limit.band != scheme.bands[b].label) continue;
            std::map<std::string, std::vector<size_t>> group_members;
            for (size_t i = 0; i < n; ++i)
                group_members[limit.per == "all" ? std::string("all") : managers[i].org_unit_id].push_back(i);
            for (const auto& [group, members] : group_members) {
                std::vector<size_t> in_band;
                for (size_t i : members)
                    if (managers[i].band_index == static_cast<int>(b)) in_band.push_back(i);
                std::sort(in_band.begin(), in_band.end(), [&](size_t x, size_t y) {
                    if (std::abs(managers[x].total - managers[y].total) > kTotalTolerance)
                        return managers[x].total > managers[y].total;
                    return ids[x] < ids[y];
                });
                const auto allowed = static_cast<size_t>(
                    std::floor(limit.max_share * static_cast<double>(members.size()) + kTotalTolerance));
                for (size_t k = allowed; k < in_band.size(); ++k) {
                    ManagerResult& m = managers[in_band[k]];
                    m.band_index = static_cast<int>(b) + 1;
                    m.band_reason += fmt::format(
                        "; moved from {} to {}: {} allows {} of {} ({}) in {} {}, this is number {} by total "
                        "then id",
                        scheme.bands[b].label, scheme.bands[b + 1].label, limit.path, allowed, members.size(),
                        number_text(limit.max_share * 100) + "%", limit.per == "all" ? "scope" : "org unit",
                        limit.per == "all" ? std::string("all") : group, k + 1);
                }
            }
        }
    }
    // A calibrated rating is the committee's decision: it stands after the
    // limits, as the session showed them.
    for (size_t i = 0; i < n; ++i) {
        const CalibrationEffect* c = calibration_of(req, ids[i]);
        if (!c || !c->rating) continue;
        const int b = scheme.band_index(*c->rating);
        if (b < 0)
            throw UserError(
                fmt::format("{}: '{}' is not a band of scheme {}", c->source, *c->rating, scheme.id));
        managers[i].band_reason +=
            fmt::format("; calibrated from {} to {} ({})", scheme.bands[managers[i].band_index].label,
                        *c->rating, c->source);
        managers[i].band_index = b;
    }
    for (auto& m : managers) m.rating = scheme.bands[m.band_index].label;
    // Ranks: overall and in the org unit.
    {
        std::vector<double> totals(n);
        for (size_t i = 0; i < n; ++i) totals[i] = managers[i].total;
        std::vector<size_t> order(n);
        for (size_t i = 0; i < n; ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
            if (std::abs(totals[x] - totals[y]) > kTotalTolerance) return totals[x] > totals[y];
            return ids[x] < ids[y];
        });
        std::vector<int> rank(n), rank_in_unit(n);
        rank_by_total(order, totals, rank);
        std::map<std::string, std::vector<size_t>> by_unit;
        for (size_t i : order) by_unit[managers[i].org_unit_id].push_back(i);
        for (const auto& [unit, members] : by_unit) rank_by_total(members, totals, rank_in_unit);
        NumericColumn rank_column{std::vector<double>(n), std::vector<unsigned char>(n, 1)};
        NumericColumn unit_column = rank_column, band_column = rank_column;
        for (size_t i = 0; i < n; ++i) {
            managers[i].rank = rank[i];
            managers[i].rank_in_unit = rank_in_unit[i];
            rank_column.values[i] = rank[i];
            unit_column.values[i] = rank_in_unit[i];
            band_column.values[i] = managers[i].band_index;
        }
        columns.numeric["total"] = total_column;
        columns.numeric["rank"] = rank_column;
        columns.numeric["rank_in_unit"] = unit_column;
        columns.numeric["band_index"] = band_column;
        columns.numeric["vetoed"] = std::move(vetoed_column);
        for (const auto& m : managers) columns.rating.push_back(m.rating);
    }
    timings["rating_ms"] = ms_since(phase);

    // --- rewards, in order ---
    show_stage(req, "rewards", n);
    phase = Clock::now();
    std::vector<PayLine> pay;
    std::vector<TraceLine> reward_trace;
    for (const auto& reward : scheme.rewards) {
        auto instance = instantiate(registry, reward.calculator, ComponentKind::reward, create_env);
        // The calculator sees only the managers its gate admits (all of
        // them without a gate): a pool is shared among them alone.
        const GateOutcome gate = apply_gate(reward, scheme, managers, veto_by);
        const ScopeSubset subset(scope.raw(), gate.rows);
        const bool everyone = gate.excluded.empty();
        const std::vector<std::string>& call_ids = everyone ? ids : subset.ids();
        StepServices services(columns, call_ids, reward.id, reward.id, state_reader);
        services.set_earlier_pay(&pay);
        if (!everyone) services.set_rows(&gate.rows);
        StepTrace trace;
        services.set_stored_runs(&stored_runs, &trace);
        try {
            instance->reward(everyone ? scope.raw() : subset.raw(), CallEnv{req.data, &services, &trace});
            // A refused pay line fails the reward even when the plugin
            // ignored the refusal and returned success.
            if (!services.refusal.empty()) throw UserError(services.refusal);
        } catch (const std::exception& e) {
            throw UserError(fmt::format("{} ({}): {}", reward.path, reward.id, e.what()));
        }
        pay.insert(pay.end(), services.pay.begin(), services.pay.end());
        result.decisions.insert(result.decisions.end(), services.decisions.begin(), services.decisions.end());
        result.state.insert(result.state.end(), services.state.begin(), services.state.end());
        for (const auto& [row, why] : gate.excluded)
            result.decisions.push_back(
                {ids[row], 0, reward.id, reward.calculator.id, "gate", "excluded", why});
        // Carried state of a manager kept out stays as it was (a deferred
        // balance is neither paid out nor lost).
        for (const auto& key : services.state_keys) {
            if (gate.excluded.empty()) break;
            const auto earlier = state_reader(reward.id, key);
            for (const auto& kept_out : gate.excluded)
                if (const auto it = earlier.find(ids[kept_out.first]); it != earlier.end())
                    result.state.push_back({reward.id, key, ids[kept_out.first], it->second});
        }
        append_trace(reward_trace, trace, reward.id, call_ids);
    }
    timings["rewards_ms"] = ms_since(phase);

    // --- assemble: sequence numbers per manager, pay totals, listing order ---
    show_stage(req, "results", n);
    std::map<std::string, size_t> row_of;
    for (size_t i = 0; i < n; ++i) row_of[ids[i]] = i;
    {
        std::map<std::string, int> next;
        for (auto& p : pay) {
            p.seq = next[p.manager_id]++;
            auto& total = managers[row_of.at(p.manager_id)].pay_fen;
            total = add_fen(total, p.amount_fen, p.manager_id);
        }
        std::stable_sort(pay.begin(), pay.end(),
                         [](const PayLine& a, const PayLine& b) { return a.manager_id < b.manager_id; });
        result.pay = std::move(pay);
        next.clear();
        for (auto& d : result.decisions) d.seq = next[d.manager_id]++;
        for (auto& step : steps) append_trace(result.trace, step.trace, step.spec->id, ids);
        result.trace.insert(result.trace.end(), reward_trace.begin(), reward_trace.end());
        next.clear();
        for (auto& t : result.trace) t.seq = next[t.manager_id]++;
    }
    std::sort(managers.begin(), managers.end(), [](const ManagerResult& a, const ManagerResult& b) {
        return a.rank != b.rank ? a.rank < b.rank : a.manager_id < b.manager_id;
    });
    result.managers = std::move(managers);

    RunInfo& info = result.info;
    info.scheme_id = scheme.id;
    info.scheme_title = scheme.title;
    info.scheme_path = scheme.source;
    info.scheme_hash = scheme.hash;
    info.scheme_json = scheme.canonical_json;
    info.period = period.text();
    info.first_day = format_date(period.first_day());
    info.last_day = format_date(period.last_day());
    info.manager_count = static_cast<int64_t>(n);
    info.plugins_json = plugins_json(registry, scheme);
    phase = Clock::now();
    info.input_fingerprint = fingerprint.get();  // the wait for it, once the rest is done
    timings["fingerprint_ms"] = ms_since(phase);
    info.results_digest = results_digest(result);
    if (req.snapshot) info.data_version = req.snapshot->version();
    timings["total_ms"] = ms_since(started);
    info.timings_json = json::serialize(timings);
    return result;
}

}  // namespace merit
