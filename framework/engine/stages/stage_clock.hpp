// Times the stages of a run for runs.timings_json ("<stage>_ms") and tells
// the progress display which stage runs, for how many managers.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <string>
#include <string_view>

#include "common/progress.hpp"

namespace merit {

class StageClock {
public:
    explicit StageClock(ProgressTask* progress);

    // Ends the stage running (if any) and starts `stage`.
    void start(std::string_view stage, std::string_view title, size_t managers);
    // Ends the stage running and records total_ms; the timings as JSON.
    std::string finish();

private:
    void end_stage();
    using Clock = std::chrono::steady_clock;
    ProgressTask* progress_;
    Clock::time_point started_ = Clock::now();
    Clock::time_point stage_started_ = started_;
    std::string stage_;
    boost::json::object timings_;
};

}  // namespace merit
