#include "scheme/scheme_parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include "common/errors.hpp"
#include "common/json_duplicates.hpp"
#include "common/json_kind.hpp"
#include "common/sha256.hpp"

namespace merit {
namespace {

namespace json = boost::json;

std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string at(const std::string& path, size_t index) {
    return fmt::format("{}[{}]", path, index);
}

// Reads typed fields, recording each problem with its path and carrying on,
// so that one pass reports everything.
class Reader {
public:
    explicit Reader(std::vector<std::string>& problems) : problems_(problems) {}

    void problem(const std::string& path, const std::string& reason) {
        problems_.push_back(fmt::format("{}: {}", path.empty() ? "(root)" : path, reason));
    }

    const json::object* object(const json::value& v, const std::string& path) {
        if (v.is_object()) return &v.get_object();
        problem(path, fmt::format("must be an object (found {})", json_kind_name(v)));
        return nullptr;
    }

    const json::array* array(const json::value& v, const std::string& path) {
        if (v.is_array()) return &v.get_array();
        problem(path, fmt::format("must be an array (found {})", json_kind_name(v)));
        return nullptr;
    }

    void known_keys(const json::object& o, const std::string& path,
                    std::initializer_list<std::string_view> keys) {
        for (const auto& member : o) {
            if (std::find(keys.begin(), keys.end(), member.key()) != keys.end()) continue;
            std::string list;
            for (auto k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
            problem(join(path, member.key()), fmt::format("unknown key (allowed: {})", list));
        }
    }

    std::optional<std::string> string(const json::object& o, const std::string& path, std::string_view key,
                                      bool required) {
        const auto* v = o.if_contains(key);
        if (!v) {
            if (required) problem(join(path, key), "missing (required)");
            return std::nullopt;
        }
        if (!v->is_string()) {
            problem(join(path, key), fmt::format("must be a string (found {})", json_kind_name(*v)));
            return std::nullopt;
        }
        return std::string(v->get_string());
    }

    std::optional<double> number(const json::object& o, const std::string& path, std::string_view key,
                                 bool required) {
        const auto* v = o.if_contains(key);
        if (!v) {
            if (required) problem(join(path, key), "missing (required)");
            return std::nullopt;
        }
        if (!v->is_number()) {
            problem(join(path, key), fmt::format("must be a number (found {})", json_kind_name(*v)));
            return std::nullopt;
        }
        return v->to_number<double>();
    }

    std::vector<std::string> strings(const json::object& o, const std::string& path, std::string_view key) {
        std::vector<std::string> out;
        const auto* v = o.if_contains(key);
        if (!v) return out;
        const auto* a = array(*v, join(path, key));
        if (!a) return out;
        for (size_t i = 0; i < a->size(); ++i) {
            if ((*a)[i].is_string())
                out.emplace_back((*a)[i].get_string());
            else
                problem(at(join(path, key), i),
                        fmt::format("must be a string (found {})", json_kind_name((*a)[i])));
        }
        return out;
    }

    GradeWeights grade_weights(const json::object& o, const std::string& path) {
        GradeWeights out;
        const auto* v = o.if_contains("weights_by_grade");
        if (!v) return out;
        const std::string wpath = join(path, "weights_by_grade");
        const auto* w = object(*v, wpath);
        if (!w) return out;
        for (const auto& member : *w) {
            if (member.value().is_number())
                out[std::string(member.key())] = member.value().to_number<double>();
            else
                problem(join(wpath, member.key()),
                        fmt::format("must be a number (found {})", json_kind_name(member.value())));
        }
        return out;
    }

    ComponentRef component(const json::object& o, const std::string& path, std::string_view id_key,
                           std::string_view params_key) {
        ComponentRef ref;
        ref.path = join(path, id_key);
        ref.params_path = join(path, params_key);
        if (auto id = string(o, path, id_key, true)) ref.id = *id;
        if (const auto* p = o.if_contains(params_key)) {
            if (p->is_object())
                ref.params = *p;
            else
                problem(ref.params_path, fmt::format("must be an object (found {})", json_kind_name(*p)));
        }
        if (ref.params.is_null()) ref.params = json::object{};
        return ref;
    }

private:
    std::vector<std::string>& problems_;
};

void read_column(Reader& r, const json::object& o, const std::string& path, ColumnSpec& c) {
    c.path = path;
    if (auto id = r.string(o, path, "id", true)) c.id = *id;
    if (auto name = r.string(o, path, "name", false)) c.name = *name;
    r.string(o, path, "name_en", false);  // reports only (scheme_labels.hpp)
    c.provider = r.component(o, path, "provider", "params");
    c.depends_on = r.strings(o, path, "depends_on");
    if (auto unit = r.string(o, path, "unit", false)) c.unit = *unit;
}

void read_scope(Reader& r, const json::value& v, ScopeSpec& scope) {
    const auto* o = r.object(v, "scope");
    if (!o) return;
    r.known_keys(*o, "scope", {"roles", "statuses", "org_units", "grades", "org_as_of"});
    if (o->contains("roles")) scope.roles = r.strings(*o, "scope", "roles");
    if (o->contains("statuses")) scope.statuses = r.strings(*o, "scope", "statuses");
    scope.org_units = r.strings(*o, "scope", "org_units");
    scope.grades = r.strings(*o, "scope", "grades");
    if (auto as_of = r.string(*o, "scope", "org_as_of", false)) {
        if (*as_of == "last_day" || *as_of == "first_day")
            scope.org_as_of = *as_of;
        else
            r.problem("scope.org_as_of", "'" + *as_of + "' is not one of last_day, first_day");
    }
}

void read_dimensions(Reader& r, const json::value& v, Scheme& s) {
    const auto* a = r.array(v, "dimensions");
    if (!a) return;
    for (size_t d = 0; d < a->size(); ++d) {
        const std::string dpath = at("dimensions", d);
        const auto* o = r.object((*a)[d], dpath);
        if (!o) continue;
        r.known_keys(*o, dpath,
                     {"id", "name", "name_en", "weight", "weights_by_grade", "min_weight", "indicators"});
        DimensionSpec dim;
        dim.path = dpath;
        if (auto id = r.string(*o, dpath, "id", true)) dim.id = *id;
        if (auto name = r.string(*o, dpath, "name", false)) dim.name = *name;
        r.string(*o, dpath, "name_en", false);
        if (auto w = r.number(*o, dpath, "weight", true)) dim.weight = *w;
        dim.weights_by_grade = r.grade_weights(*o, dpath);
        dim.min_weight = r.number(*o, dpath, "min_weight", false);
        const auto* iv = o->if_contains("indicators");
        if (!iv) {
            r.problem(dpath + ".indicators", "missing (required)");
        } else if (const auto* ia = r.array(*iv, dpath + ".indicators")) {
            for (size_t i = 0; i < ia->size(); ++i) {
                const std::string ipath = at(dpath + ".indicators", i);
                const auto* io = r.object((*ia)[i], ipath);
                if (!io) continue;
                r.known_keys(*io, ipath,
                             {"id", "name", "name_en", "weight", "weights_by_grade", "provider", "params",
                              "depends_on", "target", "scorer", "scorer_params", "unit"});
                ColumnSpec c;
                read_column(r, *io, ipath, c);
                c.weighted = true;
                c.dimension = dim.id;
                if (auto w = r.number(*io, ipath, "weight", true)) c.weight = *w;
                c.weights_by_grade = r.grade_weights(*io, ipath);
                c.target = r.string(*io, ipath, "target", false);
                c.scorer = r.component(*io, ipath, "scorer", "scorer_params");
                dim.indicators.push_back(std::move(c));
            }
        }
        s.dimensions.push_back(std::move(dim));
    }
}

void read_adjustments(Reader& r, const json::value& v, Scheme& s) {
    const auto* a = r.array(v, "adjustments");
    if (!a) return;
    for (size_t i = 0; i < a->size(); ++i) {
        const std::string path = at("adjustments", i);
        const auto* o = r.object((*a)[i], path);
        if (!o) continue;
        AdjustmentSpec adj;
        adj.path = path;
        if (auto id = r.string(*o, path, "id", true)) adj.id = *id;
        if (auto name = r.string(*o, path, "name", false)) adj.name = *name;
        r.string(*o, path, "name_en", false);
        if (auto kind = r.string(*o, path, "kind", true)) adj.kind = *kind;
        if (adj.kind == "veto") {
            r.known_keys(*o, path, {"id", "kind", "name", "name_en", "when", "effect"});
            if (const auto* w = o->if_contains("when")) {
                if (const auto* wo = r.object(*w, path + ".when")) {
                    r.known_keys(*wo, path + ".when", {"indicator", "op", "value"});
                    if (auto ind = r.string(*wo, path + ".when", "indicator", true))
                        adj.when.indicator = *ind;
                    if (auto op = r.string(*wo, path + ".when", "op", true)) adj.when.op = *op;
                    if (auto value = r.number(*wo, path + ".when", "value", true)) adj.when.value = *value;
                }
            } else {
                r.problem(path + ".when", "missing (required)");
            }
            if (const auto* e = o->if_contains("effect")) {
                if (const auto* eo = r.object(*e, path + ".effect")) {
                    r.known_keys(*eo, path + ".effect", {"total", "max_band"});
                    adj.effect_total = r.number(*eo, path + ".effect", "total", false);
                    adj.max_band = r.string(*eo, path + ".effect", "max_band", false);
                    if (!eo->contains("total") && !eo->contains("max_band"))
                        r.problem(path + ".effect", "needs \"total\" or \"max_band\"");
                }
            } else {
                r.problem(path + ".effect", "missing (required)");
            }
        } else if (adj.kind == "deduction" || adj.kind == "bonus") {
            r.known_keys(*o, path,
                         {"id", "kind", "name", "name_en", "indicator", "points_per_unit", "max_points"});
            if (auto ind = r.string(*o, path, "indicator", true)) adj.indicator = *ind;
            if (auto ppu = r.number(*o, path, "points_per_unit", true)) adj.points_per_unit = *ppu;
            adj.max_points = r.number(*o, path, "max_points", false);
        } else if (o->contains("kind")) {
            r.problem(path + ".kind", fmt::format("'{}' is not veto, deduction or bonus", adj.kind));
        }
        s.adjustments.push_back(std::move(adj));
    }
}

void read_bands(Reader& r, const json::value& v, Scheme& s) {
    const auto* a = r.array(v, "bands");
    if (!a) return;
    for (size_t i = 0; i < a->size(); ++i) {
        const std::string path = at("bands", i);
        const auto* o = r.object((*a)[i], path);
        if (!o) continue;
        r.known_keys(*o, path, {"label", "min"});
        BandSpec band;
        if (auto label = r.string(*o, path, "label", true)) band.label = *label;
        if (auto min = r.number(*o, path, "min", true)) band.min = *min;
        s.bands.push_back(std::move(band));
    }
}

void read_distribution(Reader& r, const json::value& v, Scheme& s) {
    const auto* a = r.array(v, "distribution");
    if (!a) return;
    for (size_t i = 0; i < a->size(); ++i) {
        const std::string path = at("distribution", i);
        const auto* o = r.object((*a)[i], path);
        if (!o) continue;
        r.known_keys(*o, path, {"band", "max_share", "per"});
        DistributionSpec limit;
        limit.path = path;
        if (auto band = r.string(*o, path, "band", true)) limit.band = *band;
        if (auto share = r.number(*o, path, "max_share", true)) limit.max_share = *share;
        if (auto per = r.string(*o, path, "per", false)) limit.per = *per;
        s.distribution.push_back(std::move(limit));
    }
}

RewardGate read_gate(Reader& r, const json::value& v, const std::string& path) {
    RewardGate gate;
    gate.declared = true;
    gate.path = path;
    const auto* o = r.object(v, path);
    if (!o) return gate;
    r.known_keys(*o, path, {"vetoed", "min_total", "min_band"});
    // Required: a gate states what a veto does to this reward.
    if (auto vetoed = r.string(*o, path, "vetoed", true)) {
        if (*vetoed == "excluded")
            gate.exclude_vetoed = true;
        else if (*vetoed != "paid")
            r.problem(path + ".vetoed", fmt::format("'{}' is not excluded or paid", *vetoed));
    }
    gate.min_total = r.number(*o, path, "min_total", false);
    gate.min_band = r.string(*o, path, "min_band", false);
    return gate;
}

void read_rewards(Reader& r, const json::value& v, Scheme& s) {
    const auto* a = r.array(v, "rewards");
    if (!a) return;
    for (size_t i = 0; i < a->size(); ++i) {
        const std::string path = at("rewards", i);
        const auto* o = r.object((*a)[i], path);
        if (!o) continue;
        r.known_keys(*o, path, {"id", "name", "name_en", "calculator", "params", "gate"});
        RewardSpec reward;
        reward.path = path;
        if (auto id = r.string(*o, path, "id", true)) reward.id = *id;
        if (auto name = r.string(*o, path, "name", false)) reward.name = *name;
        r.string(*o, path, "name_en", false);
        reward.calculator = r.component(*o, path, "calculator", "params");
        if (const auto* g = o->if_contains("gate")) reward.gate = read_gate(r, *g, path + ".gate");
        s.rewards.push_back(std::move(reward));
    }
}

void read_data_checks(Reader& r, const json::value& v, Scheme& s) {
    const auto* o = r.object(v, "data_checks");
    if (!o) return;
    r.known_keys(*o, "data_checks", {"max_null_share", "period_needs_facts"});
    if (const auto* needs = o->if_contains("period_needs_facts")) {
        if (needs->is_bool())
            s.period_needs_facts = needs->get_bool();
        else
            r.problem("data_checks.period_needs_facts",
                      fmt::format("must be a boolean (found {})", json_kind_name(*needs)));
    }
    if (auto share = r.number(*o, "data_checks", "max_null_share", false)) {
        if (*share >= 0 && *share <= 1)
            s.max_null_share = *share;
        else
            r.problem("data_checks.max_null_share",
                      fmt::format("must be between 0 and 1 (found {})", *share));
    }
}

void read_scheme(Reader& r, const json::object& root, Scheme& s) {
    r.known_keys(root, "",
                 {"scheme", "title", "period_type", "plugins", "scope", "grade_groups", "inputs",
                  "dimensions", "adjustments", "bands", "distribution", "rewards", "data_checks"});
    if (auto id = r.string(root, "", "scheme", true)) s.id = *id;
    if (auto title = r.string(root, "", "title", false)) s.title = *title;
    if (auto pt = r.string(root, "", "period_type", true)) s.period_type = *pt;
    if (!root.contains("plugins")) r.problem("plugins", "missing (required)");
    s.plugins = r.strings(root, "", "plugins");
    if (const auto* v = root.if_contains("scope")) read_scope(r, *v, s.scope);
    if (const auto* v = root.if_contains("grade_groups")) {
        if (const auto* o = r.object(*v, "grade_groups"))
            for (const auto& member : *o)
                s.grade_groups.emplace_back(std::string(member.key()),
                                            r.strings(*o, "grade_groups", member.key()));
    }
    if (const auto* v = root.if_contains("inputs")) {
        if (const auto* a = r.array(*v, "inputs")) {
            for (size_t i = 0; i < a->size(); ++i) {
                const std::string path = at("inputs", i);
                const auto* o = r.object((*a)[i], path);
                if (!o) continue;
                r.known_keys(*o, path, {"id", "name", "name_en", "provider", "params", "depends_on", "unit"});
                ColumnSpec c;
                read_column(r, *o, path, c);
                s.inputs.push_back(std::move(c));
            }
        }
    }
    if (const auto* v = root.if_contains("dimensions"))
        read_dimensions(r, *v, s);
    else
        r.problem("dimensions", "missing (required)");
    if (const auto* v = root.if_contains("adjustments")) read_adjustments(r, *v, s);
    if (const auto* v = root.if_contains("bands"))
        read_bands(r, *v, s);
    else
        r.problem("bands", "missing (required)");
    if (const auto* v = root.if_contains("distribution")) read_distribution(r, *v, s);
    if (const auto* v = root.if_contains("rewards")) read_rewards(r, *v, s);
    if (const auto* v = root.if_contains("data_checks")) read_data_checks(r, *v, s);
}

void write_canonical(const json::value& v, std::string& out) {
    if (v.is_object()) {
        std::vector<std::pair<std::string_view, const json::value*>> members;
        for (const auto& m : v.get_object()) members.emplace_back(m.key(), &m.value());
        std::sort(members.begin(), members.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        out += '{';
        for (size_t i = 0; i < members.size(); ++i) {
            if (i) out += ',';
            out += json::serialize(json::string(members[i].first));
            out += ':';
            write_canonical(*members[i].second, out);
        }
        out += '}';
    } else if (v.is_array()) {
        out += '[';
        for (size_t i = 0; i < v.get_array().size(); ++i) {
            if (i) out += ',';
            write_canonical(v.get_array()[i], out);
        }
        out += ']';
    } else {
        out += json::serialize(v);
    }
}

// 1-based line and column of a byte offset, for syntax errors.
std::pair<size_t, size_t> line_column(std::string_view text, size_t offset) {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

}  // namespace

std::string canonical_json(const json::value& value) {
    std::string out;
    write_canonical(value, out);
    return out;
}

ParsedScheme parse_scheme_text(std::string_view text, const std::string& origin) {
    ParsedScheme result;
    result.scheme.source = origin;
    json::stream_parser parser;
    boost::system::error_code ec;
    const size_t used = parser.write_some(text.data(), text.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec) {
        const auto [line, column] = line_column(text, used);
        result.problems.push_back(
            fmt::format("{}:{}:{}: not valid JSON: {}", origin, line, column, ec.message()));
        return result;
    }
    const json::value root = parser.release();
    for (const auto& d : duplicate_json_keys(text))
        result.problems.push_back(
            fmt::format("{}: duplicate key (line {}, first at line {}): a JSON reader keeps only one of them",
                        d.path, d.line, d.first_line));
    Reader reader(result.problems);
    if (const auto* o = reader.object(root, "")) read_scheme(reader, *o, result.scheme);
    result.scheme.canonical_json = canonical_json(root);
    result.scheme.hash = sha256_hex(result.scheme.canonical_json);
    return result;
}

ParsedScheme parse_scheme_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UserError(fmt::format("{}: cannot read the scheme file", file.string()));
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse_scheme_text(buffer.str(), file.string());
}

}  // namespace merit
