#include "cli/key_values.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <regex>

#include "common/errors.hpp"

namespace merit {

std::pair<std::string, std::string> split_key_value(const std::string& option, const std::string& text) {
    const size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw UsageError(fmt::format("{} '{}': expected KEY=VALUE", option, text));
    return {text.substr(0, eq), text.substr(eq + 1)};
}

double parse_cli_number(const std::string& option, const std::string& text) {
    static const std::regex plain("[+-]?[0-9]+(\\.[0-9]+)?");
    if (!std::regex_match(text, plain))
        throw UsageError(fmt::format("{}: '{}' is not a number (digits, '.' for decimals)", option, text));
    double value = 0;
    const char* first = text.data() + (text.front() == '+' ? 1 : 0);
    std::from_chars(first, text.data() + text.size(), value);
    return value;
}

std::map<std::string, double> key_numbers(const std::string& option, const std::vector<std::string>& texts) {
    std::map<std::string, double> out;
    for (const auto& text : texts) {
        auto [key, value] = split_key_value(option, text);
        if (out.count(key)) throw UsageError(fmt::format("{} {}: given twice", option, key));
        out[key] = parse_cli_number(option, value);
    }
    return out;
}

}  // namespace merit
