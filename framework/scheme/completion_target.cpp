#include "scheme/completion_target.hpp"

#include <boost/json/parse.hpp>

namespace merit {

namespace {

// The component's "completion_target" in its plugin's manifest text (checked
// by parse_manifest: an indicator's string parameter), "" when none.
std::string completion_param(const Component& provider) {
    if (!provider.plugin || !provider.plugin->manifest || !provider.manifest) return "";
    const auto manifest = boost::json::parse(provider.plugin->manifest->json);
    const auto* components = manifest.as_object().if_contains("components");
    if (!components || !components->is_array()) return "";
    for (const auto& c : components->get_array()) {
        const auto& o = c.as_object();
        const auto* id = o.if_contains("id");
        const auto* kind = o.if_contains("kind");
        const auto* param = o.if_contains("completion_target");
        if (id && id->is_string() && id->get_string() == provider.manifest->id && kind && kind->is_string() &&
            kind->get_string() == "indicator" && param && param->is_string())
            return std::string(param->get_string());
    }
    return "";
}

}  // namespace

std::string completion_target_name(const Component& provider, const ComponentRef& ref) {
    if (provider.kind != ComponentKind::indicator) return "";
    const std::string param = completion_param(provider);
    if (param.empty()) return "";
    if (ref.params.is_object())
        if (const auto* v = ref.params.get_object().if_contains(param); v && v->is_string())
            return std::string(v->get_string());
    for (const auto& p : provider.manifest->params)
        if (p.name == param && p.default_value && p.default_value->is_string())
            return std::string(p.default_value->get_string());
    return "";
}

}  // namespace merit
