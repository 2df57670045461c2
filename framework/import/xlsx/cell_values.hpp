// How a worksheet's stored values become the text a CSV file would hold:
// numbers as plain decimals (no exponent, no binary noise), date serials as
// YYYY-MM-DD by their cell's number format, times as HH:MM:SS.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace merit {

// What a cell's number format shows its number as.
enum class NumberShape { number, date, time };

// Built-in formats (ECMA-376 18.8.30, with the zh-CN locale's 27-36 and
// 50-58, which Excel in Chinese writes without their codes).
NumberShape builtin_format_shape(int id);

// A custom format code: a date when its first section shows y, d or m
// (months) outside quoted text, a time when it shows only h, m (minutes)
// or s; text ("@") and numbers otherwise.
NumberShape format_code_shape(std::string_view code);

// The stored number text ("12709.62", "1.5E-3", "0.30000000000000004") as
// plain decimal text, rounded to the 15 significant digits Excel keeps and
// shows ("0.0015", "0.3"); nullopt when it is no number.
std::optional<std::string> plain_decimal(std::string_view stored);

// A date serial (days since 1899-12-30, or since 1904-01-01 for a workbook
// in the 1904 date system) as YYYY-MM-DD; the time of day is dropped
// (Merit's dates are days). The reason when it is no representable date.
struct CellText {
    std::string text;
    std::optional<std::string> problem;
};
CellText serial_to_date(std::string_view stored, bool date1904);

// The time of day of a serial as HH:MM:SS (to the nearest second).
CellText serial_to_time(std::string_view stored);

// OOXML's escapes in strings: _x000D_ is a carriage return, _x005F_ an
// underscore; the text with them decoded.
std::string decode_ooxml_escapes(std::string_view text);

}  // namespace merit
