// Files others can write are refused: an allow-list, a plugin folder or a
// merit.json whose mode lets another user change it (or a directory above it
// within the config's directory) would vouch for whatever they write next.
// Real files, real modes: the test sets the process umask itself, since the
// modes of new files depend on it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "common/errors.hpp"
#include "plugin/allow_list.hpp"
#include "plugin/host_config.hpp"
#include "plugin/registry.hpp"
#include "plugin/writable_check.hpp"
#include "plugin_fixtures.hpp"

namespace merit {
namespace {

namespace fs = std::filesystem;
using test::allow_line;
using test::TempDir;
using test::test_plugin;
using test::write_file;

const fs::path kGood = test_plugin("good", "test_good");

// Each test starts from a known umask and leaves the process's as it was.
class TrustWritable : public ::testing::Test {
protected:
    void SetUp() override { saved_ = ::umask(022); }
    void TearDown() override { ::umask(saved_); }
    mode_t saved_ = 022;
};

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const UserError& e) {
        return e.what();
    }
    return "no error";
}

TEST_F(TrustWritable, TheUmaskDecidesWhetherANewFileIsRefused) {
    TempDir dir;
    write_file(dir / "strict.sha256", "");  // 0666 & ~022 = 0644
    EXPECT_EQ(writable_by_others(dir / "strict.sha256", dir.path()), "");
    ::umask(0);
    write_file(dir / "loose.sha256", "");  // 0666 & ~0 = 0666
    EXPECT_EQ(writable_by_others(dir / "loose.sha256", dir.path()),
              (dir / "loose.sha256").string() + ": writable by others (mode 0666)");
    ::umask(002);
    write_file(dir / "group.sha256", "");  // 0664: the group may write it
    EXPECT_EQ(writable_by_others(dir / "group.sha256", dir.path()),
              (dir / "group.sha256").string() + ": writable by others (mode 0664)");
}

TEST_F(TrustWritable, ADirectoryAboveWithinTheConfigTreeCounts) {
    TempDir dir;
    const auto list = dir / "conf/trusted.d/vendor.sha256";
    write_file(list, "");
    fs::permissions(dir / "conf/trusted.d", static_cast<fs::perms>(0777));
    EXPECT_EQ(writable_by_others(list, dir / "conf"),
              (dir / "conf/trusted.d").string() + ": writable by others (mode 0777)");
    fs::permissions(dir / "conf/trusted.d", static_cast<fs::perms>(0755));
    // A sticky, world-writable directory *above* the config's tree (like
    // /tmp) is the system's business, not the config's.
    fs::permissions(dir.path(), static_cast<fs::perms>(01777));
    EXPECT_EQ(writable_by_others(list, dir / "conf"), "");
    fs::permissions(dir / "conf", static_cast<fs::perms>(0775));
    EXPECT_EQ(writable_by_others(list, dir / "conf"),
              (dir / "conf").string() + ": writable by others (mode 0775)");
    fs::permissions(dir / "conf", static_cast<fs::perms>(0755));
    fs::permissions(dir.path(), static_cast<fs::perms>(0700));
}

TEST_F(TrustWritable, AWorldWritableAllowListIsAnErrorNamingItAndItsMode) {
    TempDir dir;
    const auto list = dir / "trusted.d/vendor.sha256";
    write_file(list, allow_line(kGood));
    fs::permissions(list, static_cast<fs::perms>(0666));
    EXPECT_EQ(error_of([&] { AllowList::load({dir / "trusted.d"}, dir.path()); }),
              list.string() + ": writable by others (mode 0666); refusing to trust what it lists");
    fs::permissions(list, static_cast<fs::perms>(0644));
    const AllowList ok = AllowList::load({dir / "trusted.d"}, dir.path());
    EXPECT_EQ(ok.trusted_by(sha256_hex(test::read_file(kGood))), list.string() + ":1");
}

TEST_F(TrustWritable, AMeritJsonOthersCanWriteIsNotRead) {
    TempDir dir;
    const auto config = dir / "merit.json";
    write_file(config, "{}");
    EXPECT_NO_THROW(HostConfig::load(config));
    fs::permissions(config, static_cast<fs::perms>(0646));
    EXPECT_EQ(error_of([&] { HostConfig::load(config); }),
              config.string() + ": writable by others (mode 0646); refusing to read it as host config");
    fs::permissions(config, static_cast<fs::perms>(0644));
    fs::permissions(dir.path(), static_cast<fs::perms>(0770));
    EXPECT_EQ(error_of([&] { HostConfig::load(config); }),
              dir.path().string() + ": writable by others (mode 0770); refusing to read it as host config");
    fs::permissions(dir.path(), static_cast<fs::perms>(0700));
}

// dir/merit.json scanning dir/plugins (a copy of the good plugin), trusted by
// dir/trusted.d/test.sha256.
HostConfig trusting_config(const TempDir& dir, bool allow_untrusted) {
    fs::create_directories(dir / "plugins");
    fs::copy_file(kGood, dir / "plugins" / kGood.filename());
    write_file(dir / "trusted.d/test.sha256", "# test\n" + allow_line(kGood));
    write_file(dir / "merit.json",
               std::string(R"({"plugin_dirs": ["plugins"], "allow_lists": ["trusted.d"], )") +
                   R"("allow_untrusted": )" + (allow_untrusted ? "true" : "false") + "}");
    return HostConfig::load(dir / "merit.json");
}

TEST_F(TrustWritable, APluginLoadsAndSaysWhichLineTrustedIt) {
    TempDir dir;
    const PluginRegistry registry = PluginRegistry::discover(trusting_config(dir, false));
    ASSERT_EQ(registry.plugins().size(), 1u);
    const auto& record = *registry.plugins().front();
    EXPECT_TRUE(record.loaded) << record.error;
    EXPECT_EQ(record.trusted_by, (dir / "trusted.d/test.sha256").string() + ":2");
}

TEST_F(TrustWritable, APluginFolderOthersCanWriteLoadsNothing) {
    TempDir dir;
    const HostConfig config = trusting_config(dir, false);
    fs::permissions(dir / "plugins", static_cast<fs::perms>(0777));
    const PluginRegistry registry = PluginRegistry::discover(config);
    ASSERT_EQ(registry.plugins().size(), 1u);
    const auto& record = *registry.plugins().front();
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(record.error,
              "plugin 'test_good' (merit_test_good.so): not loaded: " + (dir / "plugins").string() +
                  ": writable by others (mode 0777); refusing to load plugins from it");
}

TEST_F(TrustWritable, ARefusedAllowListNeverMakesMorePluginsLoad) {
    TempDir dir;
    // allow_untrusted would load the plugin anyway; a list others can write
    // still stops it: nothing is decided on a list that cannot be trusted.
    const HostConfig config = trusting_config(dir, true);
    ::umask(0);
    write_file(dir / "trusted.d/extra.sha256", "");
    const PluginRegistry registry = PluginRegistry::discover(config);
    ASSERT_EQ(registry.plugins().size(), 1u);
    const auto& record = *registry.plugins().front();
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(record.error, "plugin 'test_good' (merit_test_good.so): not loaded: " +
                                (dir / "trusted.d/extra.sha256").string() +
                                ": writable by others (mode 0666); refusing to trust what it lists");
}

}  // namespace
}  // namespace merit
