// `merit demo`: one workspace per sample set, every planned scheme run for
// its periods (oldest first, so carried state flows), an XLSX and an HTML
// report per run, a short ranked summary per scheme, and an index page that
// links every report. The engine is handed in as a function so this module
// depends on nothing but the run's stored results.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "report/demo_plan.hpp"
#include "report/scheme_labels.hpp"
#include "store/workspace.hpp"

namespace merit::report {

// Evaluates `scheme_file` for `period` on the workspace, stores the run and
// returns its id; throws UserError on failure.
using RunSchemeFunction = std::function<int64_t(Workspace& ws, const std::filesystem::path& scheme_file,
                                                const std::string& period)>;

struct DemoOptions {
    std::filesystem::path out_dir;
    Lang lang = Lang::zh;
    size_t max_periods = 4;  // per scheme, the latest ones
};

// A run the demo made and the reports it wrote of it.
struct DemoRun {
    std::string set;
    std::filesystem::path scheme_file;
    std::string title;
    std::string period;
    int64_t run_id = 0;
    size_t managers = 0;
    std::filesystem::path xlsx;
    std::filesystem::path html;
};

struct DemoOutcome {
    size_t runs = 0;
    std::vector<DemoRun> written;       // every run, in the order made
    std::vector<std::string> skipped;   // missing partners: not an error
    std::vector<std::string> failures;  // import or run errors
    std::filesystem::path index;        // the page linking every report
};

DemoOutcome run_demo(const DemoPlan& plan, const DemoOptions& options, const RunSchemeFunction& run,
                     std::ostream& out);

}  // namespace merit::report
