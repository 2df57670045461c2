// The fact columns (fact_columns.hpp) of each (entity, metric) read so far,
// so that the aggregations of one run read each metric once whatever the
// number of periods and aggregations asked for. The facts must not change
// while the cache is in use: it belongs to one WorkspaceDataServices, which
// lives for one run (inputs are read-only during a run). Thread-safe: two
// threads asking for the same metric wait for one read; different metrics
// load in parallel.
#pragma once

#include <sqlite3.h>

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "data/fact_columns.hpp"

namespace merit {

class FactColumnCache {
public:
    // The columns of (entity, metric), read through `db` the first time.
    std::shared_ptr<const FactColumns> get(sqlite3* db, const std::string& entity, const std::string& metric);

private:
    using Entry = std::shared_future<std::shared_ptr<const FactColumns>>;
    std::mutex mutex_;
    std::map<std::pair<std::string, std::string>, Entry> entries_;
};

}  // namespace merit
