#include "access/text_input.hpp"

#include <fmt/format.h>

#include <cctype>

#include "common/errors.hpp"
#include "import/cell_checks.hpp"
#include "import/csv_reader.hpp"

namespace merit {

void check_text(std::string_view field, std::string_view text, TextRule rule) {
    if (text.empty()) {
        if (rule.required) throw UserError(fmt::format("{}: must not be empty", field));
        return;
    }
    if (text.size() > rule.max_bytes)
        throw UserError(
            fmt::format("{}: {} bytes, more than the {} allowed", field, text.size(), rule.max_bytes));
    if (const auto bad = find_invalid_utf8(text))
        throw UserError(fmt::format("{}: not valid UTF-8 at byte {}", field, *bad + 1));
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (rule.multiline && (c == '\n' || c == '\t')) continue;
        if (u < 0x20 || u == 0x7F)
            throw UserError(fmt::format("{}: '{}' contains a control character", field, shown_value(text)));
    }
}

void check_key(std::string_view field, std::string_view key) {
    const auto allowed = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '@' || c == '-';
    };
    bool ok = !key.empty() && key.size() <= 64 && std::isalnum(static_cast<unsigned char>(key.front()));
    for (const char c : key) ok = ok && allowed(c);
    if (!ok)
        throw UserError(
            fmt::format("{}: '{}' is not an id (1 to 64 letters, digits, _ . @ -, starting with a "
                        "letter or digit)",
                        field, shown_value(key)));
}

}  // namespace merit
