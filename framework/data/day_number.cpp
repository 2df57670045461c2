#include "data/day_number.hpp"

#include <fmt/format.h>

#include "common/errors.hpp"

namespace merit {

int day_number(std::string_view text) {
    const auto date = parse_date(text);
    if (!date) throw UserError(fmt::format("the workspace holds a malformed date '{}'", text));
    return day_number(*date);
}

}  // namespace merit
