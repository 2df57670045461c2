// Command-line values of the form KEY=VALUE (--rating efficiency=85,
// --comment efficiency="...", --target deposit_increment=7883000).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace merit {

// Splits at the first '='; throws UsageError naming the option.
std::pair<std::string, std::string> split_key_value(const std::string& option, const std::string& text);

// A number in plain decimal notation (no exponent, not NaN); throws
// UsageError naming the option.
double parse_cli_number(const std::string& option, const std::string& text);

// KEY=NUMBER pairs, each key once.
std::map<std::string, double> key_numbers(const std::string& option, const std::vector<std::string>& texts);

}  // namespace merit
