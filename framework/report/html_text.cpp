#include "report/html_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <merit/money.hpp>

namespace merit::report {

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string fixed2(const std::optional<double>& value) {
    return value ? fmt::format("{:.2f}", *value) : "";
}

std::string percent1(const std::optional<double>& value) {
    return value ? fmt::format("{:.1f}%", *value * 100.0) : "";
}

std::string yuan_grouped(int64_t fen) {
    const std::string plain = format_yuan(fen);  // "-1234567.89"
    const bool negative = plain[0] == '-';
    const std::string digits = plain.substr(negative ? 1 : 0, plain.size() - 3 - (negative ? 1 : 0));
    std::string grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return (negative ? "-" : "") + grouped + plain.substr(plain.size() - 3);
}

std::string plain_number(const std::optional<double>& value) {
    if (!value) return "";
    return fmt::format("{}", *value);
}

std::string display_number(const std::optional<double>& value) {
    if (!value) return "";
    const double v = *value;
    if (!std::isfinite(v)) return fmt::format("{}", v);
    if (std::fabs(v) < 1 && v != 0) {
        std::string text = fmt::format("{:.4f}", v);
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
        return text;
    }
    const bool whole = std::fabs(v - std::round(v)) < 5e-10 * std::max(1.0, std::fabs(v));
    const std::string fixed = whole ? fmt::format("{:.0f}", v) : fmt::format("{:.2f}", v);
    const bool negative = fixed[0] == '-';
    const size_t dot = fixed.find('.');
    const std::string digits =
        fixed.substr(negative ? 1 : 0, (dot == std::string::npos ? fixed.size() : dot) - (negative ? 1 : 0));
    std::string grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return (negative ? "-" : "") + grouped + (dot == std::string::npos ? "" : fixed.substr(dot));
}

}  // namespace merit::report
