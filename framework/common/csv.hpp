// The one CSV writer of every export (results --format csv, the long-format
// report, the payroll file): RFC 4180, comma-separated, "\n" line ends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace merit {

// The field as it is, or in double quotes with every quote doubled when it
// holds a comma, a quote, CR or LF.
std::string csv_field(std::string_view text);

// The fields, each through csv_field, joined by commas, ending in "\n".
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace merit
