// Reading the fuel components' scheme parameters; every rejection names the
// parameter's path (params.rates.加油站[2]) so `merit validate` points at it.
#pragma once

#include <merit/plugin.hpp>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <merit/calendar.hpp>

namespace fuel {

// An array of non-empty strings; `fallback` when the parameter is absent.
std::vector<std::string> string_list(const merit::Value& value, std::vector<std::string> fallback = {});
// An array of YYYY-MM-DD strings.
std::set<merit::Day> date_set(const merit::Value& value);
// An object of name -> number (yuan, points ...), in the scheme's order.
std::vector<std::pair<std::string, double>> number_table(const merit::Value& value, bool allow_negative);
// Looks a name up in a number table; nullptr when absent.
const double* find_in(const std::vector<std::pair<std::string, double>>& table, std::string_view name);
// Segments joined the way the host's segment filter reads them.
std::string join(const std::vector<std::string>& items, const std::string& separator);
// A number with a fixed count of decimals, for explain lines.
std::string fixed(double value, int decimals);

}  // namespace fuel
