// `merit run WS --scheme S --period P [--json]`: evaluate, store, print the
// ranked summary and the new run's id.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"
#include "engine/run_render.hpp"
#include "engine/run_workflow.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd =
        app.add_subcommand("run", "Evaluate every manager in scope, store the run, print a ranked summary");
    static std::string workspace, scheme, period;
    static bool as_json = false;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    cmd->add_option("--scheme", scheme, "The scheme file (JSON)")->required();
    cmd->add_option("--period", period, "2026-07, 2026-Q3, 2026-H2, 2026 or 2026-07-01..2026-07-10")
        ->required();
    cmd->add_flag("--json", as_json, "Print the new run's id and results as JSON");
    cmd->callback([&global] {
        const PluginRegistry registry = global.load_plugins();
        Workspace ws = global.open_workspace(workspace);
        const RunResult run = run_scheme(ws, registry, scheme, period);
        if (as_json) {
            std::cout << results_json(run);
            return;
        }
        std::cout << fmt::format("{} · {} · {} managers\n\n",
                                 run.info.scheme_title.empty() ? run.info.scheme_id : run.info.scheme_title,
                                 run.info.period, run.info.manager_count);
        std::cout << summary_table(run);
        std::cout << fmt::format("\nstored as run {}\n", run.info.id);
    });
}

const CommandRegistrar registrar(40, &setup);

}  // namespace
}  // namespace merit
