// `merit run` with a plugin that means harm (test_hostile, built with the
// SDK like any vendor plugin). Each test runs one attack isolated
// ("isolation": "process") and, where that is safe for the test machine, in
// the host's own process. Isolated, the plugin is loaded and run inside its
// sandbox (plugin/sandbox_layers.hpp), and every attack fails or is contained: the
// host exits 1 with one line naming the plugin (or, for output, succeeds with
// its own output clean), the workspace dump is unchanged, nothing the plugin
// started outlives the run, and the next run works. In process the plugin is
// the host: the tests record which attacks go through there (most do).
//
// Each isolated test names the layers that stop its attack; where the kernel
// grants none of them (a container without namespaces, say) it is skipped
// with a message naming them, never passed silently. The merit.json here
// says "continue" for a missing layer, so such a machine still runs the
// tests whose layers hold; the default ("refuse") has its own test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <initializer_list>
#include <thread>

#include "plugin_fixtures.hpp"

namespace merit {
namespace {

using test::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;
using Result = test::CliResult;

// (host_config_file adds "sandbox": {"missing_layer": "continue"}.)
constexpr const char* kIsolated = R"({"test_hostile": {"isolation": "process", "time_limit_seconds": 10}})";
// Forks allowed by the rlimit: only the sandbox stops a lingering child.
constexpr const char* kIsolatedWithForks =
    R"({"test_hostile": {"isolation": "process", "time_limit_seconds": 10, "process_limit": 4}})";
// merit.json's default, written out.
constexpr const char* kIsolatedRefusing =
    R"({"test_hostile": {"isolation": "process"}}, "sandbox": {"missing_layer": "refuse"})";
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

    // The layers of the sandbox the kernel grants here, as `merit plugins
    // list --json` reports them for the isolated plugin.
    boost::json::object layers() const {
        const Result r = merit("plugins list --json", kIsolated);
        const auto list = boost::json::parse(r.out);
        for (const auto& p : list.as_array())
            if (p.as_object().at("id") == "test_hostile" && p.as_object().at("sandbox").is_object())
                return p.as_object().at("sandbox").as_object();
        ADD_FAILURE() << "no sandbox for test_hostile in: " << r.out;
        return {};
    }

    // Empty when one of `layers` holds here, else why the test is skipped.
    std::string none_held(std::initializer_list<const char*> needed) const {
        const auto held = layers();
        std::string names;
        for (const char* layer : needed) {
            if (held.contains(layer) && held.at(layer).as_bool()) return "";
            names += (names.empty() ? "" : ", ") + std::string(layer);
        }
        return "the kernel grants none of the layers that stop this attack here (" + names +
               "): " + std::string(held.contains("why") ? held.at("why").as_string().c_str() : "");
    }

    TempDir dir_;
    std::string dump_before_;
};

#define SKIP_UNLESS_ONE_HELD(...)                                                                \
    do {                                                                                         \
        if (const std::string why = none_held({__VA_ARGS__}); !why.empty()) GTEST_SKIP() << why; \
    } while (0)

// Sets an environment variable for the merit processes a test starts.
struct ScopedEnv {
    ScopedEnv(const char* name, const std::string& value) : name_(name) { ::setenv(name, value.c_str(), 1); }
    ~ScopedEnv() { ::unsetenv(name_); }
    const char* name_;
};

TEST_F(Hostile, WritingTheWorkspaceByItsPathIsBlockedIsolated) {
    SKIP_UNLESS_ONE_HELD("seccomp", "mount");
    expect_refused(attack("write_workspace", kIsolated, {{"path", ws().string()}}),
                   "blocked: open " + ws().string() + " for writing");
    expect_unharmed();
}

TEST_F(Hostile, WritingTheWorkspaceByItsPathSucceedsInProcess) {
    attack("write_workspace", kInProcess, {{"path", ws().string()}});
    EXPECT_NE(dump(), dump_before_);
}

TEST_F(Hostile, WritingTheWorkspaceThroughTheHostsDescriptorsIsBlockedIsolated) {
    SKIP_UNLESS_ONE_HELD("seccomp", "mount");
    expect_refused(attack("write_host_fd", kIsolated),
                   "blocked: write the workspace through /proc/<host>/fd");
    expect_unharmed();
}

TEST_F(Hostile, ReadingEtcPasswdIsBlockedIsolated) {
    // Reading is open to the dynamic loader, so only the empty root stops it.
    SKIP_UNLESS_ONE_HELD("mount");
    expect_refused(attack("read_passwd", kIsolated), "blocked: open /etc/passwd (No such file or directory)");
    expect_unharmed();
}

TEST_F(Hostile, ReadingEtcPasswdSucceedsInProcess) {
    EXPECT_EQ(attack("read_passwd", kInProcess).status, 0);
}

TEST_F(Hostile, WritingAFileElsewhereIsBlockedIsolated) {
    SKIP_UNLESS_ONE_HELD("seccomp", "mount");
    const auto target = file("elsewhere.txt");
    expect_refused(attack("write_elsewhere", kIsolated, {{"path", target.string()}}),
                   "blocked: create " + target.string());
    EXPECT_FALSE(std::filesystem::exists(target));
    expect_unharmed();
}

TEST_F(Hostile, WritingAFileElsewhereSucceedsInProcess) {
    const auto target = file("elsewhere.txt");
    EXPECT_EQ(attack("write_elsewhere", kInProcess, {{"path", target.string()}}).status, 0);
    EXPECT_TRUE(std::filesystem::exists(target));
}

TEST_F(Hostile, OpeningASocketIsBlockedIsolated) {
    // A network namespace still hands out sockets (to its own loopback).
    SKIP_UNLESS_ONE_HELD("seccomp");
    expect_refused(attack("socket", kIsolated), "blocked: open an internet socket (Operation not permitted)");
    expect_unharmed();
}

TEST_F(Hostile, OpeningASocketSucceedsInProcess) {
    EXPECT_EQ(attack("socket", kInProcess).status, 0);
}

// (Not run in process: the plugin's parent there is the test's shell, which
// SIGSTOP would stop for good.)
TEST_F(Hostile, SignallingTheHostIsBlockedIsolated) {
    SKIP_UNLESS_ONE_HELD("seccomp", "pid");
    expect_refused(attack("signal_host", kIsolated), "blocked: SIGSTOP the host");
    expect_unharmed();
}

// process_limit lets it fork; the sandbox still keeps anything from
// outliving the run: seccomp refuses the fork, and a pid namespace would kill
// whatever was left when the plugin's process ends.
TEST_F(Hostile, ALingeringChildDoesNotOutliveTheRunIsolated) {
    SKIP_UNLESS_ONE_HELD("seccomp", "pid");
    const auto mark = file("lingering.mark");
    const Result r = attack("lingering_child", kIsolatedWithForks, {{"path", mark.string()}});
    if (r.status != 0) expect_refused(r, "blocked: fork");
    std::this_thread::sleep_for(std::chrono::seconds(3));
    EXPECT_FALSE(std::filesystem::exists(mark));
    expect_unharmed();
}

// The plugin's static constructor runs wherever the plugin is loaded. In
// process that is the host; isolated it is only ever the sandbox (its own
// loading included: the host learns its components from the child).
TEST_F(Hostile, HarmInAStaticConstructorNeverRunsInTheHostIsolated) {
    SKIP_UNLESS_ONE_HELD("seccomp", "mount");
    const auto mark = file("loaded.mark");
    const ScopedEnv mark_env("MERIT_TEST_HOSTILE_LOAD_MARK", mark.string());
    const ScopedEnv workspace_env("MERIT_TEST_HOSTILE_LOAD_WORKSPACE", ws().string());
    const Result listed = merit("plugins list", kIsolated);
    EXPECT_EQ(listed.status, 0) << listed.err;
    EXPECT_THAT(listed.out, HasSubstr("isolation: process, sandbox: "));
    EXPECT_THAT(listed.out, HasSubstr("test_hostile 1.0.0  vendor: Merit tests  API 1.0  trusted  loaded"));
    EXPECT_FALSE(std::filesystem::exists(mark));
    // The healthy run loads it again, as isolated as before.
    expect_unharmed();
    EXPECT_FALSE(std::filesystem::exists(mark));
}

TEST_F(Hostile, HarmInAStaticConstructorRunsInTheHostInProcess) {
    const auto mark = file("loaded.mark");
    const ScopedEnv mark_env("MERIT_TEST_HOSTILE_LOAD_MARK", mark.string());
    const ScopedEnv workspace_env("MERIT_TEST_HOSTILE_LOAD_WORKSPACE", ws().string());
    merit("plugins list", kInProcess);
    EXPECT_TRUE(std::filesystem::exists(mark));
    EXPECT_NE(dump(), dump_before_);
}

// Every run records, per isolated plugin, which layers of its sandbox held.
TEST_F(Hostile, TheRunRecordsWhichLayersHeld) {
    const Result r = attack("prints", kIsolated);
    ASSERT_EQ(r.status, 0) << r.err;
    const auto held = layers();
    const std::string text = test::sql_value(ws(), "SELECT plugins_json FROM runs ORDER BY id DESC LIMIT 1");
    EXPECT_THAT(text, HasSubstr(R"("isolation":"process","sandbox":{)")) << text;
    EXPECT_THAT(text,
                HasSubstr(std::string(R"("seccomp":)") + (held.at("seccomp").as_bool() ? "true" : "false")));
}

// By default a missing layer refuses isolated plugins: never silently
// weaker. With "continue" the run says once which layers are missing.
TEST_F(Hostile, AMissingLayerRefusesIsolatedPluginsByDefaultOrIsNamedInOneWarning) {
    const auto held = layers();
    const bool all = held.at("mount").as_bool() && held.at("pid").as_bool() && held.at("network").as_bool() &&
                     held.at("seccomp").as_bool();
    const Result refusing = attack("prints", kIsolatedRefusing);
    const Result continuing = attack("prints", kIsolated);
    EXPECT_EQ(continuing.status, 0) << continuing.err;
    if (all) {
        EXPECT_EQ(refusing.status, 0) << refusing.err;
        EXPECT_EQ(continuing.sandbox_warning, "");
        return;
    }
    EXPECT_EQ(refusing.status, 1);
    EXPECT_THAT(refusing.err,
                HasSubstr("plugin 'test_hostile' (merit_test_hostile.so): not loaded: its sandbox "
                          "would lack the "));
    EXPECT_THAT(continuing.sandbox_warning,
                HasSubstr("of their sandbox (sandbox.missing_layer is \"continue\""));
    EXPECT_EQ(std::count(continuing.sandbox_warning.begin(), continuing.sandbox_warning.end(), '\n'), 1);
}

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

// API 1.1: a buffer shorter than the scope is refused by its count, in the
// host's own process (where the host would otherwise write past it) and
// isolated alike, with one line naming the service and both counts.
TEST_F(Hostile, ABufferShorterThanTheScopeIsRefusedInProcess) {
    expect_refused(
        attack("short_buffer", kInProcess),
        "inputs[0] (violations): test_hostile.short_buffer: compute: fact_aggregate: the buffer holds "
        "14 rows, the scope has 15");
    expect_unharmed();
}

TEST_F(Hostile, ABufferShorterThanTheScopeIsRefusedIsolated) {
    expect_refused(
        attack("short_buffer", kIsolated),
        "test_hostile.short_buffer: compute: fact_aggregate: the buffer holds 14 rows, the scope has 15");
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
