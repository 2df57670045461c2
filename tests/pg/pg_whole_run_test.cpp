// A whole evaluation on PostgreSQL's data services gives the results digest
// the workspace's services give (issue 20: "the same scheme on the same data
// gives the same results digest"): the shipped schemes that need no
// read-only SQL, each on its shipped sample for two
// periods, the sample copied into a database of its own in a throwaway
// cluster. The scope, the history and the scheme come from the SQLite
// workspace in both runs; only the data services differ. Left out:
// telecom (core.sql), banking and postal (banking.new_effective_customers
// reads through SQL), which need read-only SQL on the server, not built
// yet. tobacco-market reads the stored tobacco run of its period, which is
// stored on the workspace first.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>

#include "common/errors.hpp"
#include "data/workspace_data_services.hpp"
#include "engine/evaluator.hpp"
#include "engine/stages/store.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "pg/pg_contract_schema.hpp"
#include "pg/pg_data_services.hpp"
#include "plugin/host_config.hpp"
#include "plugin/registry.hpp"
#include "scheme/scheme_validator.hpp"
#include "support/pg_cluster.hpp"

namespace merit {
namespace {

struct Case {
    const char* set;
    const char* scheme;
    std::vector<const char*> periods;
    // A scheme that reads this one's stored run of the same period
    // (run_column), compared after that run is stored on the workspace.
    const char* reader = nullptr;
};

class PgWholeRun : public testing::PgClusterTest {};

RunResult evaluate_on(Workspace& ws, const PluginRegistry& registry, const Scheme& scheme, const char* period,
                      DataServices& data) {
    EvaluationRequest request;
    request.db = ws.db();
    request.registry = &registry;
    request.scheme = &scheme;
    request.period = period;
    request.data = &data;
    return evaluate(request);
}

Scheme load_scheme(const std::string& file, const PluginRegistry& registry) {
    Scheme scheme;
    require_valid(validate_scheme_file(file, registry, &scheme), file);
    return scheme;
}

TEST_F(PgWholeRun, ShippedSchemesGiveTheSameResultsDigest) {
    const std::vector<Case> cases = {
        {"banking", "banking-risk.scheme.json", {"2026-Q1", "2026-Q2"}},
        {"fuel", "fuel.scheme.json", {"2025-10", "2025-12"}},
        {"fuel", "fuel-grading.scheme.json", {"2025", "2026"}},
        {"tobacco", "tobacco.scheme.json", {"2026-11", "2026-12"}, "tobacco-market.scheme.json"},
    };
    const PluginRegistry registry = PluginRegistry::discover(HostConfig::locate());
    const std::string config = std::string(MERIT_SOURCE_DIR) + "/config";
    size_t runs = 0;
    for (const Case& c : cases) {
        testing::ScratchWorkspace s;
        import_directory(s.ws(), config + "/samples/" + c.set, {});
        const std::string database = fmt::format("run_{}", runs);
        cluster().create_database(database);
        {
            PgConnection pg(cluster().url(database, "merit"));
            create_contract_tables(pg);
            copy_contract_tables(s.ws().db(), pg);
        }
        const Scheme scheme = load_scheme(config + "/" + c.scheme, registry);
        WorkspaceDataServices columns(s.ws());
        PgDataServices server(cluster().url(database, "merit"));
        auto compare = [&](const Scheme& compared, const char* name, const char* period) {
            RunResult expected = evaluate_on(s.ws(), registry, compared, period, columns);
            const std::string actual =
                results_digest(evaluate_on(s.ws(), registry, compared, period, server));
            const std::string digest = results_digest(expected);
            EXPECT_EQ(actual, digest) << name << " " << period;
            std::printf("%s %s: results digest %s on both\n", name, period, digest.substr(0, 12).c_str());
            ++runs;
            return expected;
        };
        for (const char* period : c.periods) {
            RunResult stored = compare(scheme, c.scheme, period);
            if (!c.reader) continue;
            store_run(s.ws(), stored);
            compare(load_scheme(config + "/" + c.reader, registry), c.reader, period);
        }
    }
    EXPECT_EQ(runs, 10u);

    // What is not on the server yet says so, instead of running plugin SQL
    // without the role that would confine it.
    cluster().create_database("no_sql");
    PgDataServices server(cluster().url("no_sql"));
    try {
        server.query("SELECT 1", nullptr, 0, nullptr, nullptr);
        ADD_FAILURE() << "read-only SQL ran on PostgreSQL";
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(),
                     "postgresql: read-only SQL is not available on a PostgreSQL workspace yet (it needs the "
                     "merit_reader role and its privileges, issue 20)");
    }
}

}  // namespace
}  // namespace merit
