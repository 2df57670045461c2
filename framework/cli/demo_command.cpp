// `merit demo [--out DIR] [--lang zh|en]`: a workspace per shipped sample set,
// every shipped scheme run on it, the reports written, a summary printed.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "engine/run_workflow.hpp"
#include "report/demo_runner.hpp"

namespace merit {
namespace {

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd =
        app.add_subcommand("demo", "Build a demo workspace from the shipped samples and run every scheme");
    static std::string out = "merit-demo";
    static std::string lang = "zh";
    cmd->add_option("--out", out, "Directory for the demo workspaces and reports (default: merit-demo)");
    cmd->add_option("--lang", lang, "Report labels: zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
    cmd->callback([&global] {
        const PluginRegistry registry = global.load_plugins();
        const auto config_dir = HostConfig::config_dir();
        const report::DemoPlan plan = report::plan_demo(config_dir);
        people() << fmt::format("Merit demo: sample sets and schemes from {}\n", config_dir.string());
        report::DemoOptions options;
        options.out_dir = out;
        options.lang = report::parse_lang(lang);
        const auto outcome = report::run_demo(
            plan, options,
            [&registry](Workspace& ws, const std::filesystem::path& scheme, const std::string& period) {
                return run_scheme(ws, registry, scheme, period).info.id;
            },
            people());
        people() << fmt::format("\n{} runs; every report is linked from {}\n", outcome.runs,
                                outcome.index.string());
        for (const auto& note : outcome.skipped) people() << "note: " << note << "\n";
        for (const auto& failure : outcome.failures) std::cerr << "merit: error: " << failure << "\n";
        if (!outcome.failures.empty())
            throw UserError(
                fmt::format("demo: {} of the planned steps failed (listed above)", outcome.failures.size()));
    });
}

const CommandRegistrar registrar(95, &setup);

}  // namespace
}  // namespace merit
