// `merit runs WS [--json]`: every run of a workspace.
#include <iostream>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "engine/run_render.hpp"
#include "engine/run_store.hpp"
#include "records/run_staleness.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("runs", "List the runs of a workspace");
    static std::string workspace;
    static bool as_json = false;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    cmd->add_flag("--json", as_json, "Print JSON");
    cmd->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        require(ws.db(), current_actor(), "runs.list", workspace_object());
        auto runs = list_runs(ws.db());
        for (auto& run : runs) run.stale = run_is_stale(ws.db(), run);
        std::cout << (as_json ? runs_json(runs) : runs_table(runs));
    });
}

const CommandRegistrar registrar(45, &setup);

}  // namespace
}  // namespace merit
