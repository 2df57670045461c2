// `merit demo`: until the engine exists, it shows what the host loaded.
#include <iostream>

#include "cli/command.hpp"

namespace merit {
namespace {

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("demo", "Build a demo workspace from the shipped samples and run every scheme");
    static std::string out = "merit-demo";
    cmd->add_option("--out", out, "Directory for the demo workspace and reports");
    cmd->callback([&global] {
        const PluginRegistry registry = global.load_plugins();
        std::cout << "Merit demo: plugins loaded by this host\n";
        for (const auto& plugin : registry.plugins())
            std::cout << "  " << (plugin->manifest ? plugin->manifest->id : plugin->path.filename().string()) << " "
                      << (plugin->loaded ? "loaded" : "not loaded: " + plugin->error) << "\n";
    });
}

const CommandRegistrar registrar(95, &setup);

}  // namespace
}  // namespace merit
