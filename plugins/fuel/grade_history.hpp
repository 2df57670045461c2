// The grades that earlier runs of the yearly grading scheme decided, read
// through the host's run services (the run that counts of each grading
// period), so that monthly pay uses the grade in force in its month.
#pragma once

#include <merit/plugin.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <merit/calendar.hpp>

namespace fuel {

class GradeHistory {
public:
    // The "grade" decisions of `scheme` (a scheme id) for `manager_ids` that
    // can be in force between `first` and `last`.
    static GradeHistory load(const merit::Context& ctx, const std::string& scheme,
                             const std::vector<std::string>& manager_ids, merit::Day first, merit::Day last);

    struct Entry {
        merit::Day effective;  // first day of the grading run's period
        std::string grade;
        std::string period;
    };
    // The latest grading that took effect on or before `as_of`.
    std::optional<Entry> grade_on(std::string_view manager_id, merit::Day as_of) const;

private:
    std::map<std::string, std::vector<Entry>, std::less<>> by_manager_;  // ascending by effective
};

}  // namespace fuel
