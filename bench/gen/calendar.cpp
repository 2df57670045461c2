#include "calendar.hpp"

#include <cstdio>

namespace bench {

std::string iso(int day) {
    const Civil c = civil(day);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", c.year, c.month, c.day);
    return text;
}

}  // namespace bench
