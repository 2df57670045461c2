// SIGTERM's half of "nothing half-written": shutting the job queue down lets
// the running job finish, cancels the queued ones before they start, and
// refuses new ones with 503.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "api/job_queue.hpp"

namespace {

using merit::api::JobQueue;

TEST(JobQueue, ShutdownFinishesTheRunningJobAndCancelsTheQueued) {
    JobQueue jobs;
    std::atomic<bool> started{false};
    const int64_t running = jobs.submit("run", "hr", [&](const auto& set_step) {
        started = true;
        set_step("working");
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        return boost::json::value(42);
    });
    const int64_t queued = jobs.submit("import", "hr", [](const auto&) { return boost::json::value(1); });
    while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    jobs.shutdown();
    EXPECT_EQ(jobs.find(running)->status, "succeeded");
    EXPECT_EQ(jobs.find(running)->result, boost::json::value(42));
    EXPECT_EQ(jobs.find(queued)->status, "cancelled");
    try {
        jobs.submit("run", "hr", [](const auto&) { return boost::json::value(); });
        FAIL() << "a job was taken after shutdown";
    } catch (const merit::api::ApiError& e) {
        EXPECT_EQ(e.status(), 503);
    }
}

TEST(JobQueue, AFailingJobKeepsItsMessageAndTheNextOneRuns) {
    JobQueue jobs;
    const int64_t bad = jobs.submit("import", "hr", [](const auto&) -> boost::json::value {
        throw std::runtime_error("managers.csv:3: org_unit_id: no such org unit 'X'");
    });
    const int64_t good = jobs.submit("run", "hr", [](const auto&) { return boost::json::value("ok"); });
    for (int i = 0; i < 200 && jobs.find(good)->status != "succeeded"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(jobs.find(bad)->status, "failed");
    EXPECT_STREQ(jobs.find(bad)->error->what(), "managers.csv:3: org_unit_id: no such org unit 'X'");
    EXPECT_EQ(jobs.find(good)->status, "succeeded");
    EXPECT_FALSE(jobs.find(999));
}

}  // namespace
