// `merit run WS --scheme S --period P [--table | --top N] [--strict] [--json]`: evaluate,
// store, and say so in one line (run id, counts, pay). The ranking only when
// asked for: at bank scale it is ten thousand lines.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "engine/run_render.hpp"
#include "engine/run_workflow.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

struct RunArgs {
    std::string workspace, scheme, period;
    bool table = false;
    size_t top = 0;
    bool json = false;
    bool strict = false;
};

// The ranking on stdout (the data); its title and legend are for people.
void print_ranking(const RunResult& run, size_t top) {
    people() << fmt::format("{} · {} · {} managers\n",
                            run.info.scheme_title.empty() ? run.info.scheme_id : run.info.scheme_title,
                            run.info.period, run.info.manager_count);
    std::cout << summary_table(run, top);
    std::cout.flush();
    people() << summary_legend(run);
    if (top && top < run.managers.size())
        people() << fmt::format("... and {} more (--table shows them all)\n", run.managers.size() - top);
}

void print(const RunResult& run, const RunArgs& args) {
    if (args.json) {
        std::cout << results_json(run);
        return;
    }
    if (args.table || args.top) print_ranking(run, args.table ? 0 : args.top);
    // Into a pipe stdout holds the run id alone (`id=$(merit run ...)`);
    // the summary goes to people.
    if (!stdout_is_terminal() && !args.table && !args.top) std::cout << run.info.id << std::endl;
    people() << run_summary(run);
}

void setup(CLI::App& app, GlobalOptions& global) {
    static RunArgs args;
    auto* cmd = app.add_subcommand("run", "Evaluate every manager in scope and store the run");
    cmd->add_option("WS", args.workspace, "The workspace file")->required();
    cmd->add_option("--scheme", args.scheme, "The scheme file (JSON)")->required();
    cmd->add_option("--period", args.period, "2026-07, 2026-Q3, 2026-H2, 2026 or 2026-07-01..2026-07-10")
        ->required();
    auto* table = cmd->add_flag("--table", args.table, "Also print the whole ranking");
    auto* top = cmd->add_option("--top", args.top, "Also print the ranking's first N managers")
                    ->check(CLI::PositiveNumber);
    cmd->add_flag("--strict", args.strict,
                  "Fail on any warning (a name the data lacks, a period without facts, a column null for "
                  "most managers): nothing is stored");
    auto* json = add_json_flag(cmd, args.json);
    table->excludes(top);
    json->excludes(table)->excludes(top);
    cmd->callback([&global] {
        const PluginRegistry registry = global.load_plugins();
        Workspace ws = global.open_workspace(args.workspace);
        print(run_scheme(ws, registry, args.scheme, args.period, {.strict = args.strict}), args);
    });
}

const CommandRegistrar registrar(40, &setup);

}  // namespace
}  // namespace merit
