// Reads a scheme file into a Scheme, collecting every structural problem
// (unknown keys, missing fields, wrong types) as "JSON path: reason".
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "scheme/scheme.hpp"

namespace merit {

struct ParsedScheme {
    Scheme scheme;
    std::vector<std::string> problems;  // empty: structurally sound
};

// `origin` names the text in syntax errors ("origin:line:column: ...").
ParsedScheme parse_scheme_text(std::string_view text, const std::string& origin);
// Throws UserError when the file cannot be read.
ParsedScheme parse_scheme_file(const std::filesystem::path& file);

// Object keys sorted at every level, no whitespace: equal schemes, equal text.
std::string canonical_json(const boost::json::value& value);

}  // namespace merit
