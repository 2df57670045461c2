// `merit run` with a plugin that means harm (test_hostile, built with the
// SDK like any vendor plugin). Each test runs one attack isolated
// ("isolation": "process") and, where that is safe for the test machine, in
// the host's own process. Isolated, every attack fails or is contained: the
// host exits 1 with one line naming the plugin (or, for output, succeeds with
// its own output clean), the workspace dump is unchanged, nothing the plugin
// started outlives the run, and the next run works. In process the plugin is
// the host: the tests record which attacks go through there (most do).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "plugin_fixtures.hpp"

namespace merit {
namespace {

using test::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;
using Result = test::CliResult;

constexpr const char* kIsolated = R"({"test_hostile": {"isolation": "process", "time_limit_seconds": 10}})";
constexpr const char* kInProcess = "{}";

class Hostile : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(merit("init " + ws().string(), kInProcess).status, 0);
        const Result imported = merit(
            "import " + ws().string() + " --dir " + std::string(MERIT_SOURCE_DIR) + "/config/samples/telecom",
            kInProcess);
        ASSERT_EQ(imported.status, 0) << imported.err;
        dump_before_ = dump();
    }

    std::filesystem::path ws() const { return dir_ / "ws.merit"; }
    std::filesystem::path file(const std::string& name) const { return dir_ / name; }

    Result merit(const std::string& args, const std::string& plugin_options) const {
        const auto core = std::filesystem::path(MERIT_STAGE_DIR) / "lib/merit/plugins/merit_core.so";
        const auto hostile = test::test_plugin("hostile", "test_hostile");
        const auto config = test::host_config_file(dir_.path(), {core, hostile}, plugin_options);
        return test::run_staged_merit(dir_.path(), "--config " + config.string() + " " + args);
    }

    // The shipped telecom scheme with its first input computed by the attack.
    Result attack(const std::string& component, const std::string& plugin_options,
                  boost::json::object params = {}) const {
        auto scheme = boost::json::parse(
            test::read_file(std::string(MERIT_SOURCE_DIR) + "/config/telecom.scheme.json"));
        auto& o = scheme.as_object();
        o["plugins"].as_array().push_back("test_hostile");
        auto& input = o["inputs"].as_array()[0].as_object();
        input["provider"] = "test_hostile." + component;
        input["params"] = std::move(params);
        const auto path = dir_ / ("scheme-" + component + ".json");
        test::write_file(path, boost::json::serialize(scheme));
        return merit("run " + ws().string() + " --scheme " + path.string() + " --period 2026-Q3 --json",
                     plugin_options);
    }

    // Every row of the workspace as SQL text (sqlite3 .dump), or its error
    // when the file is no longer a database.
    std::string dump() const {
        const auto out = dir_ / "dump.sql";
        const std::string command = "sqlite3 " + ws().string() + " .dump > " + out.string() + " 2>&1";
        const int status = std::system(command.c_str());
        return test::read_file(out) + (status == 0 ? "" : "(sqlite3 failed)");
    }

    // The run failed with exactly one line, naming the plugin, containing `what`.
    static void expect_refused(const Result& r, const std::string& what) {
        EXPECT_EQ(r.status, 1) << r.err;
        EXPECT_EQ(r.out, "");
        EXPECT_THAT(r.err, HasSubstr("test_hostile"));
        EXPECT_THAT(r.err, HasSubstr(what));
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }

    // The workspace is as before and a healthy run still works.
    void expect_unharmed() const {
        EXPECT_EQ(dump(), dump_before_);
        const Result healthy = merit("run " + ws().string() + " --scheme " + std::string(MERIT_SOURCE_DIR) +
                                         "/config/telecom.scheme.json --period 2026-Q3",
                                     kIsolated);
        EXPECT_EQ(healthy.status, 0) << healthy.err;
        EXPECT_EQ(healthy.out, "1\n");
    }

    TempDir dir_;
    std::string dump_before_;
};

TEST_F(Hostile, WritingTheWorkspaceThroughItsOwnDescriptorsSucceedsInProcess) {
    attack("write_host_fd", kInProcess);
    // The host's own workspace was spoiled under it: it no longer opens.
    EXPECT_NE(dump(), dump_before_);
}

TEST_F(Hostile, ALingeringChildOutlivesTheRunInProcess) {
    const auto mark = file("lingering.mark");
    const Result r = attack("lingering_child", kInProcess, {{"path", mark.string()}});
    EXPECT_EQ(r.status, 0) << r.err;
    std::this_thread::sleep_for(std::chrono::seconds(3));
    EXPECT_TRUE(std::filesystem::exists(mark));
}

// A NULL column where the API needs one used to be dereferenced by the host.
TEST_F(Hostile, ANullStateColumnIsRefusedIsolated) {
    expect_refused(attack("null_state", kIsolated),
                   "plugin 'test_hostile' component test_hostile.null_state passed a bad argument "
                   "(state_write: values is NULL) and was stopped during compute");
    expect_unharmed();
}

TEST_F(Hostile, ANullStateColumnIsRefusedInProcessToo) {
    // The host checks it on its side of the C API as well: an error, no crash.
    expect_refused(attack("null_state", kInProcess), "test_hostile.null_state: compute: state_write: ");
}

TEST_F(Hostile, AScopeWithoutIdsIsRefusedIsolated) {
    expect_refused(attack("null_scope", kIsolated),
                   "passed a bad argument (fact_aggregate: a scope of 1000000000 rows without manager ids)");
    expect_unharmed();
}

TEST_F(Hostile, AnOversizedStringIsRefusedIsolated) {
    expect_refused(attack("oversized_sql", kIsolated),
                   "passed a bad argument (query: sql is longer than 65536 bytes)");
    expect_unharmed();
}

TEST_F(Hostile, AnOversizedStringIsAcceptedInProcess) {
    EXPECT_EQ(attack("oversized_sql", kInProcess).status, 0);
}

// 3 GB against the default memory_limit_mb of 1024. (Not run in process:
// nothing limits it there, and the test machine would pay for it.)
TEST_F(Hostile, AThreeGigabyteAllocationIsRefusedIsolated) {
    expect_refused(attack("allocate", kIsolated), "blocked: allocate 3 GB");
    expect_unharmed();
}

// Output goes to the log (stderr, prefixed with the plugin), never into
// `merit run --json`: the run succeeds and its stdout is the JSON alone.
TEST_F(Hostile, PrintingGoesToTheLogIsolated) {
    const Result r = attack("prints", kIsolated);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_THAT(r.out, Not(HasSubstr("HOSTILE")));
    EXPECT_NO_THROW(boost::json::parse(r.out)) << r.out;
    EXPECT_THAT(r.err, HasSubstr("plugin 'test_hostile' printed: HOSTILE-STDOUT"));
    EXPECT_THAT(r.err, HasSubstr("plugin 'test_hostile' printed: HOSTILE-STDERR"));
}

TEST_F(Hostile, PrintingLandsInMeritsOutputInProcess) {
    const Result r = attack("prints", kInProcess);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("HOSTILE-STDOUT"));
}

}  // namespace
}  // namespace merit
