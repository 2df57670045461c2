// Row of each manager id in a scope (columns follow merit_scope order).
#pragma once

#include <merit/plugin.h>

#include <optional>
#include <string_view>
#include <unordered_map>

#include "period/period.hpp"

namespace merit {

class ScopeIndex {
public:
    explicit ScopeIndex(const merit_scope& scope) {
        rows_.reserve(scope.count);
        for (size_t i = 0; i < scope.count; ++i) rows_.emplace(scope.manager_ids[i], i);
    }
    std::optional<size_t> row(std::string_view manager_id) const {
        auto it = rows_.find(manager_id);
        if (it == rows_.end()) return std::nullopt;
        return it->second;
    }

private:
    std::unordered_map<std::string_view, size_t> rows_;
};

// The period a service works on: `text` when given, else the run's.
inline Period service_period(const merit_scope& scope, const char* text) {
    if (text) return Period::parse(text);
    if (scope.period && *scope.period) return Period::parse(scope.period);
    auto first = parse_date(scope.first_day ? scope.first_day : "");
    auto last = parse_date(scope.last_day ? scope.last_day : "");
    if (!first || !last) return Period::parse("");  // throws with the accepted forms
    return Period::range(*first, *last);
}

}  // namespace merit
