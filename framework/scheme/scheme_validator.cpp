#include "scheme/scheme_validator.hpp"

#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>

#include "common/errors.hpp"
#include "data/read_connection.hpp"
#include "data/read_only_query.hpp"
#include "plugin/component_instance.hpp"
#include "scheme/completion_target.hpp"
#include "scheme/scheme_parser.hpp"

namespace merit {
namespace {

constexpr double kWeightTolerance = 1e-9;

using Problems = std::vector<std::string>;

// Prepares SQL parameters against an empty database with the workspace
// schema, opened on first use: a scheme without SQL opens nothing.
class SqlChecker {
public:
    std::optional<std::string> problem(const std::string& sql) {
        try {
            if (!connection_) connection_ = ReadConnection::schema_only();
            prepare_read_only_query(*connection_, sql.c_str());
            return std::nullopt;
        } catch (const UserError& e) {
            return fmt::format("cannot be prepared: {}", e.what());
        }
    }

private:
    std::unique_ptr<ReadConnection> connection_;
};

void add(Problems& p, const std::string& path, const std::string& reason) {
    p.push_back(fmt::format("{}: {}", path, reason));
}

std::string format_number(double x) {
    return fmt::format("{}", x);
}

// Every group named by grade_groups, plus "" for the plain weights.
std::vector<std::string> weight_variants(const Scheme& s) {
    std::vector<std::string> variants{""};
    for (const auto& [group, grades] : s.grade_groups) variants.push_back(group);
    return variants;
}

std::string variant_label(const std::string& group) {
    return group.empty() ? "plain weights" : fmt::format("weights for grade group '{}'", group);
}

void check_grade_weight_names(const Scheme& s, const GradeWeights& w, const std::string& path, Problems& p) {
    for (const auto& [group, weight] : w) {
        bool known = false;
        for (const auto& g : s.grade_groups) known = known || g.first == group;
        if (!known) add(p, fmt::format("{}.weights_by_grade.{}", path, group), "unknown grade group");
        if (weight < 0) add(p, fmt::format("{}.weights_by_grade.{}", path, group), "must not be negative");
    }
}

void check_weights(const Scheme& s, Problems& p) {
    for (const auto& [group, grades] : s.grade_groups) {
        if (grades.empty()) add(p, "grade_groups." + group, "names no grade");
    }
    std::map<std::string, std::string> grade_owner;
    for (const auto& [group, grades] : s.grade_groups)
        for (const auto& grade : grades) {
            auto [it, inserted] = grade_owner.emplace(grade, group);
            if (!inserted)
                add(p, "grade_groups." + group,
                    fmt::format("grade '{}' is already in group '{}'", grade, it->second));
        }
    if (s.dimensions.empty()) return;
    for (const auto& group : weight_variants(s)) {
        double dimensions_sum = 0;
        for (const auto& d : s.dimensions) {
            dimensions_sum += effective_weight(d.weight, d.weights_by_grade, group);
            if (d.indicators.empty()) continue;
            double sum = 0;
            for (const auto& i : d.indicators) sum += effective_weight(i.weight, i.weights_by_grade, group);
            if (std::abs(sum - 100) > kWeightTolerance)
                add(p, d.path + ".indicators",
                    fmt::format("indicator weights sum to {}, not 100 ({})", format_number(sum),
                                variant_label(group)));
        }
        for (const auto& d : s.dimensions) {
            const double weight = effective_weight(d.weight, d.weights_by_grade, group);
            if (d.min_weight && weight + kWeightTolerance < *d.min_weight)
                add(p,
                    group.empty() ? d.path + ".weight" : fmt::format("{}.weights_by_grade.{}", d.path, group),
                    fmt::format("{}% ({}) is below the minimum {}% (min_weight)", format_number(weight),
                                variant_label(group), format_number(*d.min_weight)));
        }
        if (std::abs(dimensions_sum - 100) > kWeightTolerance)
            add(p, "dimensions",
                fmt::format("dimension weights sum to {}, not 100 ({})", format_number(dimensions_sum),
                            variant_label(group)));
    }
    for (const auto& d : s.dimensions) {
        if (d.weight < 0) add(p, d.path + ".weight", "must not be negative");
        if (d.min_weight && (*d.min_weight < 0 || *d.min_weight > 100))
            add(p, d.path + ".min_weight", "must be between 0 and 100");
        if (d.indicators.empty()) add(p, d.path + ".indicators", "a dimension needs at least one indicator");
        check_grade_weight_names(s, d.weights_by_grade, d.path, p);
        for (const auto& i : d.indicators) {
            if (i.weight < 0) add(p, i.path + ".weight", "must not be negative");
            check_grade_weight_names(s, i.weights_by_grade, i.path, p);
        }
    }
}

void check_ids(const Scheme& s, Problems& p) {
    static const std::regex kSchemeId("[a-z0-9_-]+");
    if (!s.id.empty() && !std::regex_match(s.id, kSchemeId))
        add(p, "scheme", fmt::format("'{}' is not a valid id ([a-z0-9_-]+)", s.id));
    static const std::set<std::string> kPeriodTypes{"month", "quarter", "half", "year", "any"};
    if (!kPeriodTypes.count(s.period_type))
        add(p, "period_type",
            fmt::format("'{}' is not one of month, quarter, half, year, any", s.period_type));

    std::map<std::string, std::string> seen;  // column id -> path
    for (const auto* c : s.columns()) {
        if (c->id.empty()) continue;
        auto [it, inserted] = seen.emplace(c->id, c->path);
        if (!inserted) add(p, c->path + ".id", fmt::format("duplicate id '{}' (also {})", c->id, it->second));
    }
    // Result-column names have their own meaning; a column may not hide one.
    for (const auto* c : s.columns())
        if (c->id == "total" || c->id == "rank" || c->id == "rank_in_unit" || c->id == "band_index" ||
            c->id == "vetoed" || c->id == "pay_total" || c->id.find(':') != std::string::npos)
            add(p, c->path + ".id", fmt::format("'{}' is reserved for a result column", c->id));
    std::set<std::string> dims;
    for (const auto& d : s.dimensions)
        if (!d.id.empty() && !dims.insert(d.id).second)
            add(p, d.path + ".id", fmt::format("duplicate id '{}'", d.id));
    std::set<std::string> adjustments;
    for (const auto& a : s.adjustments)
        if (!a.id.empty() && !adjustments.insert(a.id).second)
            add(p, a.path + ".id", fmt::format("duplicate id '{}'", a.id));
    std::set<std::string> rewards;
    for (const auto& r : s.rewards)
        if (!r.id.empty() && !rewards.insert(r.id).second)
            add(p, r.path + ".id", fmt::format("duplicate id '{}'", r.id));
    std::set<std::string> plugins;
    for (size_t i = 0; i < s.plugins.size(); ++i)
        if (!plugins.insert(s.plugins[i]).second)
            add(p, fmt::format("plugins[{}]", i), fmt::format("duplicate plugin '{}'", s.plugins[i]));
}

void check_dependencies(const Scheme& s, Problems& p) {
    std::map<std::string, const ColumnSpec*> by_id;
    for (const auto* c : s.columns()) by_id.emplace(c->id, c);
    for (const auto* c : s.columns())
        for (size_t i = 0; i < c->depends_on.size(); ++i) {
            if (!by_id.count(c->depends_on[i]))
                add(p, fmt::format("{}.depends_on[{}]", c->path, i),
                    fmt::format("unknown input or indicator '{}'", c->depends_on[i]));
            else if (c->depends_on[i] == c->id)
                add(p, fmt::format("{}.depends_on[{}]", c->path, i), "an indicator cannot depend on itself");
        }
    // Depth-first search; a grey node reached again closes a cycle.
    std::map<std::string, int> colour;  // 0 white, 1 grey, 2 black
    std::vector<std::string> stack;
    std::set<std::string> reported;
    std::function<void(const ColumnSpec*)> visit = [&](const ColumnSpec* c) {
        colour[c->id] = 1;
        stack.push_back(c->id);
        for (const auto& dep : c->depends_on) {
            const auto it = by_id.find(dep);
            if (it == by_id.end() || dep == c->id) continue;
            if (colour[dep] == 1) {
                std::string cycle;
                bool in = false;
                for (const auto& id : stack) {
                    in = in || id == dep;
                    if (in) cycle += id + " -> ";
                }
                cycle += dep;
                if (reported.insert(dep).second)
                    add(p, it->second->path + ".depends_on", fmt::format("dependency cycle: {}", cycle));
            } else if (colour[dep] == 0) {
                visit(it->second);
            }
        }
        stack.pop_back();
        colour[c->id] = 2;
    };
    for (const auto* c : s.columns())
        if (colour[c->id] == 0) visit(c);
}

void check_adjustments(const Scheme& s, Problems& p) {
    static const std::set<std::string> kOps{">", ">=", "<", "<=", "==", "!="};
    for (const auto& a : s.adjustments) {
        if (a.kind == "veto") {
            if (!a.when.indicator.empty() && !s.find_column(a.when.indicator))
                add(p, a.path + ".when.indicator",
                    fmt::format("unknown input or indicator '{}'", a.when.indicator));
            if (!a.when.op.empty() && !kOps.count(a.when.op))
                add(p, a.path + ".when.op",
                    fmt::format("'{}' is not one of >, >=, <, <=, ==, !=", a.when.op));
            if (a.max_band && s.band_index(*a.max_band) < 0)
                add(p, a.path + ".effect.max_band", fmt::format("unknown band '{}'", *a.max_band));
            if (a.effect_total && *a.effect_total < 0)
                add(p, a.path + ".effect.total", "must not be negative");
        } else if (a.kind == "deduction" || a.kind == "bonus") {
            if (!a.indicator.empty() && !s.find_column(a.indicator))
                add(p, a.path + ".indicator", fmt::format("unknown input or indicator '{}'", a.indicator));
            if (a.points_per_unit < 0) add(p, a.path + ".points_per_unit", "must not be negative");
            if (a.max_points && *a.max_points < 0) add(p, a.path + ".max_points", "must not be negative");
        }
    }
}

void check_bands(const Scheme& s, Problems& p) {
    if (s.bands.empty()) {
        add(p, "bands", "at least one band is needed");
        return;
    }
    std::set<std::string> labels;
    for (size_t i = 0; i < s.bands.size(); ++i) {
        const auto& b = s.bands[i];
        if (b.label.empty()) continue;
        if (!labels.insert(b.label).second)
            add(p, fmt::format("bands[{}].label", i), fmt::format("duplicate band '{}'", b.label));
        if (i > 0 && !(b.min < s.bands[i - 1].min))
            add(p, fmt::format("bands[{}].min", i),
                fmt::format("{} is not below the previous band's min {} (bands go best first)",
                            format_number(b.min), format_number(s.bands[i - 1].min)));
    }
    std::set<std::string> limited;
    for (const auto& d : s.distribution) {
        if (!d.band.empty() && s.band_index(d.band) < 0)
            add(p, d.path + ".band", fmt::format("unknown band '{}'", d.band));
        if (!d.band.empty() && !limited.insert(d.band).second)
            add(p, d.path + ".band", fmt::format("band '{}' is already limited", d.band));
        if (d.band == s.bands.back().label)
            add(p, d.path + ".band", "the lowest band cannot be limited: there is no band below it");
        if (d.max_share < 0 || d.max_share > 1) add(p, d.path + ".max_share", "must be between 0 and 1");
        if (d.per != "org_unit" && d.per != "all")
            add(p, d.path + ".per", fmt::format("'{}' is not org_unit or all", d.per));
    }
}

void check_gates(const Scheme& s, Problems& p) {
    for (const auto& r : s.rewards) {
        const RewardGate& g = r.gate;
        if (!g.declared) continue;
        if (g.min_total && (!std::isfinite(*g.min_total) || *g.min_total < 0))
            add(p, g.path + ".min_total", "must be a finite number, not negative");
        if (g.min_band && s.band_index(*g.min_band) < 0)
            add(p, g.path + ".min_band", fmt::format("unknown band '{}'", *g.min_band));
    }
}

std::string_view kind_phrase(ComponentKind kind) {
    switch (kind) {
        case ComponentKind::indicator:
            return "an indicator provider";
        case ComponentKind::scorer:
            return "a scorer";
        case ComponentKind::reward:
            return "a reward calculator";
    }
    return "a component";
}

// Where a component sits, for the parameters that name result columns: an
// indicator may read only what its depends_on lists; a reward anything
// computed before it.
struct Placement {
    const ColumnSpec* column = nullptr;  // the input or indicator the component computes or scores
    size_t reward = 0;                   // index into rewards, for a calculator
};

bool computed_column(const Scheme& s, const std::string& name) {
    return s.find_column(name) != nullptr;
}

// The result columns a reward calculator may read (engine/evaluator.cpp):
// inputs and indicators, their scores, dimensions, the total and its ranks,
// and the pay of rewards up to this one.
bool reward_column(const Scheme& s, size_t reward, const std::string& name) {
    if (computed_column(s, name)) return true;
    if (name == "total" || name == "rank" || name == "rank_in_unit" || name == "band_index" ||
        name == "vetoed" || name == "pay_total")
        return true;
    const auto after = [&](std::string_view prefix) -> std::optional<std::string> {
        if (name.rfind(prefix, 0) != 0) return std::nullopt;
        return name.substr(prefix.size());
    };
    if (const auto id = after("score:")) {
        for (const auto& d : s.dimensions)
            for (const auto& i : d.indicators)
                if (i.id == *id) return true;
    }
    if (const auto id = after("dimension:")) {
        for (const auto& d : s.dimensions)
            if (d.id == *id) return true;
    }
    if (const auto id = after("pay:")) {
        for (size_t r = 0; r <= reward && r < s.rewards.size(); ++r)
            if (s.rewards[r].id == *id) return true;
    }
    return false;
}

void check_column_param(const Scheme& s, const Placement& where, ComponentKind kind, const std::string& path,
                        const std::string& name, Problems& p) {
    if (kind == ComponentKind::reward) {
        if (!reward_column(s, where.reward, name))
            add(p, path,
                fmt::format(
                    "unknown result column '{}' (an input or indicator id, score:<indicator>, "
                    "dimension:<id>, total, rank, rank_in_unit, band_index, vetoed, pay_total or pay:<an "
                    "earlier reward>)",
                    name));
        return;
    }
    if (!computed_column(s, name)) {
        add(p, path, fmt::format("unknown input or indicator '{}'", name));
        return;
    }
    const ColumnSpec* c = where.column;
    if (!c) return;
    if (name == c->id) {
        add(p, path, "an indicator cannot depend on itself");
        return;
    }
    if (std::find(c->depends_on.begin(), c->depends_on.end(), name) == c->depends_on.end())
        add(p, path,
            fmt::format("'{}' is not listed in {}.depends_on (the run computes it first only then)", name,
                        c->path));
}

// Parameters whose manifest says what they name: result columns, and SQL
// that must at least prepare against the workspace schema.
void check_param_formats(const Scheme& s, const ComponentManifest& manifest, const ComponentRef& ref,
                         ComponentKind kind, const Placement& where, SqlChecker& sql, Problems& p) {
    if (!ref.params.is_object()) return;
    for (const auto& spec : manifest.params) {
        if (spec.format.empty()) continue;
        const auto* v = ref.params.get_object().if_contains(spec.name);
        if (!v || !v->is_string()) continue;
        const std::string path = ref.params_path + "." + spec.name;
        const std::string text(v->get_string());
        if (spec.format == "column") {
            check_column_param(s, where, kind, path, text, p);
        } else if (spec.format == "sql") {
            if (auto problem = sql.problem(text)) add(p, path, *problem);
        }
    }
}

void check_component(const PluginRegistry& registry, const Scheme& s, const ComponentRef& ref,
                     ComponentKind kind, const Placement& where, SqlChecker& sql, Problems& p) {
    if (ref.id.empty()) return;
    const auto dot = ref.id.find('.');
    if (dot == std::string::npos) {
        add(p, ref.path, fmt::format("'{}' is not a qualified component id (<plugin>.<component>)", ref.id));
        return;
    }
    const std::string plugin = ref.id.substr(0, dot);
    if (std::find(s.plugins.begin(), s.plugins.end(), plugin) == s.plugins.end())
        add(p, ref.path, fmt::format("plugin '{}' of '{}' is not listed in \"plugins\"", plugin, ref.id));
    const Component* c = registry.find(ref.id);
    if (!c) {
        add(p, ref.path, fmt::format("unknown component '{}'", ref.id));
        return;
    }
    if (c->kind != kind) {
        add(p, ref.path, fmt::format("'{}' is {}, not {}", ref.id, kind_phrase(c->kind), kind_phrase(kind)));
        return;
    }
    const auto problems = validate_params(*c->manifest, ref.params, ref.params_path);
    p.insert(p.end(), problems.begin(), problems.end());
    if (!problems.empty()) return;
    check_param_formats(s, *c->manifest, ref, kind, where, sql, p);
    // The manifest cannot say everything (a cap above the full mark, a
    // formula that parses): the component's own create has the last word.
    try {
        ComponentInstance instance(*c, ref.params);
    } catch (const std::exception& e) {
        add(p, ref.params_path, e.what());
    }
}

// A provider whose value is already a completion (its manifest's
// completion_target: core.target_completion) measured against a "target" of
// the indicator too is divided by the target twice: every score near 0.
void check_target_once(const PluginRegistry& registry, const ColumnSpec& indicator, Problems& p) {
    if (!indicator.target) return;
    const Component* c = registry.find(indicator.provider.id);
    if (!c || !c->manifest || c->kind != ComponentKind::indicator) return;
    const std::string measured = completion_target_name(*c, indicator.provider);
    if (measured.empty()) return;
    add(p, indicator.path + ".target",
        fmt::format("{}'s value is already the completion against target '{}'; a \"target\" here divides "
                    "it by the target again (remove it, or use a provider whose value is the actual)",
                    indicator.provider.id, measured));
}

}  // namespace

std::vector<std::string> check_scheme_rules(const Scheme& scheme) {
    Problems p;
    check_ids(scheme, p);
    check_weights(scheme, p);
    check_dependencies(scheme, p);
    check_adjustments(scheme, p);
    check_bands(scheme, p);
    check_gates(scheme, p);
    return p;
}

std::vector<std::string> check_scheme_components(const Scheme& scheme, const PluginRegistry& registry) {
    Problems p;
    for (size_t i = 0; i < scheme.plugins.size(); ++i) {
        const std::string& id = scheme.plugins[i];
        // The loaded file of that id, whatever other files claim it too (a
        // backup copy, an untrusted impostor); else the first that says why not.
        const PluginRecord* found = nullptr;
        for (const auto& r : registry.plugins())
            if (r->manifest && r->manifest->id == id && (!found || (r->loaded && !found->loaded)))
                found = r.get();
        if (!found)
            add(p, fmt::format("plugins[{}]", i), fmt::format("plugin '{}' is not installed", id));
        else if (!found->loaded)
            add(p, fmt::format("plugins[{}]", i),
                fmt::format("plugin '{}' is not loaded: {}", id, found->error));
    }
    SqlChecker sql;
    for (const auto& input : scheme.inputs)
        check_component(registry, scheme, input.provider, ComponentKind::indicator, {&input}, sql, p);
    for (const auto& d : scheme.dimensions)
        for (const auto& i : d.indicators) {
            check_component(registry, scheme, i.provider, ComponentKind::indicator, {&i}, sql, p);
            check_target_once(registry, i, p);
            check_component(registry, scheme, i.scorer, ComponentKind::scorer, {&i}, sql, p);
        }
    for (size_t r = 0; r < scheme.rewards.size(); ++r)
        check_component(registry, scheme, scheme.rewards[r].calculator, ComponentKind::reward, {nullptr, r},
                        sql, p);
    return p;
}

std::vector<std::string> validate_scheme_file(const std::string& file, const PluginRegistry& registry,
                                              Scheme* parsed) {
    ParsedScheme result = parse_scheme_file(file);
    Problems p = result.problems;
    if (!result.scheme.canonical_json.empty()) {
        const auto rules = check_scheme_rules(result.scheme);
        p.insert(p.end(), rules.begin(), rules.end());
        const auto components = check_scheme_components(result.scheme, registry);
        p.insert(p.end(), components.begin(), components.end());
    }
    if (parsed) *parsed = std::move(result.scheme);
    return p;
}

void require_valid(const std::vector<std::string>& problems, const std::string& origin) {
    if (problems.empty()) return;
    if (problems.size() == 1) throw UserError(fmt::format("{}: {}", origin, problems.front()));
    throw UserError(fmt::format("{}: {} (and {} more problem{}; run `merit validate {}`)", origin,
                                problems.front(), problems.size() - 1, problems.size() == 2 ? "" : "s",
                                origin));
}

}  // namespace merit
