// `merit run` with "isolation": "process": a component that segfaults or
// loops forever fails the run with one line naming the plugin and the
// component, exit status 1; the workspace passes PRAGMA integrity_check and
// holds no new run; the next run works. A well-behaved plugin (core) gives
// the same results digest isolated as in the host's own process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <boost/json.hpp>
#include <cstdlib>

#include "plugin_fixtures.hpp"

namespace merit {
namespace {

using test::TempDir;
using ::testing::HasSubstr;

using Result = test::CliResult;

class IsolatedRun : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(merit("init " + ws().string()).status, 0);
        const Result imported = merit("import " + ws().string() + " --dir " + std::string(MERIT_SOURCE_DIR) +
                                      "/config/samples/telecom");
        ASSERT_EQ(imported.status, 0) << imported.err;
    }

    std::filesystem::path ws() const { return dir_ / "ws.merit"; }

    // `merit` with a host config that loads core and test_isolation (both
    // trusted by checksum) with the given "plugins" options.
    Result merit(const std::string& args, const std::string& plugin_options = "{}") const {
        const auto core = std::filesystem::path(MERIT_STAGE_DIR) / "lib/merit/plugins/merit_core.so";
        const auto isolation = test::test_plugin("isolation", "test_isolation");
        const auto config = test::host_config_file(dir_.path(), {core, isolation}, plugin_options);
        return test::run_staged_merit(dir_.path(), "--config " + config.string() + " " + args);
    }

    // The shipped telecom scheme, with its first input computed by `provider`.
    std::filesystem::path scheme_with(const std::string& provider) const {
        auto scheme = boost::json::parse(
            test::read_file(std::string(MERIT_SOURCE_DIR) + "/config/telecom.scheme.json"));
        auto& o = scheme.as_object();
        o["plugins"].as_array().push_back("test_isolation");
        auto& input = o["inputs"].as_array()[0].as_object();
        input["provider"] = provider;
        input["params"] = boost::json::object{};
        const auto file = dir_ / ("scheme-" + provider + ".json");
        test::write_file(file, boost::json::serialize(scheme));
        return file;
    }

    Result run(const std::filesystem::path& scheme, const std::string& plugin_options) const {
        return merit("run " + ws().string() + " --scheme " + scheme.string() + " --period 2026-Q3",
                     plugin_options);
    }

    // One value of `sql` over the workspace, read directly with SQLite.
    std::string sql(const std::string& query) const { return test::sql_value(ws(), query); }

    // The failed run left the workspace whole and without a new run.
    void expect_unchanged(const std::string& runs_before) const {
        EXPECT_EQ(sql("PRAGMA integrity_check"), "ok");
        EXPECT_EQ(sql("SELECT count(*) FROM runs"), runs_before);
        EXPECT_EQ(sql("SELECT count(*) FROM run_managers"), "0");
    }

    TempDir dir_;
};

constexpr const char* kIsolated = R"({"test_isolation": {"isolation": "process", "time_limit_seconds": 2}})";

TEST_F(IsolatedRun, ASegfaultFailsTheRunCleanlyAndTheNextRunWorks) {
    const Result crashed = run(scheme_with("test_isolation.segfault"), kIsolated);
    EXPECT_EQ(crashed.status, 1);
    EXPECT_EQ(crashed.out, "");
    EXPECT_THAT(crashed.err, HasSubstr("plugin 'test_isolation' component test_isolation.segfault crashed "
                                       "(signal 11, SIGSEGV) during compute"));
    EXPECT_EQ(std::count(crashed.err.begin(), crashed.err.end(), '\n'), 1) << crashed.err;
    expect_unchanged("0");

    const Result healthy = run(std::string(MERIT_SOURCE_DIR) + "/config/telecom.scheme.json", kIsolated);
    EXPECT_EQ(healthy.status, 0) << healthy.err;
    EXPECT_EQ(healthy.out, "1\n");  // into a file stdout holds the run id, the summary goes to stderr
    EXPECT_THAT(healthy.err, HasSubstr("stored as run 1"));
    EXPECT_EQ(sql("SELECT count(*) FROM runs"), "1");
}

TEST_F(IsolatedRun, AnEndlessLoopIsStoppedAtTheTimeLimitAndTheNextRunWorks) {
    const Result hung = run(scheme_with("test_isolation.endless"), kIsolated);
    EXPECT_EQ(hung.status, 1);
    EXPECT_THAT(hung.err, HasSubstr("plugin 'test_isolation' component test_isolation.endless exceeded its "
                                    "time limit of 2 s during compute and was stopped"));
    EXPECT_EQ(std::count(hung.err.begin(), hung.err.end(), '\n'), 1) << hung.err;
    expect_unchanged("0");

    const Result healthy = run(std::string(MERIT_SOURCE_DIR) + "/config/telecom.scheme.json", kIsolated);
    EXPECT_EQ(healthy.status, 0) << healthy.err;
    EXPECT_EQ(sql("SELECT count(*) FROM runs"), "1");
}

TEST_F(IsolatedRun, CoreGivesTheSameResultsDigestIsolatedAsInProcess) {
    const auto scheme = std::filesystem::path(MERIT_SOURCE_DIR) / "config/telecom.scheme.json";
    const Result in_process = run(scheme, "{}");
    ASSERT_EQ(in_process.status, 0) << in_process.err;
    const Result isolated = run(scheme, R"({"core": {"isolation": "process", "time_limit_seconds": 60}})");
    ASSERT_EQ(isolated.status, 0) << isolated.err;
    const std::string first = sql("SELECT results_digest FROM runs WHERE id = 1");
    EXPECT_EQ(first.size(), 64u);
    EXPECT_EQ(sql("SELECT results_digest FROM runs WHERE id = 2"), first);
    // The runs agree row for row, not only in their digest: same pay in fen.
    EXPECT_EQ(sql("SELECT sum(amount_fen) FROM run_pay WHERE run_id = 2"),
              sql("SELECT sum(amount_fen) FROM run_pay WHERE run_id = 1"));
}

TEST_F(IsolatedRun, EachRunRecordsHowEachPluginWasTrustedAndWhereItRan) {
    const auto scheme = std::filesystem::path(MERIT_SOURCE_DIR) / "config/telecom.scheme.json";
    ASSERT_EQ(run(scheme, "{}").status, 0);
    ASSERT_EQ(run(scheme, R"({"core": {"isolation": "process"}})").status, 0);
    const auto core = std::filesystem::path(MERIT_STAGE_DIR) / "lib/merit/plugins/merit_core.so";
    const std::string field = "SELECT json_extract(plugins_json, '$[0].";
    for (const char* run_id : {"1", "2"}) {
        const std::string where = "') FROM runs WHERE id = " + std::string(run_id);
        EXPECT_EQ(sql(field + "id" + where), "core");
        EXPECT_EQ(sql(field + "sha256" + where), sha256_hex(test::read_file(core)));
        // host_config_file writes core's line first.
        EXPECT_EQ(sql(field + "trusted_by" + where), (dir_ / "trusted.d/test.sha256").string() + ":1");
    }
    EXPECT_EQ(sql(field + "isolation') FROM runs WHERE id = 1"), "in_process");
    EXPECT_EQ(sql(field + "isolation') FROM runs WHERE id = 2"), "process");
}

}  // namespace
}  // namespace merit
