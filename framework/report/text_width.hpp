// How wide text looks in a fixed grid: CJK and full-width characters take two
// columns. Used to size spreadsheet columns so Chinese labels fit.
#pragma once

#include <cstddef>
#include <string_view>

namespace merit::report {

size_t display_width(std::string_view utf8);

// The longest prefix of `utf8` of at most `max_bytes` bytes that does not
// cut a character in two.
std::string_view utf8_prefix(std::string_view utf8, size_t max_bytes);

}  // namespace merit::report
