// The staged `merit` executable: exit statuses per contract.md (0 success,
// 2 usage error, 1 any other failure), one-line errors, quiet on success,
// --log-level/--log-file, and `plugins list/inspect --json`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <boost/json/parse.hpp>
#include <cstdlib>

#include "plugin_fixtures.hpp"

namespace merit {
namespace {

using test::TempDir;
using ::testing::HasSubstr;
using ::testing::StartsWith;

using Result = test::CliResult;

Result run(const TempDir& dir, const std::string& args) {
    return test::run_staged_merit(dir.path(), args);
}

// A host config that scans only test-plugins/good and trusts test_good.
std::filesystem::path good_only_config(const TempDir& dir) {
    const auto good = test::test_plugin("good", "test_good");
    test::write_file(dir / "trusted.d/test.sha256", test::allow_line(good));
    const auto config = dir / "merit.json";
    test::write_file(config,
                     R"({"plugin_dirs": [")" + good.parent_path().string() +
                         R"("], "allow_lists": ["trusted.d"], "allow_untrusted": false, "plugins": {}})");
    return config;
}

TEST(Cli, SuccessIsExitZeroAndQuiet) {
    TempDir dir;
    const Result r = run(dir, "--config " + good_only_config(dir).string() + " plugins list --json");
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const auto list = boost::json::parse(r.out).as_array();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].at("id").as_string(), "test_good");
    EXPECT_EQ(list[0].at("version").as_string(), "1.2.3");
    EXPECT_EQ(list[0].at("trust").as_string(), "trusted");
    EXPECT_TRUE(list[0].at("loaded").as_bool());
    EXPECT_EQ(list[0].at("components").as_array().size(), 5u);
}

TEST(Cli, UsageErrorsExitTwo) {
    TempDir dir;
    EXPECT_EQ(run(dir, "").status, 2);
    EXPECT_EQ(run(dir, "plugins").status, 2);
    EXPECT_EQ(run(dir, "--no-such-option plugins list").status, 2);
    EXPECT_EQ(run(dir, "--log-level loud plugins list").status, 2);
    EXPECT_EQ(run(dir, "plugins inspect").status, 2);  // PATH is required
    EXPECT_EQ(run(dir, "no-such-command").status, 2);
}

TEST(Cli, HelpAndVersionExitZero) {
    TempDir dir;
    EXPECT_EQ(run(dir, "--help").status, 0);
    EXPECT_EQ(run(dir, "plugins inspect --help").status, 0);
    const Result version = run(dir, "--version");
    EXPECT_EQ(version.status, 0);
    EXPECT_THAT(version.out, HasSubstr(MERIT_VERSION));
}

TEST(Cli, FailuresExitOneWithOneLine) {
    TempDir dir;
    const Result missing = run(dir, "plugins inspect " + (dir / "missing.so").string());
    EXPECT_EQ(missing.status, 1);
    EXPECT_EQ(missing.err, "merit: error: " + (dir / "missing.so").string() + ": cannot read\n");

    test::write_file(dir / "notes.so", "just some text, long enough to look like a file of some kind....\n");
    const Result text = run(dir, "plugins inspect " + (dir / "notes.so").string());
    EXPECT_EQ(text.status, 1);
    EXPECT_EQ(text.err,
              "merit: error: " + (dir / "notes.so").string() + ": not a loadable plugin: not an ELF file\n");

    test::write_file(dir / "bad.json", R"({"plugin_dirs": [], "colour": "red"})");
    const Result config = run(dir, "--config " + (dir / "bad.json").string() + " plugins list");
    EXPECT_EQ(config.status, 1);
    EXPECT_EQ(config.err, "merit: error: " + (dir / "bad.json").string() + ": colour: unknown key\n");
}

TEST(Cli, LogLevelAndLogFile) {
    TempDir dir;
    const auto log = dir / "merit.log";
    const Result r = run(dir, "--log-level debug --log-file " + log.string() + " --config " +
                                  good_only_config(dir).string() + " plugins list");
    EXPECT_EQ(r.status, 0) << r.err;
    const std::string logged = test::read_file(log);
    EXPECT_THAT(logged, HasSubstr("[debug] loaded plugin 'test_good' 1.2.3 from "));
    EXPECT_THAT(r.err, HasSubstr("loaded plugin 'test_good'"));  // and on stderr
}

TEST(Cli, InspectShowsChecksumAndTheAllowListLineWithoutLoading) {
    TempDir dir;
    // The faulty plugin's code is never run by inspect, and it is not trusted.
    const auto faulty = test::test_plugin("faulty", "test_faulty");
    const std::string sha = sha256_hex(test::read_file(faulty));
    const Result r =
        run(dir, "--config " + good_only_config(dir).string() + " plugins inspect " + faulty.string());
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_THAT(r.out, StartsWith("test_faulty 1.0.0  vendor: -  API 1.0\n"));
    EXPECT_THAT(r.out, HasSubstr("  sha256: " + sha + "\n  trust: untrusted\n"));
    EXPECT_THAT(r.out, HasSubstr("\n    " + sha + "  merit_test_faulty.so\n"));
    const Result json = run(dir, "--config " + good_only_config(dir).string() + " plugins inspect --json " +
                                     test::test_plugin("good", "test_good").string());
    EXPECT_EQ(json.status, 0) << json.err;
    const auto o = boost::json::parse(json.out).as_object();
    EXPECT_EQ(o.at("trust").as_string(), "trusted");
    EXPECT_EQ(o.at("api").as_string(), "1.0");
    EXPECT_FALSE(o.at("loaded").as_bool());  // inspected, never loaded
    EXPECT_EQ(o.at("error").as_string(), "");
}

// `plugins inspect ID` finds the file in the plugin directories; `plugins
// trust FILE` writes the allow-list line the operator used to copy by hand,
// after the same checks as inspect; `plugins untrust ID` removes it again.
TEST(Cli, TrustAndUntrustEditTheAllowListAndInspectFindsAnId) {
    TempDir dir;
    const auto faulty = test::test_plugin("faulty", "test_faulty");
    const auto config = test::host_config_file(dir.path() / "host", {}, "{}");
    std::filesystem::copy_file(faulty, dir.path() / "host/plugins" / faulty.filename());
    const std::string sha = sha256_hex(test::read_file(faulty));
    const std::string with = "--config " + config.string() + " ";

    const Result by_id = run(dir, with + "plugins inspect test_faulty --json");
    ASSERT_EQ(by_id.status, 0) << by_id.err;
    EXPECT_EQ(boost::json::parse(by_id.out).at("trust").as_string(), "untrusted");
    const Result unknown = run(dir, with + "plugins inspect acme");
    EXPECT_EQ(unknown.status, 1);
    EXPECT_EQ(unknown.err,
              "merit: error: acme: no such file, and no plugin file in the plugin directories claims this id "
              "(see `merit plugins list`)\n");

    const auto plugin = dir.path() / "host/plugins" / faulty.filename();
    std::filesystem::permissions(plugin, std::filesystem::perms::others_write,
                                 std::filesystem::perm_options::add);
    const Result writable = run(dir, with + "plugins trust " + plugin.string());
    EXPECT_EQ(writable.status, 1);
    EXPECT_THAT(writable.err, HasSubstr(": writable by others (mode "));
    std::filesystem::permissions(plugin, std::filesystem::perms::others_write,
                                 std::filesystem::perm_options::remove);
    const Result not_plugin = run(dir, with + "plugins trust " + config.string());
    EXPECT_EQ(not_plugin.status, 1);
    EXPECT_THAT(not_plugin.err, HasSubstr("not a loadable plugin"));

    const Result trusted = run(dir, with + "plugins trust " + plugin.string() + " --json");
    ASSERT_EQ(trusted.status, 0) << trusted.err;
    const auto t = boost::json::parse(trusted.out);
    EXPECT_EQ(t.at("plugin").as_string(), "test_faulty");
    EXPECT_TRUE(t.at("added").as_bool());
    const auto local = dir.path() / "host/trusted.d/local.sha256";
    EXPECT_EQ(t.at("allow_list").as_string(), local.string());
    EXPECT_EQ(test::read_file(local), sha + "  merit_test_faulty.so\n");
    EXPECT_EQ(boost::json::parse(run(dir, with + "plugins inspect test_faulty --json").out).at("trust"),
              "trusted");
    // A second trust writes nothing.
    EXPECT_FALSE(boost::json::parse(run(dir, with + "plugins trust " + plugin.string() + " --json").out)
                     .at("added")
                     .as_bool());
    EXPECT_EQ(test::read_file(local), sha + "  merit_test_faulty.so\n");

    const Result untrusted = run(dir, with + "plugins untrust test_faulty --json");
    ASSERT_EQ(untrusted.status, 0) << untrusted.err;
    EXPECT_EQ(boost::json::parse(untrusted.out).at("removed").at(0).at("lines").as_int64(), 1);
    EXPECT_EQ(test::read_file(local), "");
    const Result again = run(dir, with + "plugins untrust test_faulty");
    EXPECT_EQ(again.status, 1);
    EXPECT_THAT(again.err, HasSubstr("test_faulty: not trusted by any allow-list of "));
}

TEST(Cli, TheStagedBuildListsTheTemplateTrustedAndLoaded) {
    TempDir dir;
    const Result r = run(dir, "plugins list --json");
    EXPECT_EQ(r.status, 0) << r.err;
    bool found = false;
    const boost::json::value list = boost::json::parse(r.out);
    for (const auto& p : list.as_array()) {
        if (!p.as_object().contains("id") || p.at("id").as_string() != "template") continue;
        found = true;
        EXPECT_EQ(p.at("trust").as_string(), "trusted");
        EXPECT_TRUE(p.at("loaded").as_bool());
    }
    EXPECT_TRUE(found) << r.out;
}

}  // namespace
}  // namespace merit
