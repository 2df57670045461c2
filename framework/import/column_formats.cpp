#include "import/column_formats.hpp"

#include <fmt/format.h>

#include "import/cell_checks.hpp"
#include "period/period.hpp"

namespace merit {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string_view trim_spaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Digits (no leading zeros) and the decimal point's place: value =
// 0.digits × 10^point, as text again once shifted by `power`.
std::string shifted_decimal(bool negative, std::string_view integer, std::string_view fraction, int power) {
    std::string digits = std::string(integer) + std::string(fraction);
    long point = static_cast<long>(integer.size()) + power;
    size_t lead = 0;
    while (lead < digits.size() && digits[lead] == '0') ++lead, --point;
    digits.erase(0, lead);
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    if (digits.empty()) return "0";
    std::string out = negative ? "-" : "";
    const long n = static_cast<long>(digits.size());
    if (point <= 0) {
        out += "0." + std::string(static_cast<size_t>(-point), '0') + digits;
    } else if (point >= n) {
        out += digits + std::string(static_cast<size_t>(point - n), '0');
    } else {
        out += digits.substr(0, static_cast<size_t>(point)) + "." + digits.substr(static_cast<size_t>(point));
    }
    return out;
}

}  // namespace

std::optional<std::string> DateFormat::parse(std::string_view format, DateFormat& out) {
    out = DateFormat();
    out.text_ = std::string(format);
    int year = 0, month = 0, day = 0;
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') {
            if (out.tokens_.empty() || out.tokens_.back().field) out.tokens_.push_back({});
            out.tokens_.back().literal += format[i];
            continue;
        }
        if (i + 1 == format.size()) return std::string("ends with a lone %");
        const char directive = format[++i];
        if (directive == '%') {
            if (out.tokens_.empty() || out.tokens_.back().field) out.tokens_.push_back({});
            out.tokens_.back().literal += '%';
            continue;
        }
        if (directive == 'Y')
            ++year;
        else if (directive == 'm')
            ++month;
        else if (directive == 'd')
            ++day;
        else
            return fmt::format("%{} is not supported (use %Y, %m and %d)", directive);
        out.tokens_.push_back({directive, ""});
    }
    if (year != 1 || month != 1 || day != 1) return std::string("must have %Y, %m and %d once each");
    return std::nullopt;
}

std::optional<std::string> DateFormat::to_iso(std::string_view text) const {
    text = trim_spaces(text);
    int parts[3] = {0, 0, 0};  // year, month, day
    size_t at = 0;
    for (size_t t = 0; t < tokens_.size(); ++t) {
        const Token& token = tokens_[t];
        if (!token.field) {
            if (text.substr(at, token.literal.size()) != token.literal) return std::nullopt;
            at += token.literal.size();
            continue;
        }
        // A field next to another field (%Y%m%d) has its full width;
        // otherwise month and day may have one digit (2026/7/1).
        const bool packed =
            (t + 1 < tokens_.size() && tokens_[t + 1].field) || (t > 0 && tokens_[t - 1].field);
        const size_t width = token.field == 'Y' ? 4 : 2;
        size_t length = 0;
        while (length < width && at + length < text.size() && is_digit(text[at + length])) ++length;
        const bool full_width_only = token.field == 'Y' || packed;
        if (length == 0 || (full_width_only && length != width)) return std::nullopt;
        int value = 0;
        for (size_t k = 0; k < length; ++k) value = value * 10 + (text[at + k] - '0');
        parts[token.field == 'Y' ? 0 : token.field == 'm' ? 1 : 2] = value;
        at += length;
    }
    if (at != text.size()) return std::nullopt;
    const std::string iso = fmt::format("{:04}-{:02}-{:02}", parts[0], parts[1], parts[2]);
    if (!parse_date(iso)) return std::nullopt;
    return iso;
}

std::optional<std::string> NumberFormat::to_plain(std::string_view text, std::string& out) const {
    text = trim_spaces(text);
    const std::string_view written = text;
    auto refuse = [&] {
        return fmt::format(
            "'{}' is not a number as declared ({}{})", shown_value(written),
            thousands.empty() ? "no thousands separator" : "thousands separator '" + thousands + "'",
            scale_power ? fmt::format(", × 10^{}", scale_power) : "");
    };
    const bool negative = text.starts_with('-');
    if (negative) text.remove_prefix(1);
    const size_t dot = text.find('.');
    std::string_view integer = text.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    for (const char c : fraction)
        if (!is_digit(c)) return refuse();
    // The integer part: digits, or groups of three after the first (1 to 3
    // digits) between separators: "1,234,567", never "12,34".
    std::string digits;
    size_t group = 0;
    bool grouped = false;
    while (!integer.empty()) {
        if (!thousands.empty() && integer.starts_with(thousands)) {
            if (digits.empty() || (grouped ? group != 3 : group > 3)) return refuse();
            grouped = true;
            group = 0;
            integer.remove_prefix(thousands.size());
            continue;
        }
        if (!is_digit(integer.front())) return refuse();
        digits += integer.front();
        ++group;
        integer.remove_prefix(1);
    }
    if ((grouped && group != 3) || (digits.empty() && fraction.empty())) return refuse();
    if (dot != std::string_view::npos && fraction.empty() && digits.empty()) return refuse();
    out = shifted_decimal(negative, digits, fraction, scale_power);
    return std::nullopt;
}

}  // namespace merit
