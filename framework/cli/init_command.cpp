// `merit init WS`: create a workspace.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

void setup(CLI::App& app, GlobalOptions&) {
    auto* cmd = app.add_subcommand("init", "Create a workspace (one SQLite file)");
    static std::string path;
    cmd->add_option("WS", path, "The workspace file to create")->required();
    cmd->callback([] {
        const Workspace ws = Workspace::create(path);
        people() << fmt::format("created workspace {} (schema version {})\n", path, ws.schema_version());
    });
}

const CommandRegistrar registrar(10, &setup);

}  // namespace
}  // namespace merit
