// `merit runs WS [--json]` (also `merit runs list WS`): every run of a
// workspace, with its standing (draft, final, superseded) and whether its
// inputs changed since. `merit runs delete WS --run N [--reason TEXT]`
// removes a draft (never a final run; engine/run_lifecycle.hpp).
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "engine/run_lifecycle.hpp"
#include "engine/run_render.hpp"
#include "engine/run_store.hpp"
#include "records/run_staleness.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

void print_runs(const GlobalOptions& global, const std::string& workspace, bool as_json) {
    const Workspace ws = global.open_workspace(workspace);
    require(ws.db(), current_actor(), "runs.list", workspace_object());
    auto runs = list_runs(ws.db());
    for (auto& run : runs) run.stale = run_is_stale(ws.db(), run);
    std::cout << (as_json ? runs_json(runs) : runs_table(runs));
}

void add_list(CLI::App& runs, GlobalOptions& global) {
    auto* cmd = runs.add_subcommand("list", "List the runs of a workspace (the same as `merit runs WS`)");
    static std::string workspace;
    static bool as_json = false;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    add_json_flag(cmd, as_json);
    cmd->callback([&global] { print_runs(global, workspace, as_json); });
}

void add_delete(CLI::App& runs, GlobalOptions& global) {
    auto* cmd = runs.add_subcommand("delete", "Delete a draft run (a final run is never deleted)");
    static std::string workspace, reason;
    static int64_t run_id = 0;
    static bool as_json = false;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    cmd->add_option("--run", run_id, "The draft's id (see `merit runs`)")->required();
    cmd->add_option("--reason", reason, "Why it is deleted (kept in the audit log)");
    add_json_flag(cmd, as_json);
    cmd->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        delete_run(ws.db(), run_id, reason);
        if (as_json) {
            std::cout << json_line(boost::json::object{{"run", run_id}, {"deleted", true}});
            return;
        }
        people() << fmt::format("run {} deleted (a draft; the audit log keeps its digests)\n", run_id);
    });
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("runs", "List the runs of a workspace, or delete a draft");
    static std::string workspace;
    static bool as_json = false;
    cmd->add_option("WS", workspace, "The workspace file (lists its runs)");
    cmd->add_flag("--json", as_json, "Print JSON");
    add_list(*cmd, global);
    add_delete(*cmd, global);
    cmd->callback([&global, cmd] {
        if (!cmd->get_subcommands().empty()) return;
        if (workspace.empty())
            throw UsageError("runs: WS is required (merit runs WS, merit runs delete WS --run N)");
        print_runs(global, workspace, as_json);
    });
}

const CommandRegistrar registrar(45, &setup);

}  // namespace
}  // namespace merit
