#include "common.hpp"

#include <cstdio>

namespace tobacco {

ScopeIndex::ScopeIndex(const merit::Scope& scope) {
    for (size_t i = 0; i < scope.size(); ++i) rows_.emplace(std::string(scope.manager_id(i)), i);
}

std::optional<size_t> ScopeIndex::row(const std::string& manager_id) const {
    const auto it = rows_.find(manager_id);
    if (it == rows_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> string_list(const merit::Value& params, std::string_view key,
                                     std::vector<std::string> fallback) {
    const merit::Value list = params[key];
    if (list.is_null()) return fallback;
    std::vector<std::string> out;
    for (size_t i = 0; i < list.size(); ++i) out.push_back(list[i].string());
    if (!list.is_array()) list.fail("must be an array of strings");
    return out;
}

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

}  // namespace tobacco
