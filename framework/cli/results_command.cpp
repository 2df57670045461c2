// `merit results WS --run ID [--format table|csv|json]`: a stored run's results.
#include <iostream>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "engine/run_render.hpp"
#include "engine/run_store.hpp"
#include "engine/run_warnings.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("results", "The stored results of a run (table, CSV or JSON)");
    static std::string workspace, format = "table";
    static int64_t run_id = 0;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    cmd->add_option("--run", run_id, "The run's id (see `merit runs`)")->required();
    cmd->add_option("--format", format, "table (default), csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    static bool as_json = false;
    add_json_flag(cmd, as_json);
    cmd->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        require(ws.db(), current_actor(), "results.read", run_object(run_id));
        const RunResult run = load_run(ws.db(), run_id);
        if (format == "csv" && !as_json)
            std::cout << results_csv(run);
        else if (format == "json" || as_json)
            std::cout << results_json(run);
        else {
            std::cout << summary_table(run);
            std::cout.flush();
            people() << summary_legend(run) << standing_note(run.info);
            for (const RunWarning& w : run.warnings) people() << "warning: " << warning_line(w) << "\n";
        }
    });
}

const CommandRegistrar registrar(41, &setup);

}  // namespace
}  // namespace merit
