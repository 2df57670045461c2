// Dates as day numbers (days since 1970-01-01) for the aggregation loops.
#pragma once

#include <optional>
#include <string_view>

#include "period/period.hpp"

namespace merit {

inline int day_number(Date date) {
    return static_cast<int>(date.time_since_epoch().count());
}

// The workspace stores dates as checked YYYY-MM-DD text; anything else is a
// corrupt workspace and throws.
int day_number(std::string_view text);

}  // namespace merit
