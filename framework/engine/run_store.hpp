// Reads and writes runs in the workspace's run_* tables. A run is written in
// one transaction, so a failure leaves no trace of it.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/run_result.hpp"

namespace merit {

// Inserts the run and all its rows in one transaction; sets result.info.id
// (the next number: 1, 2, 3 ...). Nothing is left behind when it throws.
int64_t save_run(sqlite3* db, RunResult& result);
// The same inside the caller's transaction, for a run stored together with
// another change (a calibration session's close).
int64_t insert_run(sqlite3* db, RunResult& result);

// Throws UserError naming the id when there is no such run. With
// `only_manager`, only that manager's rows are read (none when the manager
// is not in the run): what a statement or an explain of one manager needs,
// without reading the whole run.
RunResult load_run(sqlite3* db, int64_t run_id,
                   const std::optional<std::string>& only_manager = std::nullopt);

// The run's own row (no result rows); throws UserError like load_run.
RunInfo load_run_info(sqlite3* db, int64_t run_id);

// Every run, oldest first (no result rows).
std::vector<RunInfo> list_runs(sqlite3* db);

// SCHEMES.md "Carried state": what the latest earlier run (by period; the counting final
// run of that period first, else the newest) of `scheme_id` wrote under
// `reward`/`key`, by manager id. `before_day` is the current period's first day.
struct CarriedState {
    int64_t from_run = 0;  // 0: no earlier run
    std::map<std::string, double> values;
};
CarriedState read_carried_state(sqlite3* db, const std::string& scheme_id, const std::string& before_day,
                                const std::string& reward, const std::string& key);

}  // namespace merit
