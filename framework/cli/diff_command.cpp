// `merit diff WS --run A --run B`: who changed rating, rank or pay, and why.
#include <iostream>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "engine/run_diff.hpp"
#include "engine/run_store.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("diff", "What changed between two runs (what-if)");
    static std::string workspace;
    static std::vector<int64_t> runs;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    cmd->add_option("--run", runs, "The two runs, old first: --run A --run B")->required();
    static bool as_json = false;
    add_json_flag(cmd, as_json);
    cmd->callback([&global] {
        if (runs.size() != 2) throw UsageError("diff needs exactly two runs: --run A --run B");
        const Workspace ws = global.open_workspace(workspace);
        for (const int64_t id : runs) require(ws.db(), current_actor(), "results.read", run_object(id));
        const RunResult a = load_run(ws.db(), runs[0]), b = load_run(ws.db(), runs[1]);
        std::cout << (as_json ? json_line(diff_json(a, b)) : diff_runs(a, b));
    });
}

const CommandRegistrar registrar(44, &setup);

}  // namespace
}  // namespace merit
