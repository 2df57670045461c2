#include "cli/command.hpp"

#include <spdlog/spdlog.h>

#include "access/users.hpp"

namespace merit {

std::vector<RegisteredCommand>& registered_commands() {
    static std::vector<RegisteredCommand> commands;
    return commands;
}

CommandRegistrar::CommandRegistrar(int order, CommandSetup setup) {
    registered_commands().push_back({order, setup});
}

CLI::Option* add_json_flag(CLI::App* command, bool& flag) {
    return command->add_flag("--json", flag, "Print JSON instead (its shape: README, \"JSON output\")");
}

HostConfig GlobalOptions::host_config() const {
    HostConfig config = config_file.empty() ? HostConfig::locate() : HostConfig::load(config_file);
    if (!config_file.empty()) config.chosen_by = "--config";
    for (const auto& dir : plugin_dirs) config.plugin_dirs.emplace_back(dir);
    if (allow_untrusted) config.allow_untrusted = true;
    return config;
}

PluginRegistry GlobalOptions::load_plugins(bool warn_refused) const {
    PluginRegistry registry = PluginRegistry::discover(host_config());
    if (warn_refused)
        for (const auto& plugin : registry.plugins())
            if (!plugin->loaded) spdlog::warn("{}", plugin->error);
    return registry;
}

Workspace GlobalOptions::open_workspace(const std::string& path) const {
    Workspace ws = Workspace::open(path);
    if (!as_user.empty()) set_current_actor(actor_for_user(ws.db(), as_user));
    return ws;
}

}  // namespace merit
