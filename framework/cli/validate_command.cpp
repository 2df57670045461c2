// `merit validate SCHEME [--workspace WS [--period P]] [--strict] [--json]`:
// every problem of a scheme with its JSON path, and what the workspace's data
// says against it as warnings; exit 0 when there is no problem (and, with
// --strict, no warning), 1 otherwise.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>
#include <optional>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "period/period.hpp"
#include "scheme/data_references.hpp"
#include "scheme/scheme_problem.hpp"
#include "scheme/scheme_validator.hpp"
#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

// Checks that need the workspace: the scope's org units exist (a problem);
// every name the scheme gives the data is one the workspace has, and the
// period has facts (warnings: the data may be imported later).
void check_against_workspace(const Scheme& scheme, const PluginRegistry& registry, const std::string& path,
                             const std::optional<Period>& period, std::vector<std::string>& problems,
                             std::vector<std::string>& warnings) {
    const Workspace ws = Workspace::open(path);
    for (size_t i = 0; i < scheme.scope.org_units.size(); ++i) {
        Statement st(ws.db(), "SELECT 1 FROM org_units WHERE id = ?1");
        st.bind(1, std::string_view(scheme.scope.org_units[i]));
        if (!st.step())
            problems.push_back(fmt::format("scope.org_units[{}]: unknown org unit '{}' in {}", i,
                                           scheme.scope.org_units[i], path));
    }
    const auto data = data_warnings(ws.db(), scheme, registry, period);
    warnings.insert(warnings.end(), data.begin(), data.end());
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("validate",
                                   "Check a scheme file and the plugins it needs; every problem with its "
                                   "JSON path");
    static std::string scheme_path;
    static std::string workspace;
    static std::string period_text;
    static bool as_json = false;
    static bool strict = false;
    cmd->add_option("SCHEME", scheme_path, "The scheme file (JSON)")->required();
    auto* ws_option = cmd->add_option(
        "--workspace", workspace,
        "Also check the scope and every metric, event kind, target, rating and role it names against this "
        "workspace");
    cmd->add_option("--period", period_text, "With --workspace: also warn when this period has no facts")
        ->needs(ws_option);
    cmd->add_flag("--strict", strict, "Exit 1 on warnings too");
    cmd->add_flag("--json", as_json, "Print {file, valid, problems, warnings} as JSON");
    cmd->callback([&global] {
        const PluginRegistry registry = global.load_plugins();
        Scheme scheme;
        std::vector<std::string> problems = validate_scheme_file(scheme_path, registry, &scheme);
        std::vector<std::string> warnings;
        std::optional<Period> period;
        if (!period_text.empty()) period = Period::parse(period_text);
        if (!workspace.empty() && !scheme.canonical_json.empty())
            check_against_workspace(scheme, registry, workspace, period, problems, warnings);
        if (as_json) {
            const auto as_objects = [](const std::vector<std::string>& lines) {
                boost::json::array out;
                for (const auto& line : lines) {
                    const SchemeProblem x = split_problem(line);
                    out.push_back(
                        boost::json::object{{"path", x.path}, {"code", x.code}, {"message", x.message}});
                }
                return out;
            };
            const boost::json::array p = as_objects(problems), w = as_objects(warnings);
            std::cout << json_line(boost::json::object{
                {"file", scheme_path}, {"valid", problems.empty()}, {"problems", p}, {"warnings", w}});
        } else {
            for (const auto& x : warnings) std::cerr << fmt::format("{}: warning: {}\n", scheme_path, x);
            for (const auto& x : problems) std::cerr << fmt::format("{}: {}\n", scheme_path, x);
            if (problems.empty())
                people() << fmt::format("{}: valid (scheme {}, {} indicators, {} rewards)\n", scheme_path,
                                        scheme.id, scheme.columns().size() - scheme.inputs.size(),
                                        scheme.rewards.size());
        }
        if (!problems.empty())
            throw UserError(fmt::format("{}: {} problem{}", scheme_path, problems.size(),
                                        problems.size() == 1 ? "" : "s"));
        if (strict && !warnings.empty())
            throw UserError(fmt::format("{}: {} warning{} (--strict)", scheme_path, warnings.size(),
                                        warnings.size() == 1 ? "" : "s"));
    });
}

const CommandRegistrar registrar(30, &setup);

}  // namespace
}  // namespace merit
