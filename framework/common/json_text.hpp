// The one way Merit writes JSON for programs to read (every `--json`, the
// JSON report): keys in the order they were added, numbers in plain decimal
// notation. Boost.JSON's own serializer writes doubles with an exponent
// (1.0266977118644067E2, 0E0), which many readers mishandle and people
// misread.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace merit {

// Compact JSON text. Integers are written as integers; any other number as
// the shortest plain decimal that reads back as the same double (100, 0.25,
// 102.66977118644067), never with an exponent; -0 as 0; NaN and infinities,
// which JSON cannot hold, as null.
std::string json_text(const boost::json::value& value);

// json_text followed by a newline: the whole output of a `--json` command.
std::string json_line(const boost::json::value& value);

}  // namespace merit
