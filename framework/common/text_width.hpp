// How many cells UTF-8 text takes in a fixed grid (a terminal, a
// spreadsheet column, a chart legend): the one width function every table,
// report and summary uses, so what lines up in one lines up in all.
#pragma once

#include <cstddef>
#include <string_view>

namespace merit {

// 2 for East Asian wide and full-width characters (CJK, full-width forms)
// and emoji, 0 for combining marks, zero-width spaces and joiners, variation
// selectors and the byte order mark, 1 otherwise. An emoji sequence joined
// by U+200D counts each emoji it joins. A byte that starts no valid UTF-8
// character takes one cell.
size_t display_width(std::string_view utf8);

// The longest prefix of `utf8` of at most `max_bytes` bytes that does not
// cut a character in two.
std::string_view utf8_prefix(std::string_view utf8, size_t max_bytes);

}  // namespace merit
