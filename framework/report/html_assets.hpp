// The inline stylesheet and script of the HTML report (no network: the page
// carries everything it needs).
#pragma once

#include <string_view>

namespace merit::report {

std::string_view html_stylesheet();
// Sortable tables, statement details opened for printing, and a
// `data-ready="1"` mark on <body> once the script has run to its end.
std::string_view html_script();

}  // namespace merit::report
