// `merit finalize WS --run ID`: make a run final (read-only). Re-running the
// scheme afterwards makes a new run; a final run is never changed.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/json_text.hpp"
#include "engine/run_store.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("finalize", "Make a run final (read-only)");
    static std::string workspace;
    static int64_t run_id = 0;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    cmd->add_option("--run", run_id, "The run's id")->required();
    static bool as_json = false;
    add_json_flag(cmd, as_json);
    cmd->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        finalize_run(ws.db(), run_id);
        if (as_json) {
            std::cout << json_line(boost::json::object{{"run", run_id}, {"status", "final"}});
            return;
        }
        people() << fmt::format("run {} is final (read-only)\n", run_id);
    });
}

const CommandRegistrar registrar(46, &setup);

}  // namespace
}  // namespace merit
