// Text helpers for the HTML report: escaping and number display.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace merit::report {

// Escapes & < > " ' so text is safe in element content and quoted attributes.
std::string html_escape(std::string_view text);

// "92.50"; empty for a missing value.
std::string fixed2(const std::optional<double>& value);
// "105.0%" from 1.05; empty for a missing value.
std::string percent1(const std::optional<double>& value);
// "12,345.67" from 1234567 fen.
std::string yuan_grouped(int64_t fen);
// A number as short as it reads exactly ("1500000", "0.35").
std::string plain_number(const std::optional<double>& value);
// A number for people: thousands grouped, whole numbers without decimals,
// others with 2 decimals (4 below 1): "9,413,835.92", "720,000", "0.1235".
std::string display_number(const std::optional<double>& value);

}  // namespace merit::report
