// The grades that earlier runs of the yearly grading scheme decided, read
// from the workspace's run tables, so that monthly pay uses the grade in
// force in its month.
#pragma once

#include <merit/plugin.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar.hpp"

namespace fuel {

class GradeHistory {
public:
    // Reads every "grade" decision of runs of `scheme` (a scheme id). For one
    // period a finalised run wins over other runs, then the newest run.
    static GradeHistory load(const merit::Context& ctx, const std::string& scheme);

    struct Entry {
        Date effective;  // first day of the grading run's period
        std::string grade;
        std::string period;
    };
    // The latest grading that took effect on or before `as_of`.
    std::optional<Entry> grade_on(std::string_view manager_id, Date as_of) const;

private:
    std::map<std::string, std::vector<Entry>, std::less<>> by_manager_;  // ascending by effective
};

}  // namespace fuel
