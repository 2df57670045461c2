// Long work (an import, a run) never runs on a request thread: the request
// queues a job and answers 202 with its URL; one worker thread runs jobs in
// order (SQLite has one writer anyway) and keeps each job's state for
// GET /v1/jobs/{id}. Jobs live in memory: a restarted service forgets them,
// while what a finished job wrote (a run, a data version) is in the
// workspace with its audit entry.
#pragma once

#include <boost/json.hpp>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "api/api_error.hpp"

namespace merit::api {

struct JobState {
    int64_t id = 0;
    std::string kind;    // import | run
    std::string owner;   // the user who queued it
    std::string status;  // queued | running | succeeded | failed | cancelled
    std::string step;    // what it is doing now, for people
    std::string created_at, started_at, finished_at;
    boost::json::value result;      // on success: what the job made
    std::optional<ApiError> error;  // on failure
};

boost::json::object job_json(const JobState& job);

// What a job does; it may report its step, and throws ApiError or
// UserError on failure (the job fails with that message, nothing else).
using JobWork = std::function<boost::json::value(const std::function<void(std::string)>& set_step)>;

class JobQueue {
public:
    JobQueue();
    ~JobQueue();  // shutdown()
    JobQueue(const JobQueue&) = delete;
    JobQueue& operator=(const JobQueue&) = delete;

    // Queues `work`; 503 once shutting down.
    int64_t submit(std::string kind, std::string owner, JobWork work);
    std::optional<JobState> find(int64_t id) const;
    // Refuses new jobs, cancels queued ones, waits for the running one.
    void shutdown();

private:
    void work_loop();
    void update(int64_t id, const std::function<void(JobState&)>& change);

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::pair<int64_t, JobWork>> queue_;
    std::map<int64_t, JobState> jobs_;
    int64_t next_id_ = 1;
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace merit::api
