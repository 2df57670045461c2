// libFuzzer target: any text through Period::parse. A period that parses must
// print back to text that parses to the same period, and its derived periods
// (shifted, a year earlier, 旬, months) must stay inside sane bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/errors.hpp"
#include "period/period.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)merit::parse_date(text);
    try {
        const merit::Period period = merit::Period::parse(text);
        if (!(merit::Period::parse(period.text()) == period)) std::abort();
        if (period.day_count() < 1 || period.last_day() < period.first_day()) std::abort();
        (void)period.previous().text();
        (void)period.shifted(1).text();
        (void)period.year_earlier().text();
        for (const merit::Period& part : period.xun())
            if (part.first_day() < period.first_day() || part.last_day() > period.last_day()) std::abort();
        for (const merit::Period& month : period.months())
            if (!month.contains(period.first_day()) && !period.contains(month.first_day())) std::abort();
    } catch (const merit::UserError&) {
        // A one-line refusal is the expected answer to bad text.
    }
    return 0;
}
