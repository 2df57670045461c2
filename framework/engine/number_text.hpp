// How points and percentages are written in details, explain and tables:
// up to four decimals, trailing zeros dropped (85.5, 90, 12.3456).
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>

namespace merit {

inline std::string number_text(double x, int decimals = 4) {
    std::string s = fmt::format("{:.{}f}", x, decimals);
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

// number_text, or "-" for a value that is missing.
inline std::string number_or_dash(const std::optional<double>& x) {
    return x ? number_text(*x) : "-";
}

}  // namespace merit
