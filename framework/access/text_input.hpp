// Text people type into Merit (names, goals, comments, reasons) is checked
// before it is stored: valid UTF-8, no control characters other than line
// breaks and tabs where a field allows several lines, and a bounded size.
// The error names the field, so one bad value is one clear line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace merit {

struct TextRule {
    bool required = true;    // empty text is refused
    bool multiline = false;  // \n and \t allowed
    size_t max_bytes = 200;
};

// Throws UserError "FIELD: reason" when `text` breaks the rule.
void check_text(std::string_view field, std::string_view text, TextRule rule = {});

// Ids of users and similar keys: 1 to 64 of [A-Za-z0-9_.@-], starting with a
// letter or digit, so they read well inside object references (user:ID).
void check_key(std::string_view field, std::string_view key);

}  // namespace merit
