// `merit verify WS --run ID | --all`: recompute each run's results digest
// from its stored rows and compare it with the digest stored at run time.
// Exit 0 when every run checked is intact, 1 when any is not.
#include <fmt/format.h>

#include <iostream>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "common/errors.hpp"
#include "engine/run_store.hpp"
#include "engine/run_verify.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd =
        app.add_subcommand("verify", "Check that stored runs still hold the results they were stored with");
    static std::string workspace;
    static std::vector<int64_t> run_ids;
    static bool all = false;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    auto* run = cmd->add_option("--run", run_ids, "A run's id (repeatable)");
    auto* every = cmd->add_flag("--all", all, "Every run of the workspace");
    run->excludes(every);
    every->excludes(run);
    cmd->callback([&global] {
        if (run_ids.empty() && !all) throw UsageError("verify: give --run ID or --all");
        const Workspace ws = global.open_workspace(workspace);
        std::vector<int64_t> ids = run_ids;
        if (all)
            for (const auto& info : list_runs(ws.db())) ids.push_back(info.id);
        for (const int64_t id : ids) require(ws.db(), current_actor(), "runs.verify", run_object(id));
        size_t failed = 0;
        for (const int64_t id : ids) {
            const RunVerification v = verify_run(ws.db(), id);
            if (v.ok()) {
                std::cout << v.summary() << std::endl;  // before any error line on stderr
            } else {
                ++failed;
                std::cerr << "merit: error: " << v.summary() << '\n';
            }
        }
        if (failed)
            throw UserError(fmt::format("{}: {} of {} run{} failed verification", workspace, failed,
                                        ids.size(), ids.size() == 1 ? "" : "s"));
        if (ids.empty()) std::cout << "no runs to verify\n";
    });
}

const CommandRegistrar registrar(47, &setup);

}  // namespace
}  // namespace merit
