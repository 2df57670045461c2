// An organisation's own spellings of dates and numbers, turned into the
// contract's (YYYY-MM-DD; plain decimals) before a cell is checked: dates
// by a declared format (%Y/%m/%d, %Y%m%d, %Y年%m月%d日), numbers with a
// declared thousands separator (1,234.50) and scale (万元: × 10000).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace merit {

class DateFormat {
public:
    // The reason when `format` is no supported format: %Y, %m and %d once
    // each, %% for a percent sign, any other text literal.
    static std::optional<std::string> parse(std::string_view format, DateFormat& out);

    // The date as YYYY-MM-DD; nullopt when `text` is not in the format or no
    // calendar day. %m and %d take one or two digits (2026/7/1).
    std::optional<std::string> to_iso(std::string_view text) const;

    const std::string& text() const { return text_; }

private:
    struct Token {
        char field = 0;       // 'Y', 'm', 'd', or 0 for literal text
        std::string literal;  // field == 0
    };
    std::vector<Token> tokens_;
    std::string text_;
};

struct NumberFormat {
    std::string thousands;  // the grouping separator, "" for none
    int scale_power = 0;    // the value is the text × 10^scale_power (万: 4)

    // The number as plain decimal text; the reason when it is not written
    // in this format (groups of three digits between separators, at most
    // one '.', an optional leading '-').
    std::optional<std::string> to_plain(std::string_view text, std::string& out) const;
};

}  // namespace merit
