// `merit verify WS --run ID | --all [--recompute]`: recompute each run's results digest
// from its stored rows and compare it with the digest stored at run time.
// Exit 0 when every run checked is intact, 1 when any is not.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>
#include <optional>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "engine/run_store.hpp"
#include "engine/run_verify.hpp"
#include "records/run_recompute.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

// What is wrong with a run, as the README's problems: {path, code, message}.
boost::json::array problems_of(const RunVerification& v) {
    boost::json::array out;
    const auto add = [&out](std::string path, const char* code, std::string message) {
        out.push_back(
            boost::json::object{{"path", std::move(path)}, {"code", code}, {"message", std::move(message)}});
    };
    if (v.stored_digest.empty())
        add("runs.results_digest", "no_digest", "no results digest was stored");
    else if (v.stored_digest != v.recomputed_digest)
        add("runs.results_digest", "digest_mismatch",
            fmt::format("stored {}, the stored results give {}", v.stored_digest, v.recomputed_digest));
    for (const auto& line : v.inconsistencies) {
        const auto colon = line.find(": ");
        add(line.substr(0, colon), "inconsistent_rows",
            colon == std::string::npos ? line : line.substr(colon + 2));
    }
    return out;
}

void append_problems(const RunRecomputation& r, boost::json::array& out) {
    for (const auto& p : r.problems)
        out.push_back(boost::json::object{{"path", p.path}, {"code", p.code}, {"message", p.message}});
}

// What holds on stdout, what does not as an error line on stderr.
void print_line(bool ok, const std::string& line) {
    if (ok)
        std::cout << line << std::endl;  // before any error line on stderr
    else
        std::cerr << "merit: error: " << line << '\n';
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd =
        app.add_subcommand("verify", "Check that stored runs still hold the results they were stored with");
    static std::string workspace;
    static std::vector<int64_t> run_ids;
    static bool all = false;
    static bool as_json = false;
    static bool recompute = false;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    cmd->add_flag("--recompute", recompute,
                  "Also evaluate each run again from the data version it read and compare the results");
    auto* run = cmd->add_option("--run", run_ids, "A run's id (repeatable)");
    auto* every = cmd->add_flag("--all", all, "Every run of the workspace");
    run->excludes(every);
    every->excludes(run);
    add_json_flag(cmd, as_json);
    cmd->callback([&global] {
        if (run_ids.empty() && !all) throw UsageError("verify: give --run ID or --all");
        const Workspace ws = global.open_workspace(workspace);
        std::vector<int64_t> ids = run_ids;
        if (all)
            for (const auto& info : list_runs(ws.db())) ids.push_back(info.id);
        for (const int64_t id : ids) require(ws.db(), current_actor(), "runs.verify", run_object(id));
        const std::optional<PluginRegistry> registry =
            recompute ? std::optional<PluginRegistry>(global.load_plugins()) : std::nullopt;
        size_t failed = 0;
        boost::json::array report;
        for (const int64_t id : ids) {
            const RunVerification v = verify_run(ws.db(), id);
            std::optional<RunRecomputation> again;
            if (registry) again = recompute_run(ws, *registry, id);
            const bool ok = v.ok() && (!again || again->ok());
            if (!ok) ++failed;
            if (as_json) {
                boost::json::array problems = problems_of(v);
                if (again) append_problems(*again, problems);
                report.push_back(boost::json::object{{"run", id}, {"ok", ok}, {"problems", problems}});
                continue;
            }
            print_line(v.ok(), v.summary());
            if (again) print_line(again->ok(), again->summary());
        }
        if (as_json) std::cout << json_line(report) << std::flush;
        if (failed)
            throw UserError(fmt::format("{}: {} of {} run{} failed verification", workspace, failed,
                                        ids.size(), ids.size() == 1 ? "" : "s"));
        if (ids.empty() && !as_json) std::cout << "no runs to verify\n";
    });
}

const CommandRegistrar registrar(47, &setup);

}  // namespace
}  // namespace merit
