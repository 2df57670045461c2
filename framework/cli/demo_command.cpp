// `merit demo [--out DIR] [--lang zh|en] [--json]`: a workspace per shipped
// sample set, every shipped scheme run on it, the reports written, a summary
// printed.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "engine/run_workflow.hpp"
#include "report/demo_runner.hpp"

namespace merit {
namespace {

namespace json = boost::json;

json::array strings(const std::vector<std::string>& items) {
    json::array out;
    for (const auto& item : items) out.emplace_back(item);
    return out;
}

std::string outcome_json(const report::DemoOptions& options, const report::DemoOutcome& outcome) {
    json::array runs;
    for (const auto& r : outcome.written)
        runs.push_back(json::object{{"set", r.set},
                                    {"scheme_file", r.scheme_file.string()},
                                    {"title", r.title},
                                    {"period", r.period},
                                    {"run", r.run_id},
                                    {"managers", r.managers},
                                    {"xlsx", r.xlsx.string()},
                                    {"html", r.html.string()}});
    return json_line(json::object{{"out", options.out_dir.string()},
                                  {"index", outcome.index.string()},
                                  {"runs", std::move(runs)},
                                  {"skipped", strings(outcome.skipped)},
                                  {"failures", strings(outcome.failures)}});
}

void print_outcome(const report::DemoOutcome& outcome) {
    people() << fmt::format("\n{} runs; every report is linked from {}\n", outcome.runs,
                            outcome.index.string());
    for (const auto& note : outcome.skipped) people() << "note: " << note << "\n";
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd =
        app.add_subcommand("demo", "Build a demo workspace from the shipped samples and run every scheme");
    static std::string out = "merit-demo";
    static std::string lang = "zh";
    static bool as_json = false;
    cmd->add_option("--out", out, "Directory for the demo workspaces and reports (default: merit-demo)");
    cmd->add_option("--lang", lang, "Report labels: zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
    add_json_flag(cmd, as_json);
    cmd->callback([&global] {
        const PluginRegistry registry = global.load_plugins();
        const auto config_dir = HostConfig::config_dir();
        const report::DemoPlan plan = report::plan_demo(config_dir);
        std::ostream discard(nullptr);  // with --json the summaries are left out
        std::ostream& summaries = as_json ? discard : people();
        summaries << fmt::format("Merit demo: sample sets and schemes from {}\n", config_dir.string());
        report::DemoOptions options;
        options.out_dir = out;
        options.lang = report::parse_lang(lang);
        const auto outcome = report::run_demo(
            plan, options,
            [&registry](Workspace& ws, const std::filesystem::path& scheme, const std::string& period) {
                return run_scheme(ws, registry, scheme, period).info.id;
            },
            summaries);
        if (as_json)
            std::cout << outcome_json(options, outcome);
        else
            print_outcome(outcome);
        for (const auto& failure : outcome.failures) std::cerr << "merit: error: " << failure << "\n";
        if (!outcome.failures.empty())
            throw UserError(
                fmt::format("demo: {} of the planned steps failed (listed above)", outcome.failures.size()));
    });
}

const CommandRegistrar registrar(95, &setup);

}  // namespace
}  // namespace merit
