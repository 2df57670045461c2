#include "report/scheme_labels.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cctype>

#include "common/errors.hpp"

namespace merit::report {
namespace {

namespace json = boost::json;

std::string string_at(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

double number_at(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_number() ? v->to_number<double>() : 0.0;
}

const json::array* array_at(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_array() ? &v->get_array() : nullptr;
}

NamedItem named_item(const json::value& v) {
    NamedItem item;
    if (!v.is_object()) return item;
    const auto& o = v.get_object();
    item.id = string_at(o, "id");
    item.name = string_at(o, "name");
    item.name_en = string_at(o, "name_en");
    item.unit = string_at(o, "unit");
    item.kind = string_at(o, "kind");
    return item;
}

std::vector<NamedItem> named_items(const json::object& o, std::string_view key) {
    std::vector<NamedItem> out;
    if (const auto* a = array_at(o, key))
        for (const auto& v : *a) out.push_back(named_item(v));
    return out;
}

// Depth-first over the JSON, in document order, collecting scalar leaves.
void collect_leaves(const json::value& v, const std::string& path, const std::string& key,
                    const std::string& owner, std::vector<ParameterRow>& out) {
    switch (v.kind()) {
        case json::kind::object: {
            const auto& o = v.get_object();
            std::string here = owner;
            if (const auto name = string_at(o, "name"); !name.empty())
                here = name;
            else if (const auto id = string_at(o, "id"); !id.empty())
                here = id;
            for (const auto& member : o) {
                const std::string k(member.key());
                collect_leaves(member.value(), path.empty() ? k : path + "." + k, k, here, out);
            }
            return;
        }
        case json::kind::array: {
            const auto& a = v.get_array();
            for (size_t i = 0; i < a.size(); ++i)
                collect_leaves(a[i], fmt::format("{}[{}]", path, i), key, owner, out);
            return;
        }
        case json::kind::string:
            out.push_back({path, owner, key, std::nullopt, std::string(v.get_string())});
            return;
        case json::kind::bool_:
            out.push_back({path, owner, key, std::nullopt, v.get_bool() ? "true" : "false"});
            return;
        case json::kind::null:
            out.push_back({path, owner, key, std::nullopt, "null"});
            return;
        default: {
            const double d = v.to_number<double>();
            out.push_back({path, owner, key, d, fmt::format("{}", d)});
            return;
        }
    }
}

std::string label_of(const NamedItem* item, const std::string& id, Lang lang) {
    if (lang == Lang::zh && item && !item->name.empty()) return item->name;
    if (lang == Lang::en && item && !item->name_en.empty()) return item->name_en;
    return lang == Lang::en ? readable_id(id) : id;
}

const NamedItem* find_in(const std::vector<NamedItem>& items, const std::string& id) {
    for (const auto& item : items)
        if (item.id == id) return &item;
    return nullptr;
}

}  // namespace

Lang parse_lang(std::string_view text) {
    if (text == "zh") return Lang::zh;
    if (text == "en") return Lang::en;
    throw UsageError(fmt::format("--lang {}: must be zh or en", text));
}

std::string readable_id(std::string_view id) {
    std::string out;
    for (const char c : id) out += (c == '_' || c == '-') ? ' ' : c;
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

SchemeLabels parse_scheme_labels(std::string_view scheme_json, const std::string& origin) {
    json::value root;
    try {
        root = json::parse(scheme_json);
    } catch (const std::exception& e) {
        throw UserError(fmt::format("{}: stored scheme is not valid JSON: {}", origin, e.what()));
    }
    if (!root.is_object()) throw UserError(fmt::format("{}: stored scheme is not a JSON object", origin));
    const auto& o = root.get_object();
    SchemeLabels s;
    s.id = string_at(o, "scheme");
    s.title = string_at(o, "title");
    s.period_type = string_at(o, "period_type");
    if (const auto* dims = array_at(o, "dimensions"))
        for (const auto& d : *dims) {
            DimensionInfo info;
            info.item = named_item(d);
            if (d.is_object()) {
                info.weight = number_at(d.get_object(), "weight");
                info.indicators = named_items(d.get_object(), "indicators");
            }
            s.dimensions.push_back(std::move(info));
        }
    s.inputs = named_items(o, "inputs");
    s.adjustments = named_items(o, "adjustments");
    s.rewards = named_items(o, "rewards");
    if (const auto* bands = array_at(o, "bands"))
        for (const auto& b : *bands)
            if (b.is_object()) s.bands.push_back(string_at(b.get_object(), "label"));
    collect_leaves(root, "", "", s.title, s.parameters);
    return s;
}

const NamedItem* SchemeLabels::find_indicator(const std::string& id) const {
    for (const auto& d : dimensions)
        if (const auto* item = find_in(d.indicators, id)) return item;
    return find_in(inputs, id);
}

std::string SchemeLabels::dimension_label(const std::string& id, Lang lang) const {
    for (const auto& d : dimensions)
        if (d.item.id == id) return label_of(&d.item, id, lang);
    return label_of(nullptr, id, lang);
}

std::string SchemeLabels::indicator_label(const std::string& id, Lang lang) const {
    return label_of(find_indicator(id), id, lang);
}

std::string SchemeLabels::adjustment_label(const std::string& id, Lang lang) const {
    return label_of(find_in(adjustments, id), id, lang);
}

std::string SchemeLabels::reward_label(const std::string& id, Lang lang) const {
    return label_of(find_in(rewards, id), id, lang);
}

std::string SchemeLabels::title_label(Lang lang) const {
    if (lang == Lang::zh && !title.empty()) return title;
    return readable_id(id);
}

size_t SchemeLabels::dimension_order(const std::string& id) const {
    for (size_t i = 0; i < dimensions.size(); ++i)
        if (dimensions[i].item.id == id) return i;
    return dimensions.size();
}

size_t SchemeLabels::indicator_order(const std::string& id) const {
    size_t position = 0;
    for (const auto& d : dimensions)
        for (const auto& item : d.indicators) {
            if (item.id == id) return position;
            ++position;
        }
    for (const auto& item : inputs) {
        if (item.id == id) return position;
        ++position;
    }
    return position;
}

}  // namespace merit::report
