#include "api/job_queue.hpp"

#include <spdlog/spdlog.h>

#include "common/errors.hpp"
#include "store/audit_log.hpp"

namespace merit::api {

boost::json::object job_json(const JobState& job) {
    boost::json::object out{
        {"id", job.id},
        {"kind", job.kind},
        {"owner", job.owner},
        {"status", job.status},
        {"step", job.step},
        {"created_at", job.created_at},
        {"started_at", job.started_at.empty() ? boost::json::value() : boost::json::value(job.started_at)},
        {"finished_at", job.finished_at.empty() ? boost::json::value() : boost::json::value(job.finished_at)},
        {"url", "/v1/jobs/" + std::to_string(job.id)},
        {"result", job.result}};
    out["error"] =
        job.error
            ? boost::json::value(boost::json::object{
                  {"code", job.error->code()}, {"message", job.error->what()}, {"path", job.error->path()}})
            : boost::json::value();
    return out;
}

JobQueue::JobQueue() : worker_([this] { work_loop(); }) {}

JobQueue::~JobQueue() {
    shutdown();
}

int64_t JobQueue::submit(std::string kind, std::string owner, JobWork work) {
    std::lock_guard lock(mutex_);
    if (stopping_) throw ApiError(503, "shutting_down", "the service is shutting down; try again later");
    const int64_t id = next_id_++;
    JobState job;
    job.id = id;
    job.kind = std::move(kind);
    job.owner = std::move(owner);
    job.status = "queued";
    job.step = "waiting for the jobs before it";
    job.created_at = utc_timestamp();
    jobs_.emplace(id, std::move(job));
    queue_.emplace_back(id, std::move(work));
    wake_.notify_one();
    return id;
}

std::optional<JobState> JobQueue::find(int64_t id) const {
    std::lock_guard lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) return std::nullopt;
    return it->second;
}

void JobQueue::update(int64_t id, const std::function<void(JobState&)>& change) {
    std::lock_guard lock(mutex_);
    change(jobs_.at(id));
}

void JobQueue::shutdown() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (const auto& [id, work] : queue_) {
            JobState& job = jobs_.at(id);
            job.status = "cancelled";
            job.step = "the service shut down before it started";
            job.finished_at = utc_timestamp();
        }
        queue_.clear();
        wake_.notify_all();
    }
    if (worker_.joinable()) worker_.join();
}

void JobQueue::work_loop() {
    for (;;) {
        std::pair<int64_t, JobWork> next;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;
            next = std::move(queue_.front());
            queue_.pop_front();
            JobState& job = jobs_.at(next.first);
            job.status = "running";
            job.step = "started";
            job.started_at = utc_timestamp();
        }
        const int64_t id = next.first;
        auto set_step = [this, id](std::string step) {
            update(id, [&](JobState& j) { j.step = std::move(step); });
        };
        try {
            boost::json::value result = next.second(set_step);
            update(id, [&](JobState& j) {
                j.status = "succeeded";
                j.step = "done";
                j.finished_at = utc_timestamp();
                j.result = std::move(result);
            });
        } catch (const ApiError& e) {
            update(id, [&](JobState& j) {
                j.status = "failed";
                j.finished_at = utc_timestamp();
                j.error = e;
            });
        } catch (const std::exception& e) {
            // UserError and the importer's list: the message is for people.
            spdlog::warn("job {} failed: {}", id, e.what());
            update(id, [&](JobState& j) {
                j.status = "failed";
                j.finished_at = utc_timestamp();
                j.error = ApiError(422, "failed", e.what());
            });
        }
    }
}

}  // namespace merit::api
