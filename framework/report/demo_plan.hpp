// What `merit demo` runs: every shipped sample set (config/samples/<set>/)
// with the schemes (config/*.scheme.json) that belong to it, and the periods
// to run them for, chosen from the data. Sets and schemes land at different
// times, so anything without its partner is skipped with a note.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

namespace merit::report {

struct DemoScheme {
    std::filesystem::path file;
    std::string id;  // the scheme's "scheme" id
    std::string title;
    std::string period_type;  // month | quarter | half | year | any
};

struct DemoSampleSet {
    std::string name;
    std::filesystem::path dir;
    std::vector<DemoScheme> schemes;  // by file name
};

struct DemoPlan {
    std::vector<DemoSampleSet> sets;  // by name; only sets with at least one scheme
    std::vector<std::string> notes;   // what was skipped and why
};

// A scheme belongs to the sample set whose name is its file stem, or the
// start of its stem up to a '-' or '_' ("acme-yearly" -> "acme"); the
// longest such name wins.
std::string sample_set_for(const std::string& scheme_stem, const std::vector<std::string>& set_names);

// Scans `config_dir` (schemes) and `config_dir/samples` (sample sets).
DemoPlan plan_demo(const std::filesystem::path& config_dir);

// The periods to run a scheme of `period_type` for, oldest first, at most
// `max_periods` (the latest ones): the targets' periods of that type when
// the workspace has any, else every period of that type that the dates of
// facts and events touch. Several periods let history-dependent rewards
// (deferred bonus, grading, new highs) carry state from one run to the next.
std::vector<std::string> demo_periods(sqlite3* db, const std::string& period_type, size_t max_periods);

}  // namespace merit::report
