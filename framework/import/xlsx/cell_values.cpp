#include "import/xlsx/cell_values.hpp"

#include <fmt/format.h>

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>

#include "period/period.hpp"

namespace merit {
namespace {

// The significant digits Excel keeps: it shows at most 15, and every value
// typed in has at most 15, so the 16th and 17th that files store are the
// binary fraction's noise (0.1 + 0.2 is stored as 0.30000000000000004).
constexpr size_t kSignificantDigits = 15;

// Beyond this the text is no number a spreadsheet holds (Excel's largest is
// about 1E308); refused rather than expanded to hundreds of digits.
constexpr long kMaxExponent = 330;

// Excel's largest date, 9999-12-31.
constexpr long kMaxSerial = 2958465;

// Digits with the decimal point's place: value = 0.digits × 10^point.
struct Decimal {
    bool negative = false;
    std::string digits;  // no leading zeros; empty for zero
    long point = 0;
};

std::optional<Decimal> parse_stored(std::string_view s) {
    Decimal d;
    size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) d.negative = s[i++] == '-';
    bool any = false, dot = false;
    long point = 0;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            any = true;
            if (d.digits.empty() && c == '0') {
                if (dot) --point;  // 0.00x: the point moves left of the first digit
                continue;
            }
            d.digits += c;
            if (!dot) ++point;
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            break;
        }
    }
    if (!any) return std::nullopt;
    if (i < s.size()) {
        if (s[i] != 'E' && s[i] != 'e') return std::nullopt;
        ++i;
        bool minus = false;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) minus = s[i++] == '-';
        if (i == s.size()) return std::nullopt;
        long exponent = 0;
        for (; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            exponent = exponent * 10 + (s[i] - '0');
            if (exponent > kMaxExponent) return std::nullopt;
        }
        point += minus ? -exponent : exponent;
    }
    while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();  // 1.50 is 1.5
    if (d.digits.empty()) return Decimal{};
    if (point > kMaxExponent || point < -kMaxExponent) return std::nullopt;
    d.point = point;
    return d;
}

// Rounds half away from zero to `keep` significant digits.
void round_digits(Decimal& d, size_t keep) {
    if (d.digits.size() <= keep) return;
    const bool up = d.digits[keep] >= '5';
    d.digits.resize(keep);
    if (up) {
        size_t i = keep;
        while (i > 0 && d.digits[i - 1] == '9') d.digits[--i] = '0';
        if (i == 0) {
            d.digits.insert(d.digits.begin(), '1');
            d.digits.pop_back();
            ++d.point;
        } else {
            ++d.digits[i - 1];
        }
    }
    while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
}

std::string plain_text(const Decimal& d) {
    if (d.digits.empty()) return "0";
    std::string out = d.negative ? "-" : "";
    const long n = static_cast<long>(d.digits.size());
    if (d.point <= 0) {
        out += "0.";
        out.append(static_cast<size_t>(-d.point), '0');
        out += d.digits;
    } else if (d.point >= n) {
        out += d.digits;
        out.append(static_cast<size_t>(d.point - n), '0');
    } else {
        out += d.digits.substr(0, static_cast<size_t>(d.point));
        out += '.';
        out += d.digits.substr(static_cast<size_t>(d.point));
    }
    return out;
}

// Whole days and the fraction of a day of a serial.
struct Serial {
    long days;
    double fraction;
};

std::optional<Serial> split_serial(std::string_view stored) {
    auto decimal = parse_stored(stored);
    if (!decimal || decimal->negative) return std::nullopt;
    round_digits(*decimal, kSignificantDigits);
    if (decimal->point > 8) return std::nullopt;  // far past 9999-12-31
    long days = 0;
    double fraction = 0, scale = 0.1;
    for (long i = 0; i < static_cast<long>(decimal->digits.size()); ++i) {
        const int digit = decimal->digits[static_cast<size_t>(i)] - '0';
        if (i < decimal->point)
            days = days * 10 + digit;
        else
            fraction += digit * scale, scale /= 10;
    }
    for (long i = static_cast<long>(decimal->digits.size()); i < decimal->point; ++i) days *= 10;
    if (decimal->point < 0) fraction *= std::pow(10.0, static_cast<double>(decimal->point));
    return Serial{days, fraction};
}

// The first section of a format code with quoted text, escaped characters,
// [colours]/[$-804] and fill/padding characters removed; elapsed-time
// brackets ([h], [mm], [ss]) kept as their letters.
std::string bare_format(std::string_view code) {
    std::string out;
    for (size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == ';') break;
        if (c == '"') {
            const size_t close = code.find('"', i + 1);
            if (close == std::string_view::npos) break;
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;  // the next character is literal, or a fill
        } else if (c == '[') {
            const size_t close = code.find(']', i + 1);
            if (close == std::string_view::npos) break;
            const std::string_view inside = code.substr(i + 1, close - i - 1);
            if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'H' || inside[0] == 'm' ||
                                    inside[0] == 'M' || inside[0] == 's' || inside[0] == 'S'))
                out += inside;
            i = close;
        } else {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

}  // namespace

NumberShape builtin_format_shape(int id) {
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
        id == 57 || id == 58)
        return NumberShape::date;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56)
        return NumberShape::time;
    return NumberShape::number;
}

NumberShape format_code_shape(std::string_view code) {
    const std::string bare = bare_format(code);
    if (bare.find('@') != std::string::npos) return NumberShape::number;
    // "General" has none of the letters; "0.00E+00" only an e.
    const bool date = bare.find_first_of("yd") != std::string::npos;
    const bool time = bare.find_first_of("hs") != std::string::npos;
    const bool m = bare.find('m') != std::string::npos;
    if (date || (m && !time)) return NumberShape::date;
    if (time) return NumberShape::time;
    return NumberShape::number;
}

std::optional<std::string> plain_decimal(std::string_view stored) {
    auto decimal = parse_stored(stored);
    if (!decimal) return std::nullopt;
    round_digits(*decimal, kSignificantDigits);
    return plain_text(*decimal);
}

CellText serial_to_date(std::string_view stored, bool date1904) {
    const auto serial = split_serial(stored);
    if (!serial || serial->days > kMaxSerial)
        return {"", fmt::format("'{}' is no date serial Excel can show (a date cell's value)", stored)};
    using std::chrono::days;
    long offset = serial->days;
    Date base = Date(std::chrono::year(1899) / 12 / 30);
    if (date1904) {
        base = Date(std::chrono::year(1904) / 1 / 1);
    } else if (serial->days == 60) {
        return {"", "date serial 60 is 1900-02-29, a day that did not exist (Excel's leap-year bug)"};
    } else if (serial->days == 0) {
        return {"", "date serial 0 is Excel's '1900-01-00', which is no date"};
    } else if (serial->days < 60) {
        offset += 1;  // before Excel's phantom 1900-02-29, serials are one day behind
    }
    return {format_date(base + days(offset)), std::nullopt};
}

CellText serial_to_time(std::string_view stored) {
    const auto serial = split_serial(stored);
    if (!serial) return {"", fmt::format("'{}' is no time of day (a time cell's value)", stored)};
    long seconds = std::lround(serial->fraction * 86400.0);
    if (seconds >= 86400) seconds = 86399;
    return {fmt::format("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60), std::nullopt};
}

std::string decode_ooxml_escapes(std::string_view text) {
    if (text.find("_x") == std::string_view::npos) return std::string(text);
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
            uint32_t code = 0;
            bool ok = true;
            for (size_t k = 2; k < 6; ++k) {
                const int h = hex(text[i + k]);
                ok = ok && h >= 0;
                code = code * 16 + static_cast<uint32_t>(h < 0 ? 0 : h);
            }
            // Surrogate halves are no characters on their own: left as written.
            if (ok && !(code >= 0xD800 && code <= 0xDFFF)) {
                if (code < 0x80) {
                    out += static_cast<char>(code);
                } else if (code < 0x800) {
                    out += static_cast<char>(0xC0 | (code >> 6));
                    out += static_cast<char>(0x80 | (code & 0x3F));
                } else {
                    out += static_cast<char>(0xE0 | (code >> 12));
                    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                    out += static_cast<char>(0x80 | (code & 0x3F));
                }
                i += 6;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

}  // namespace merit
