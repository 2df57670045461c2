// `merit explain WS --run ID --manager M`: one manager's derivation.
#include <iostream>

#include "access/authorize.hpp"
#include "calibration/calibration.hpp"
#include "cli/command.hpp"
#include "common/json_text.hpp"
#include "engine/run_render.hpp"
#include "engine/run_store.hpp"
#include "import/builtin_roles.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("explain", "How one manager's score, rating, ranks and pay were derived");
    static std::string workspace, manager;
    static int64_t run_id = 0;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    cmd->add_option("--run", run_id, "The run's id")->required();
    cmd->add_option("--manager", manager, "The manager's id")->required();
    static bool as_json = false;
    add_json_flag(cmd, as_json);
    cmd->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        require(ws.db(), current_actor(), "results.explain", manager_object(ws.db(), manager));
        const RunResult run = load_run(ws.db(), run_id);
        // A calibrated run's lines: who, when, why, from -> to.
        const RunCalibration calibration = calibration_of_run(ws.db(), run_id, manager);
        if (as_json) {
            boost::json::object out = explain_json(run, manager);
            out["calibration"] = calibration_json(calibration);
            std::cout << json_line(out);
            return;
        }
        // The role as the organisation names it (roles.csv), in Chinese like
        // the scheme's names the text shows.
        const ManagerResult* m = run.find_manager(manager);
        const std::string role_name = m ? manager_role_name(ws.db(), m->role, false) : "";
        std::cout << explain_manager(run, manager, role_name) << calibration_text(calibration);
    });
}

const CommandRegistrar registrar(42, &setup);

}  // namespace
}  // namespace merit
