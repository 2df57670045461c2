#include "params.hpp"

#include <cstdio>

namespace fuel {

std::vector<std::string> string_list(const merit::Value& value, std::vector<std::string> fallback) {
    if (value.is_null()) return fallback;
    if (!value.is_array()) value.fail("must be an array of strings");
    std::vector<std::string> out;
    for (size_t i = 0; i < value.size(); ++i) {
        std::string item = value[i].string();
        if (item.empty()) value[i].fail("must not be empty");
        out.push_back(std::move(item));
    }
    return out;
}

std::set<merit::Day> date_set(const merit::Value& value) {
    std::set<merit::Day> out;
    if (value.is_null()) return out;
    if (!value.is_array()) value.fail("must be an array of dates (YYYY-MM-DD)");
    for (size_t i = 0; i < value.size(); ++i)
        out.insert(merit::require_day(value[i].string(), value[i].path()));
    return out;
}

std::vector<std::pair<std::string, double>> number_table(const merit::Value& value, bool allow_negative) {
    if (!value.is_object()) value.fail("must be an object of name: number");
    std::vector<std::pair<std::string, double>> out;
    for (size_t i = 0; i < value.size(); ++i) {
        const merit::Value item = value.item(i);
        const double number = item.number();
        if (!allow_negative && number < 0) item.fail("must not be negative");
        out.emplace_back(value.key(i), number);
    }
    return out;
}

const double* find_in(const std::vector<std::pair<std::string, double>>& table, std::string_view name) {
    for (const auto& [key, number] : table)
        if (key == name) return &number;
    return nullptr;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value == 0.0 ? 0.0 : value);
    return buffer;
}

}  // namespace fuel
