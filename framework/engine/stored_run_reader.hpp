// What a component reads of other runs (plugin API 1.1 run_latest,
// run_column, run_text): one rule for which run of a scheme and period is
// read, results looked up by manager id, each run loaded once per reading
// run and shared by parallel component calls.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace merit {

// The run read for a scheme and period: the run that counts
// (run_lifecycle.hpp counting_run) when there is one; while no run of the
// period is final, the newest draft.
std::optional<int64_t> run_to_read(sqlite3* db, std::string_view scheme_id, std::string_view period);

struct StoredRun {
    int64_t id = 0;
    std::string scheme;
    std::string period;
    std::string standing;  // final | draft
    // manager id -> column -> value ("total", "rank", indicator ids ...)
    std::map<std::string, std::map<std::string, std::optional<double>>> numbers;
    // manager id -> "rating" / "decision:<kind>" -> text
    std::map<std::string, std::map<std::string, std::string>> texts;
};

class StoredRunReader {
public:
    explicit StoredRunReader(sqlite3* db) : db_(db) {}

    // The period of the latest run to read of `scheme` whose period begins
    // on or before `day` (YYYY-MM-DD); "" when there is none.
    std::string latest_period(const std::string& scheme, const std::string& day);
    // The run to read of `scheme` and `period` (any spelling of a period);
    // throws UserError when there is none.
    std::shared_ptr<const StoredRun> read(const std::string& scheme, const std::string& period);

private:
    sqlite3* db_;
    std::mutex mutex_;  // component calls of one level run in parallel
    std::map<std::pair<std::string, std::string>, std::shared_ptr<const StoredRun>> loaded_;
};

}  // namespace merit
