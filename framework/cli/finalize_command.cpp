// `merit finalize WS --run ID --reason TEXT [--supersedes M]`: make a run
// final (read-only), recording who and why. A scheme and period already
// holding a final run need --supersedes naming it (engine/run_lifecycle.hpp).
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/json_text.hpp"
#include "engine/run_lifecycle.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("finalize", "Make a run final (read-only), with the reason");
    static std::string workspace;
    static int64_t run_id = 0;
    static FinalizeRequest request;
    static int64_t supersedes = 0;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    cmd->add_option("--run", run_id, "The run's id")->required();
    cmd->add_option("--reason", request.reason, "Why this run is the record (kept with it and in the log)")
        ->required();
    auto* supersedes_option = cmd->add_option(
        "--supersedes", supersedes, "The final run of the same scheme and period this one replaces");
    static bool as_json = false;
    add_json_flag(cmd, as_json);
    cmd->callback([&global, supersedes_option] {
        const Workspace ws = global.open_workspace(workspace);
        if (supersedes_option->count() > 0) request.supersedes = supersedes;
        finalize_run(ws.db(), run_id, request);
        if (as_json) {
            std::cout << json_line(boost::json::object{
                {"run", run_id},
                {"status", "final"},
                {"supersedes", request.supersedes ? boost::json::value(*request.supersedes) : nullptr}});
            return;
        }
        if (request.supersedes)
            people() << fmt::format("run {} is final (read-only); it supersedes run {}\n", run_id,
                                    *request.supersedes);
        else
            people() << fmt::format("run {} is final (read-only)\n", run_id);
    });
}

const CommandRegistrar registrar(46, &setup);

}  // namespace
}  // namespace merit
