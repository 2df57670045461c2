#include "scheme/data_references.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <functional>
#include <map>
#include <set>

#include "import/builtin_roles.hpp"
#include "plugin/manifest.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

namespace json = boost::json;

using NameSink = std::function<void(const std::string& path, const std::string& name)>;

// The names a parameter's value holds, where its manifest's refers_in says.
void names_in(const json::value& v, const std::string& where, const std::string& path, const NameSink& sink) {
    if (where == "keys" || where == "values") {
        if (!v.is_object()) return;
        for (const auto& member : v.get_object()) {
            const std::string at = path + "." + std::string(member.key());
            if (where == "keys")
                sink(at, std::string(member.key()));
            else if (member.value().is_string())
                sink(at, std::string(member.value().get_string()));
        }
    } else if (!where.empty()) {  // ".FIELD" of each object of an array
        if (!v.is_array()) return;
        const std::string field = where.substr(1);
        for (size_t i = 0; i < v.get_array().size(); ++i) {
            const json::value& element = v.get_array()[i];
            if (!element.is_object()) continue;
            const auto* named = element.get_object().if_contains(field);
            if (named && named->is_string())
                sink(fmt::format("{}[{}].{}", path, i, field), std::string(named->get_string()));
        }
    } else if (v.is_string()) {
        sink(path, std::string(v.get_string()));
    } else if (v.is_array()) {
        for (size_t i = 0; i < v.get_array().size(); ++i)
            if (v.get_array()[i].is_string())
                sink(fmt::format("{}[{}]", path, i), std::string(v.get_array()[i].get_string()));
    }
}

void component_references(const ComponentRef& ref, const PluginRegistry& registry,
                          std::vector<DataReference>& out) {
    const Component* c = ref.id.empty() ? nullptr : registry.find(ref.id);
    if (!c || !c->manifest) return;
    const json::value params = with_defaults(*c->manifest, ref.params);
    if (!params.is_object()) return;
    for (const ParamSpec& spec : c->manifest->params) {
        if (spec.refers_to.empty()) continue;
        const auto* v = params.get_object().if_contains(spec.name);
        if (!v || v->is_null()) continue;
        const auto* written =
            ref.params.is_object() ? ref.params.get_object().if_contains(spec.name) : nullptr;
        const bool from_default = !written || written->is_null();
        names_in(*v, spec.refers_in, ref.params_path + "." + spec.name,
                 [&](const std::string& path, const std::string& name) {
                     // "" names nothing ("pass_event": "": always confirmed).
                     if (!name.empty()) out.push_back({path, spec.refers_to, name, from_default});
                 });
    }
}

std::vector<std::string> strings_of(sqlite3* db, const std::string& sql) {
    std::vector<std::string> out;
    Statement st(db, sql);
    while (st.step()) out.push_back(st.text(0));
    return out;
}

// The distinct metrics of facts, one index seek each: the key starts with
// (entity, metric), so this never reads the fact rows themselves.
std::vector<std::string> fact_metrics(sqlite3* db) {
    std::set<std::string> found;
    for (const char* entity : {"customer", "manager", "org_unit"}) {
        Statement next(db,
                       "SELECT metric FROM facts WHERE entity = ?1 AND metric > ?2 ORDER BY metric LIMIT 1");
        std::string after;
        for (;;) {
            next.reset();
            next.bind(1, entity).bind(2, after);
            if (!next.step()) break;
            after = next.text(0);
            found.insert(after);
        }
    }
    return {found.begin(), found.end()};
}

// The names of one kind the workspace has (`seen`) and the ones a
// misspelling may have meant besides (`also`: declared but unused, valid
// choices).
struct KnownNames {
    std::vector<std::string> seen;
    std::vector<std::string> also;
};

KnownNames load_names(sqlite3* db, const std::string& kind) {
    KnownNames k;
    if (kind == "metric" || kind == "metric_prefix") {
        k.seen = fact_metrics(db);
        k.also = strings_of(db, "SELECT metric FROM metrics ORDER BY metric");
    } else if (kind == "event_kind") {
        k.seen = strings_of(db, "SELECT DISTINCT kind FROM events ORDER BY kind");
    } else if (kind == "target_indicator") {
        k.seen = strings_of(db, "SELECT DISTINCT indicator FROM targets ORDER BY indicator");
    } else if (kind == "rating_item") {
        k.seen = strings_of(db, "SELECT DISTINCT item FROM ratings ORDER BY item");
    } else if (kind == "rater_role") {
        k.seen = strings_of(db, "SELECT DISTINCT rater_role FROM ratings ORDER BY rater_role");
        k.also = {"self", "supervisor", "peer", "subordinate", "customer"};
    } else if (kind == "manager_role") {
        k.seen = strings_of(db, "SELECT role FROM managers UNION SELECT role FROM manager_terms ORDER BY 1");
        k.also = strings_of(db, "SELECT id FROM roles ORDER BY id");
        for (const BuiltinRole& role : builtin_roles()) k.also.emplace_back(role.id);
    }
    return k;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// What is missing, in words: "metric 'policy' is not in the workspace (no fact names it)".
std::string unseen_text(const DataReference& ref, const KnownNames& known) {
    if (ref.kind == "metric_prefix")
        return fmt::format("metric prefix '{}' is not in the workspace (no metric with facts starts with it)",
                           ref.name);
    if (ref.kind == "metric")
        return fmt::format("metric '{}' is not in the workspace ({})", ref.name,
                           contains(known.also, ref.name) ? "metrics.csv declares it, but no fact names it"
                                                          : "no fact names it");
    static const std::map<std::string, std::pair<const char*, const char*>> words = {
        {"event_kind", {"event kind", "no event has it"}},
        {"target_indicator", {"target indicator", "no row of targets names it"}},
        {"rating_item", {"rating item", "no rating names it"}},
        {"rater_role", {"rater role", "no rating has it"}},
        {"manager_role", {"role", "no manager holds it"}},
    };
    const auto it = words.find(ref.kind);
    const auto [what, why] = it != words.end() ? it->second : std::pair{ref.kind.c_str(), "never seen"};
    return fmt::format("{} '{}' is not in the workspace ({})", what, ref.name, why);
}

bool seen(const DataReference& ref, const KnownNames& known) {
    if (ref.kind != "metric_prefix") return contains(known.seen, ref.name);
    return std::any_of(known.seen.begin(), known.seen.end(),
                       [&](const std::string& m) { return m.starts_with(ref.name); });
}

// Code points of UTF-8 text (bytes that are not UTF-8 count one each).
std::vector<uint32_t> code_points(std::string_view text) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const size_t length = byte < 0x80         ? 1
                              : byte >> 5 == 0x6  ? 2
                              : byte >> 4 == 0xE  ? 3
                              : byte >> 3 == 0x1E ? 4
                                                  : 1;
        uint32_t point = length == 1 ? byte : byte & (0x7F >> length);
        for (size_t k = 1; k < length && i + k < text.size(); ++k)
            point = point << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        out.push_back(point);
        i += length;
    }
    return out;
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
    const std::vector<uint32_t> x = code_points(a), y = code_points(b);
    std::vector<size_t> row(y.size() + 1);
    for (size_t j = 0; j <= y.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= x.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= y.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[y.size()];
}

std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& known) {
    // policy -> policies is 3 edits; customer_manager -> market_manager (7)
    // is another word, not a misspelling.
    const size_t limit = std::max<size_t>(3, code_points(name).size() / 3);
    std::optional<std::string> best;
    size_t best_distance = limit + 1;
    for (const std::string& candidate : known) {
        const size_t d = edit_distance(name, candidate);
        if (d < best_distance) best = candidate, best_distance = d;
    }
    return best;
}

std::vector<DataReference> scheme_data_references(const Scheme& scheme, const PluginRegistry& registry) {
    std::vector<DataReference> out;
    for (size_t i = 0; i < scheme.scope.roles.size(); ++i)
        out.push_back({fmt::format("scope.roles[{}]", i), "manager_role", scheme.scope.roles[i]});
    for (const ColumnSpec& input : scheme.inputs) component_references(input.provider, registry, out);
    for (const DimensionSpec& d : scheme.dimensions)
        for (const ColumnSpec& indicator : d.indicators) {
            component_references(indicator.provider, registry, out);
            if (indicator.target)
                out.push_back({indicator.path + ".target", "target_indicator", *indicator.target});
            component_references(indicator.scorer, registry, out);
        }
    for (const RewardSpec& reward : scheme.rewards) component_references(reward.calculator, registry, out);
    return out;
}

std::vector<std::string> unseen_reference_warnings(sqlite3* db,
                                                   const std::vector<DataReference>& references) {
    std::map<std::string, KnownNames> known;  // loaded once per kind
    std::vector<std::string> out;
    for (const DataReference& ref : references) {
        auto it = known.find(ref.kind);
        if (it == known.end()) it = known.emplace(ref.kind, load_names(db, ref.kind)).first;
        if (seen(ref, it->second)) continue;
        std::string text = unseen_text(ref, it->second);
        // What the name may have been meant as: never itself (a valid rater
        // role no rating has yet).
        std::vector<std::string> candidates;
        for (const auto* names : {&it->second.seen, &it->second.also})
            for (const std::string& name : *names)
                if (name != ref.name && !contains(candidates, name)) candidates.push_back(name);
        std::optional<std::string> near;
        if (ref.kind != "metric_prefix") near = closest_name(ref.name, candidates);
        // An event is something that happened: a kind nobody has had (the
        // fines table's 泄露报表或客户资料) counts 0 for everybody, rightly,
        // every period, and warning about it would teach users to ignore the
        // warnings. What the workspace can tell is a likely misspelling (a
        // kind it has is near), no events at all (not imported yet) and a
        // component's default that the scheme never wrote.
        if (ref.kind == "event_kind" && !near && !ref.from_default && !it->second.seen.empty()) continue;
        if (near) text += fmt::format("; closest: '{}'", *near);
        if (ref.from_default) text += " (the component's default; set the parameter to the workspace's name)";
        out.push_back(ref.path + ": " + text);
    }
    return out;
}

std::vector<std::string> empty_period_warnings(sqlite3* db, const Period& period) {
    // Stops at the first fact of the period; only an empty one reads them all.
    Statement st(db, "SELECT 1 FROM facts WHERE date BETWEEN ?1 AND ?2 LIMIT 1");
    st.bind(1, format_date(period.first_day())).bind(2, format_date(period.last_day()));
    if (st.step()) return {};
    return {fmt::format("period: {} ({}..{}) has no facts in the workspace", period.text(),
                        format_date(period.first_day()), format_date(period.last_day()))};
}

std::vector<std::string> data_warnings(sqlite3* db, const Scheme& scheme, const PluginRegistry& registry,
                                       const std::optional<Period>& period) {
    const std::vector<DataReference> references = scheme_data_references(scheme, registry);
    std::vector<std::string> out = unseen_reference_warnings(db, references);
    // A scheme that reads no fact (events and ratings only) needs none.
    const bool reads_facts = std::any_of(references.begin(), references.end(), [](const DataReference& r) {
        return r.kind == "metric" || r.kind == "metric_prefix";
    });
    if (period && reads_facts && scheme.period_needs_facts) {
        const auto empty = empty_period_warnings(db, *period);
        out.insert(out.end(), empty.begin(), empty.end());
    }
    return out;
}

}  // namespace merit
