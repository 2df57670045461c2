#include "engine/stages/stage_clock.hpp"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>

namespace merit {
namespace {

double ms_between(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace

StageClock::StageClock(ProgressTask* progress) : progress_(progress) {}

void StageClock::end_stage() {
    const auto now = Clock::now();
    if (!stage_.empty()) timings_[stage_ + "_ms"] = ms_between(stage_started_, now);
    stage_started_ = now;
}

void StageClock::start(std::string_view stage, std::string_view title, size_t managers) {
    end_stage();
    stage_ = stage;
    if (progress_) progress_->retitle(fmt::format("run: {}", title), managers);
}

std::string StageClock::finish() {
    end_stage();
    stage_.clear();
    timings_["total_ms"] = ms_between(started_, Clock::now());
    return boost::json::serialize(timings_);
}

}  // namespace merit
