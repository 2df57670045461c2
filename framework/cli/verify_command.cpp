// `merit verify WS --run ID | --all [--expect-head H] [--recompute] | --head`:
// does the workspace still hold what was stored? Each run's record digest,
// results digest and scheme hash are recomputed from its stored rows
// (--recompute: the run is also evaluated again from the data version it
// read, records/run_recompute.hpp); --all also
// walks the audit log's hash chain, checks the protecting triggers and that
// the log and the runs agree; --expect-head checks the log still extends a
// head recorded elsewhere; --head prints the head to record. Exit 0 when
// everything checked is intact, 1 when anything is not.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>
#include <optional>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "engine/run_store.hpp"
#include "engine/run_verify.hpp"
#include "engine/workspace_verify.hpp"
#include "records/run_recompute.hpp"
#include "store/protecting_triggers.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

struct Options {
    std::string workspace;
    std::vector<int64_t> run_ids;
    bool all = false;
    bool head = false;
    std::string expect_head;
    bool recompute = false;
    bool as_json = false;
};

template <typename Problem>
void append_json(const std::vector<Problem>& problems, boost::json::array& out) {
    for (const auto& p : problems)
        out.push_back(boost::json::object{{"path", p.path}, {"code", p.code}, {"message", p.message}});
}

boost::json::array problems_json(const std::vector<IntegrityProblem>& problems) {
    boost::json::array out;
    append_json(problems, out);
    return out;
}

// What holds on stdout, what does not as an error line on stderr.
void print_line(bool ok, const std::string& line) {
    if (ok)
        std::cout << line << std::endl;  // before any error line on stderr
    else
        std::cerr << "merit: error: " << line << '\n';
}

// What the workspace-wide checks found, and the line each says when it passes.
struct WorkspaceChecks {
    boost::json::array checked;
    std::vector<IntegrityProblem> problems;
    std::vector<std::string> passed;  // for people

    void record(const char* name, std::vector<IntegrityProblem> found, std::string ok_line) {
        checked.push_back(boost::json::string(name));
        if (found.empty()) passed.push_back(std::move(ok_line));
        problems.insert(problems.end(), found.begin(), found.end());
    }
};

WorkspaceChecks check_workspace(sqlite3* db, const Options& o) {
    WorkspaceChecks c;
    if (!o.all && o.expect_head.empty()) return c;
    const std::optional<ExpectedHead> expected =
        o.expect_head.empty() ? std::nullopt : std::optional(parse_expected_head(o.expect_head));
    require(db, current_actor(), "audit.read", workspace_object());
    const AuditChainCheck chain = verify_audit_chain(db);
    c.record(
        "audit_chain", chain_problems(chain),
        fmt::format("audit log: {} entries, chain intact (head {})", chain.entries, audit_head(db).text()));
    if (o.all) {
        const size_t triggers = schema_triggers().size();
        c.record("protecting_triggers", check_protecting_triggers(db),
                 fmt::format("protecting triggers: all {} present, as the schema made them", triggers));
        RunsInLog runs = check_runs_in_log(db);
        c.record("runs_in_log", std::move(runs.problems),
                 fmt::format("audit log: each of {} runs has its run entry, each of {} final runs its "
                             "finalize entry",
                             runs.runs, runs.final_runs));
    }
    if (expected)
        c.record("expected_head", check_expected_head(db, *expected),
                 fmt::format("audit log extends the recorded head {}", o.expect_head));
    return c;
}

void print_head(const Workspace& ws, const Options& o) {
    require(ws.db(), current_actor(), "audit.read", workspace_object());
    const AuditChainCheck chain = verify_audit_chain(ws.db());
    if (!chain.ok()) {
        for (const auto& p : chain_problems(chain))
            std::cerr << "merit: error: " << p.path << ": " << p.message << '\n';
        throw UserError(fmt::format("{}: the audit log's chain is broken; no head to record", o.workspace));
    }
    const AuditHead head = audit_head(ws.db());
    if (o.as_json) {
        std::cout << json_line(boost::json::object{
            {"workspace", o.workspace}, {"id", head.id}, {"hash", head.hash}, {"head", head.text()}});
        return;
    }
    std::cout << head.text() << std::endl;
    people() << fmt::format(
        "record this head elsewhere; later, `merit verify {} --all --expect-head {}` "
        "checks the log still extends it\n",
        o.workspace, head.text());
}

void verify(const GlobalOptions& global, const Options& o) {
    if (o.run_ids.empty() && !o.all && o.expect_head.empty())
        throw UsageError("verify: give --run ID, --all, --expect-head H or --head");
    const Workspace ws = global.open_workspace(o.workspace);
    std::vector<int64_t> ids = o.run_ids;
    if (o.all)
        for (const auto& info : list_runs(ws.db())) ids.push_back(info.id);
    for (const int64_t id : ids) require(ws.db(), current_actor(), "runs.verify", run_object(id));
    WorkspaceChecks workspace = check_workspace(ws.db(), o);
    if (!ids.empty() || o.all) workspace.checked.push_back(boost::json::string("runs"));
    if (!o.as_json) {
        for (const auto& line : workspace.passed) std::cout << line << '\n';
        std::cout << std::flush;
        for (const auto& p : workspace.problems)
            std::cerr << "merit: error: " << p.path << ": " << p.message << '\n';
    }
    const std::optional<PluginRegistry> registry =
        o.recompute ? std::optional<PluginRegistry>(global.load_plugins()) : std::nullopt;
    size_t failed = 0;
    boost::json::array runs;
    for (const int64_t id : ids) {
        const RunVerification v = verify_run(ws.db(), id);
        std::optional<RunRecomputation> again;
        if (registry) again = recompute_run(ws, *registry, id);
        const bool ok = v.ok() && (!again || again->ok());
        if (!ok) ++failed;
        if (o.as_json) {
            boost::json::array problems = problems_json(v.problems);
            if (again) append_json(again->problems, problems);
            runs.push_back(boost::json::object{{"run", id}, {"ok", ok}, {"problems", problems}});
            continue;
        }
        print_line(v.ok(), v.summary());
        if (again) print_line(again->ok(), again->summary());
    }
    if (o.as_json)
        std::cout << json_line(boost::json::object{{"ok", failed == 0 && workspace.problems.empty()},
                                                   {"checked", workspace.checked},
                                                   {"problems", problems_json(workspace.problems)},
                                                   {"runs", runs}})
                  << std::flush;
    const std::string of_runs =
        fmt::format("{} of {} run{} failed verification", failed, ids.size(), ids.size() == 1 ? "" : "s");
    if (!workspace.problems.empty())
        throw UserError(fmt::format("{}: {} problem{} in the workspace{}", o.workspace,
                                    workspace.problems.size(), workspace.problems.size() == 1 ? "" : "s",
                                    failed ? "; " + of_runs : ""));
    if (failed) throw UserError(fmt::format("{}: {}", o.workspace, of_runs));
    if (ids.empty() && o.all && !o.as_json) std::cout << "no runs to verify\n";
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd =
        app.add_subcommand("verify", "Check that stored runs and the audit log still hold what was stored");
    static Options o;
    cmd->add_option("WS", o.workspace, "The workspace file")->required();
    auto* run = cmd->add_option("--run", o.run_ids, "A run's id (repeatable): its digests and scheme hash");
    auto* every = cmd->add_flag("--all", o.all,
                                "Every run, the audit log's chain, the protecting triggers, and that the log "
                                "has every run and every finalisation");
    auto* expect = cmd->add_option("--expect-head", o.expect_head,
                                   "HASH or ID:HASH as --head printed it: check the log still extends it");
    auto* head = cmd->add_flag("--head", o.head, "Print the audit log's head (ID:HASH) to record elsewhere");
    auto* recompute =
        cmd->add_flag("--recompute", o.recompute,
                      "Also evaluate each run again from the data version it read and compare the results");
    run->excludes(every);
    head->excludes(run)->excludes(every)->excludes(expect)->excludes(recompute);
    add_json_flag(cmd, o.as_json);
    cmd->callback([&global] {
        if (o.head) {
            const Workspace ws = global.open_workspace(o.workspace);
            return print_head(ws, o);
        }
        verify(global, o);
    });
}

const CommandRegistrar registrar(47, &setup);

}  // namespace
}  // namespace merit
