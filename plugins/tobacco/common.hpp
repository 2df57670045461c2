// Small helpers shared by the tobacco components: finding a manager's row in
// the scope, reading string lists from parameters, writing numbers for notes.
#pragma once

#include <merit/plugin.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tobacco {

// manager id -> row of the scope, for placing service rows into columns.
class ScopeIndex {
public:
    explicit ScopeIndex(const merit::Scope& scope);
    std::optional<size_t> row(const std::string& manager_id) const;

private:
    std::map<std::string, size_t, std::less<>> rows_;
};

// A parameter that is an array of strings; `fallback` when absent.
std::vector<std::string> string_list(const merit::Value& params, std::string_view key,
                                     std::vector<std::string> fallback);

// A number with `decimals` decimals ("0.85", "12"), for trace notes.
std::string fixed(double value, int decimals = 2);

}  // namespace tobacco
