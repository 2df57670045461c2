#include "import/cell_checks.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "period/period.hpp"

namespace merit {
namespace {

// Digits with an optional leading '-' and at most one '.': no exponent, no
// thousands separator, no spaces, so "12,5" and "1e5" are refused.
std::optional<double> parse_decimal(std::string_view raw, size_t* decimals) {
    size_t i = raw.starts_with('-') ? 1 : 0;
    bool digits = false;
    bool dot = false;
    *decimals = 0;
    for (; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c >= '0' && c <= '9') {
            digits = true;
            if (dot) ++*decimals;
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            return std::nullopt;
        }
    }
    if (!digits) return std::nullopt;
    double value = 0;
    const auto [end, ec] =
        std::from_chars(raw.data(), raw.data() + raw.size(), value, std::chars_format::fixed);
    if (ec != std::errc() || end != raw.data() + raw.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// Digits before the decimal point, leading zeros not counted.
size_t integer_digits(std::string_view raw) {
    size_t count = 0;
    bool leading = true;
    for (const char c : raw) {
        if (c == '.') break;
        if (c < '0' || c > '9' || (leading && c == '0')) continue;
        leading = false;
        ++count;
    }
    return count;
}

// A double holds every integer up to 2^53 (about 9.007e15) exactly: 15
// digits are always safe. An amount becomes integer fen, so it keeps two
// digits for the fen: 9,999,999,999,999.99 yuan is the largest.
constexpr size_t kMaxIntegerDigits = 15;
constexpr size_t kMaxAmountIntegerDigits = 13;

// Identifiers are echoed in messages ("unknown manager '...'") and joined on
// everywhere; anything longer than this is not an id but a broken file.
constexpr size_t kMaxIdBytes = 200;

bool is_id_column(const ColumnSpec& column) {
    return column.reference != Reference::none || column.name == "id";
}

std::string choice_list(const ColumnSpec& column) {
    std::string out;
    for (std::string_view choice : column.choices) {
        if (!out.empty()) out += ", ";
        out += choice;
    }
    return out;
}

}  // namespace

std::string shown_value(std::string_view raw) {
    constexpr size_t kShown = 40;
    std::string out;
    size_t i = 0;
    for (; i < raw.size() && out.size() < kShown; ++i) {
        const auto c = static_cast<unsigned char>(raw[i]);
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (c < 0x20 || c == 0x7F)
            out += fmt::format("\\x{:02X}", c);
        else
            out += static_cast<char>(c);
    }
    // Stop at a character boundary, never inside a UTF-8 sequence.
    while (i < raw.size() && (static_cast<unsigned char>(raw[i]) & 0xC0) == 0x80) out += raw[i++];
    if (i < raw.size()) out += fmt::format("… ({} bytes)", raw.size());
    return out;
}

std::optional<std::string> check_cell(const ColumnSpec& column, std::string_view raw, CellValue& out,
                                      std::string& storage) {
    if (raw.empty()) {
        if (column.required) return std::string("a value is required");
        if (column.default_value) raw = *column.default_value;
    }
    if (raw.empty() && !column.default_value) {
        out.kind = CellValue::Kind::null;
        return std::nullopt;
    }
    switch (column.kind) {
        case FieldKind::text:
            // SQLite would keep it, but C strings downstream end at it.
            if (raw.find('\0') != std::string_view::npos)
                return fmt::format("'{}' contains a NUL byte", shown_value(raw));
            if (is_id_column(column)) {
                if (raw.size() > kMaxIdBytes)
                    return fmt::format("'{}' is too long for an id (at most {} bytes)", shown_value(raw),
                                       kMaxIdBytes);
                for (const char c : raw)
                    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
                        return fmt::format("'{}' contains a control character", shown_value(raw));
            }
            break;
        case FieldKind::date:
            if (!parse_date(raw))
                return fmt::format("'{}' is not a date (expected YYYY-MM-DD)", shown_value(raw));
            break;
        case FieldKind::number:
        case FieldKind::amount:
        case FieldKind::share: {
            size_t decimals = 0;
            const auto value = parse_decimal(raw, &decimals);
            if (!value)
                return fmt::format("'{}' is not a number (digits, '.' for decimals)", shown_value(raw));
            const size_t digits = integer_digits(raw);
            if (column.kind == FieldKind::amount && digits > kMaxAmountIntegerDigits)
                return fmt::format(
                    "'{}' is too large for an amount in yuan ({} digits before the point; at most {})",
                    shown_value(raw), digits, kMaxAmountIntegerDigits);
            if (digits > kMaxIntegerDigits)
                return fmt::format(
                    "'{}' is too large ({} digits before the point; at most {} are stored exactly)",
                    shown_value(raw), digits, kMaxIntegerDigits);
            if (column.kind == FieldKind::amount && decimals > 2)
                return fmt::format("'{}' has more than 2 decimals", shown_value(raw));
            if (column.kind == FieldKind::share && !(*value > 0 && *value <= 1))
                return fmt::format("'{}' is outside (0, 1]", shown_value(raw));
            out.kind = CellValue::Kind::number;
            out.number = *value;
            return std::nullopt;
        }
        case FieldKind::period: {
            try {
                storage = Period::parse(raw).text();
            } catch (const std::exception& e) {
                // The parser's message quotes the text whole; a long or
                // multi-line one gets the shortened form instead.
                if (shown_value(raw) == raw) return std::string(e.what());
                return fmt::format(
                    "'{}' is not a period (expected YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY or "
                    "YYYY-MM-DD..YYYY-MM-DD)",
                    shown_value(raw));
            }
            out.kind = CellValue::Kind::text;
            out.text = storage;
            return std::nullopt;
        }
        case FieldKind::choice: {
            bool known = false;
            for (std::string_view choice : column.choices) known = known || choice == raw;
            if (!known) return fmt::format("'{}' is not one of {}", shown_value(raw), choice_list(column));
            break;
        }
    }
    out.kind = CellValue::Kind::text;
    out.text = raw;
    return std::nullopt;
}

}  // namespace merit
