#include "common.hpp"

#include <cmath>
#include <cstdio>

namespace core {

std::vector<std::string> string_list(const merit::Value& value) {
    std::vector<std::string> out;
    if (value.is_null()) return out;
    if (value.is_string()) {
        out.push_back(value.string());
        return out;
    }
    if (!value.is_array()) value.fail("must be a string or an array of strings");
    for (size_t i = 0; i < value.size(); ++i) out.push_back(value[i].string());
    if (out.empty()) value.fail("must not be empty");
    return out;
}

std::string choice(const merit::Value& params, const char* key, const std::string& fallback,
                   const std::vector<std::string>& allowed) {
    if (params[key].is_null()) return fallback;
    return choice(params, key, allowed);
}

std::string choice(const merit::Value& params, const char* key, const std::vector<std::string>& allowed) {
    const std::string picked = params[key].string();
    for (const auto& a : allowed)
        if (a == picked) return picked;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    params[key].fail("'" + picked + "' is not one of " + list);
}

double bounded(const merit::Value& params, const char* key, double fallback, double minimum, double maximum) {
    const double x = params.get_number(key, fallback);
    if (!std::isfinite(x) || x < minimum || x > maximum)
        params[key].fail("must lie between " + num(minimum) + " and " + num(maximum) + " (found " + num(x) +
                         ")");
    return x;
}

double bounded(const merit::Value& params, const char* key, double minimum, double maximum) {
    const double x = params[key].number();
    if (!std::isfinite(x) || x < minimum || x > maximum)
        params[key].fail("must lie between " + num(minimum) + " and " + num(maximum) + " (found " + num(x) +
                         ")");
    return x;
}

std::string num(double value, int digits) {
    if (!std::isfinite(value)) return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    if (text == "-0") text = "0";
    return text;
}

std::string yuan(double amount) {
    return merit::format_yuan(merit::to_fen(amount));
}

bool is_comparison(const std::string& op) {
    return op == ">" || op == ">=" || op == "<" || op == "<=" || op == "==" || op == "!=";
}

bool compare(double left, const std::string& op, double right) {
    if (op == ">") return left > right;
    if (op == ">=") return left >= right;
    if (op == "<") return left < right;
    if (op == "<=") return left <= right;
    if (op == "==") return left == right;
    if (op == "!=") return left != right;
    throw merit::Error("unknown comparison '" + op + "'");
}

}  // namespace core
