// `merit init WS`: create a workspace.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/json_text.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

void setup(CLI::App& app, GlobalOptions&) {
    auto* cmd = app.add_subcommand("init", "Create a workspace (one SQLite file)");
    static std::string path;
    static bool as_json = false;
    cmd->add_option("WS", path, "The workspace file to create")->required();
    add_json_flag(cmd, as_json);
    cmd->callback([] {
        const Workspace ws = Workspace::create(path);
        if (as_json) {
            std::cout << json_line(
                boost::json::object{{"workspace", path}, {"schema_version", ws.schema_version()}});
            return;
        }
        people() << fmt::format("created workspace {} (schema version {})\n", path, ws.schema_version());
    });
}

const CommandRegistrar registrar(10, &setup);

}  // namespace
}  // namespace merit
