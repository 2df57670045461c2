// Subcommands register themselves here; main() builds the CLI from them.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "plugin/host_config.hpp"
#include "plugin/registry.hpp"
#include "store/workspace.hpp"

namespace merit {

// Options every command shares (given before or after the subcommand).
struct GlobalOptions {
    std::string log_level = "warn";
    std::string log_file;
    std::string config_file;               // --config: a merit.json instead of the shipped one
    std::vector<std::string> plugin_dirs;  // --plugin-dir: more directories to scan
    bool allow_untrusted = false;          // --allow-untrusted: only at start-up
    std::string as_user;                   // --as: the Merit user who acts (else the OS account)
    bool no_progress = false;              // --no-progress

    HostConfig host_config() const;
    // Loads the plugins; each one refused is a warning line, unless the
    // command lists them itself (`plugins list`).
    PluginRegistry load_plugins(bool warn_refused = true) const;
    // Opens the workspace and, with --as, makes that user the current actor
    // (refused when the user is unknown or inactive there).
    Workspace open_workspace(const std::string& path) const;
};

using CommandSetup = void (*)(CLI::App& app, GlobalOptions& global);

// The --json flag of a command that prints something: its one JSON shape is
// in the README ("JSON output"); it also turns progress off.
CLI::Option* add_json_flag(CLI::App* command, bool& flag);

// A file-level static `CommandRegistrar` adds its command; `order` sorts the
// help listing.
struct CommandRegistrar {
    CommandRegistrar(int order, CommandSetup setup);
};

struct RegisteredCommand {
    int order;
    CommandSetup setup;
};
std::vector<RegisteredCommand>& registered_commands();

}  // namespace merit
