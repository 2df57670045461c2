// `merit validate SCHEME [--workspace WS] [--json]`: every problem of a scheme
// with its JSON path; exit 0 when there is none, 1 otherwise.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "scheme/scheme_problem.hpp"
#include "scheme/scheme_validator.hpp"
#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

// Checks that need the workspace: the scope's org units exist; targets the
// scheme names have rows (a warning: they may be imported later).
void check_against_workspace(const Scheme& scheme, const std::string& path,
                             std::vector<std::string>& problems, std::vector<std::string>& warnings) {
    const Workspace ws = Workspace::open(path);
    for (size_t i = 0; i < scheme.scope.org_units.size(); ++i) {
        Statement st(ws.db(), "SELECT 1 FROM org_units WHERE id = ?1");
        st.bind(1, std::string_view(scheme.scope.org_units[i]));
        if (!st.step())
            problems.push_back(fmt::format("scope.org_units[{}]: unknown org unit '{}' in {}", i,
                                           scheme.scope.org_units[i], path));
    }
    for (const auto& d : scheme.dimensions)
        for (const auto& ind : d.indicators) {
            if (!ind.target) continue;
            Statement st(ws.db(), "SELECT 1 FROM targets WHERE indicator = ?1 LIMIT 1");
            st.bind(1, std::string_view(*ind.target));
            if (!st.step())
                warnings.push_back(fmt::format("{}.target: no row of targets names '{}' in {} yet", ind.path,
                                               *ind.target, path));
        }
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("validate",
                                   "Check a scheme file and the plugins it needs; every problem with its "
                                   "JSON path");
    static std::string scheme_path;
    static std::string workspace;
    static bool as_json = false;
    cmd->add_option("SCHEME", scheme_path, "The scheme file (JSON)")->required();
    cmd->add_option("--workspace", workspace, "Also check the scope and targets against this workspace");
    cmd->add_flag("--json", as_json, "Print {file, valid, problems, warnings} as JSON");
    cmd->callback([&global] {
        const PluginRegistry registry = global.load_plugins();
        Scheme scheme;
        std::vector<std::string> problems = validate_scheme_file(scheme_path, registry, &scheme);
        std::vector<std::string> warnings;
        if (!workspace.empty() && !scheme.canonical_json.empty())
            check_against_workspace(scheme, workspace, problems, warnings);
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
    });
}

const CommandRegistrar registrar(30, &setup);

}  // namespace
}  // namespace merit
