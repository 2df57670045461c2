// `merit`: one executable, git-style subcommands (contract.md "Command line").
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"

namespace {

void configure_logging(const merit::GlobalOptions& global) {
    std::vector<spdlog::sink_ptr> sinks{merit::stderr_log_sink()};
    if (!global.log_file.empty()) {
        sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(global.log_file));
        sinks.back()->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] %v");
    }
    auto logger = std::make_shared<spdlog::logger>("merit", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::from_str(global.log_level));
    spdlog::set_default_logger(logger);
}

// True when the command given (at any depth) was asked for --json.
bool json_requested(const CLI::App& app) {
    for (const CLI::App* sub : app.get_subcommands()) {
        const CLI::Option* json = sub->get_option_no_throw("--json");
        if ((json && json->count() > 0) || json_requested(*sub)) return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    // Merit never asks SQLite how much memory it uses, and keeping that count
    // takes a process-wide lock on every SQLite allocation: millions of them
    // in an import or a run. It must be set before SQLite's first use.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    merit::GlobalOptions global;
    CLI::App app{"Merit: evaluates customer managers and turns their data into scores, ratings and pay.",
                 "merit"};
    app.set_version_flag("--version", std::string(MERIT_VERSION));
    app.require_subcommand(1);
    app.fallthrough();
    app.add_option("--log-level", global.log_level, "trace, debug, info, warn (default), error, off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
    app.add_option("--log-file", global.log_file, "Also write log lines to this file");
    app.add_option("--config", global.config_file, "Host config (default: the shipped merit.json)");
    app.add_option("--plugin-dir", global.plugin_dirs, "Another directory to load plugins from");
    app.add_flag("--allow-untrusted", global.allow_untrusted,
                 "Load plugins that are not on the allow-list (decided at start-up only)");
    app.add_option("--as", global.as_user, "Act as this Merit user (see `merit users`); else the OS account");
    app.add_flag("--no-progress", global.no_progress,
                 "No progress lines on stderr (shown only when it is a terminal, never with --json)");

    auto& commands = merit::registered_commands();
    std::stable_sort(commands.begin(), commands.end(),
                     [](const auto& a, const auto& b) { return a.order < b.order; });
    for (const auto& command : commands) command.setup(app, global);

    app.parse_complete_callback([&] {
        configure_logging(global);
        if (!global.no_progress && !json_requested(app)) merit::show_progress_on_terminal();
    });
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // CLI11 prints usage problems itself; contract: exit 2.
        app.exit(e);
        return e.get_exit_code() == 0 ? 0 : 2;
    } catch (const merit::UsageError& e) {
        std::cerr << "merit: error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "merit: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
