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

std::string choice_list(const ColumnSpec& column) {
    std::string out;
    for (std::string_view choice : column.choices) {
        if (!out.empty()) out += ", ";
        out += choice;
    }
    return out;
}

}  // namespace

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
            break;
        case FieldKind::date:
            if (!parse_date(raw)) return fmt::format("'{}' is not a date (expected YYYY-MM-DD)", raw);
            break;
        case FieldKind::number:
        case FieldKind::amount:
        case FieldKind::share: {
            size_t decimals = 0;
            const auto value = parse_decimal(raw, &decimals);
            if (!value) return fmt::format("'{}' is not a number (digits, '.' for decimals)", raw);
            if (column.kind == FieldKind::amount && decimals > 2)
                return fmt::format("'{}' has more than 2 decimals", raw);
            if (column.kind == FieldKind::share && !(*value > 0 && *value <= 1))
                return fmt::format("'{}' is outside (0, 1]", raw);
            out.kind = CellValue::Kind::number;
            out.number = *value;
            return std::nullopt;
        }
        case FieldKind::period: {
            try {
                storage = Period::parse(raw).text();
            } catch (const std::exception& e) {
                return std::string(e.what());
            }
            out.kind = CellValue::Kind::text;
            out.text = storage;
            return std::nullopt;
        }
        case FieldKind::choice: {
            bool known = false;
            for (std::string_view choice : column.choices) known = known || choice == raw;
            if (!known) return fmt::format("'{}' is not one of {}", raw, choice_list(column));
            break;
        }
    }
    out.kind = CellValue::Kind::text;
    out.text = raw;
    return std::nullopt;
}

}  // namespace merit
