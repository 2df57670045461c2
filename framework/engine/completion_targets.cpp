#include "engine/completion_targets.hpp"

namespace merit {

std::map<std::string, NumericColumn> read_completion_targets(const std::vector<const ColumnSpec*>& columns,
                                                             const PluginRegistry& registry,
                                                             DataServices& data, const merit_scope& scope) {
    std::map<std::string, NumericColumn> out;
    for (const auto* c : columns) {
        if (c->target) continue;
        const Component* provider = registry.find(c->provider.id);
        if (!provider) continue;
        const std::string name = completion_target_name(*provider, c->provider);
        if (name.empty()) continue;
        NumericColumn target{std::vector<double>(scope.count, 0.0),
                             std::vector<unsigned char>(scope.count, 0)};
        data.target_values(scope, name.c_str(), nullptr, target.values.data(), target.valid.data());
        out[c->id] = std::move(target);
    }
    return out;
}

}  // namespace merit
