// Loading: every way a plugin file can be wrong gives one line naming the
// plugin and the reason, the plugin stays unloaded, and the same registry
// goes on loading and calling good plugins.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "plugin/component_instance.hpp"
#include "plugin/registry.hpp"
#include "plugin_fixtures.hpp"

namespace merit {
namespace {

using test::config_trusting;
using test::read_file;
using test::TempDir;
using test::test_plugin;
using test::write_file;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::filesystem::path kGood = test_plugin("good", "test_good");

// The plugin is refused with exactly one line that names it and the reason.
void expect_refused(const PluginRecord& record, const std::string& who, const std::string& reason) {
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(record.library, nullptr);
    EXPECT_THAT(record.error, StartsWith(who));
    EXPECT_THAT(record.error, HasSubstr(reason));
    EXPECT_EQ(record.error.find('\n'), std::string::npos) << record.error;
}

// After a refusal the registry still loads the good plugin and its
// components compute: test_good.constant with value 7 gives 7 for each row.
void expect_registry_still_works(PluginRegistry& registry) {
    const auto good = registry.add(kGood);
    ASSERT_TRUE(good->loaded) << good->error;
    const Component* constant = registry.find("test_good.constant");
    ASSERT_NE(constant, nullptr);
    ComponentInstance instance(*constant, boost::json::parse(R"({"value": 7})"));
    test::TestScope scope({"m1", "m2"});
    double out[2] = {0, 0};
    unsigned char valid[2] = {0, 0};
    instance.compute(scope.get(), out, valid, {});
    EXPECT_EQ(out[0], 7.0);
    EXPECT_EQ(out[1], 7.0);
    EXPECT_EQ(valid[0] + valid[1], 2);
}

// A registry that trusts `plugin` and the good plugin, having tried `plugin`.
struct Attempt {
    TempDir dir;
    PluginRegistry registry;
    std::shared_ptr<PluginRecord> record;
    explicit Attempt(const std::filesystem::path& plugin)
        : registry(PluginRegistry::discover(config_trusting(dir, {plugin, kGood}))),
          record(registry.add(plugin)) {}
};

TEST(PluginLoading, TheGoodPluginLoadsTrustedWithEveryComponent) {
    TempDir dir;
    PluginRegistry registry = PluginRegistry::discover(config_trusting(dir, {kGood}, {kGood.parent_path()}));
    ASSERT_EQ(registry.plugins().size(), 1u);
    const auto& record = *registry.plugins()[0];
    EXPECT_TRUE(record.loaded) << record.error;
    EXPECT_EQ(record.trust, TrustState::trusted);
    EXPECT_EQ(record.manifest->version, "1.2.3");
    std::vector<std::string> ids;
    for (const Component* c : registry.components()) ids.push_back(c->qualified_id);
    EXPECT_EQ(ids,
              (std::vector<std::string>{"test_good.constant", "test_good.constant_copy", "test_good.fact_sum",
                                        "test_good.ratio", "test_good.scaled_pay"}));
    EXPECT_EQ(registry.find("test_good.ratio")->kind, ComponentKind::scorer);
    EXPECT_EQ(registry.find("test_good.scaled_pay")->kind, ComponentKind::reward);
    EXPECT_EQ(registry.find("test_good.missing"), nullptr);
}

TEST(PluginLoading, OneClassMayServeUnderTwoIds) {
    // constant and constant_copy are the same C++ class: each id must get its
    // own table, both described by the manifest.
    Attempt a(kGood);
    ASSERT_TRUE(a.record->loaded) << a.record->error;
    const Component* first = a.registry.find("test_good.constant");
    const Component* second = a.registry.find("test_good.constant_copy");
    ASSERT_NE(first, nullptr);
    ASSERT_NE(second, nullptr);
    EXPECT_STREQ(first->provider->id, "constant");
    EXPECT_STREQ(second->provider->id, "constant_copy");
}

TEST(PluginLoading, WrongApiMajorIsRefusedNamingBothVersions) {
    Attempt a(test_plugin("api_major", "test_api_major"));
    expect_refused(*a.record, "plugin 'test_api_major' (merit_test_api_major.so): not loaded: ",
                   "it needs plugin API 2.0, this host provides 1.1 (major versions differ");
    expect_registry_still_works(a.registry);
}

TEST(PluginLoading, NewerMinorThanTheHostIsRefused) {
    Attempt a(test_plugin("api_minor", "test_api_minor"));
    expect_refused(*a.record, "plugin 'test_api_minor' (merit_test_api_minor.so): not loaded: ",
                   "it needs plugin API 1.9, this host provides 1.1 (a newer minor than this host");
    expect_registry_still_works(a.registry);
}

TEST(PluginLoading, MissingEntrySymbolIsRefused) {
    Attempt a(test_plugin("no_entry", "test_no_entry"));
    expect_refused(*a.record, "plugin 'test_no_entry' (merit_test_no_entry.so): not loaded: ",
                   "missing entry symbol merit_plugin_entry");
    expect_registry_still_works(a.registry);
}

TEST(PluginLoading, ATruncatedPluginIsRefusedEvenWhenItsHashIsTrusted) {
    TempDir files;
    const std::string good = read_file(kGood);
    const auto half = files / "merit_test_good.so";
    write_file(half, good.substr(0, good.size() / 2));
    Attempt a(half);
    expect_refused(*a.record, half.string(), "not a loadable plugin: truncated (section headers missing)");
    EXPECT_FALSE(a.record->manifest.has_value());
    expect_registry_still_works(a.registry);
}

TEST(PluginLoading, ACorruptFileIsRefused) {
    TempDir files;
    std::mt19937 random(7);  // fixed seed
    std::string noise(8192, '\0');
    for (auto& c : noise) c = static_cast<char>(random() & 0xff);
    const auto corrupt = files / "merit_noise.so";
    write_file(corrupt, noise);
    Attempt a(corrupt);
    expect_refused(*a.record, corrupt.string(), "not a loadable plugin: not an ELF file");
    expect_registry_still_works(a.registry);
}

TEST(PluginLoading, ACorruptedCopyOfATrustedPluginNoLongerMatchesItsHash) {
    // One byte of the embedded manifest changes in transit: the file is still
    // a well-formed plugin, but no longer the one the operator trusted.
    TempDir dir;
    std::string bytes = read_file(kGood);
    const size_t at = bytes.find("A well-behaved plugin");
    ASSERT_NE(at, std::string::npos);
    bytes[at] = 'B';
    const auto changed = dir / "changed/merit_test_good.so";
    write_file(changed, bytes);
    PluginRegistry registry = PluginRegistry::discover(config_trusting(dir, {kGood}));
    const auto record = registry.add(changed);
    expect_refused(*record, "plugin 'test_good' (merit_test_good.so): not loaded: ",
                   "SHA-256 " + record->sha256 + " is not on the allow-list");
    expect_registry_still_works(registry);
}

TEST(PluginLoading, AManifestThatIsNotJsonIsRefused) {
    TempDir dir;
    std::string bytes = read_file(kGood);
    const size_t at = bytes.find("{\n  \"id\": \"test_good\"");
    ASSERT_NE(at, std::string::npos);
    bytes[at] = '#';
    const auto broken = dir / "merit_broken.so";
    write_file(broken, bytes);
    Attempt a(broken);
    expect_refused(*a.record, broken.string(), "manifest is not valid JSON");
    expect_registry_still_works(a.registry);
}

TEST(PluginLoading, APluginNotOnTheAllowListIsNotLoaded) {
    TempDir dir;
    PluginRegistry registry = PluginRegistry::discover(config_trusting(dir, {}));
    const auto record = registry.add(kGood);
    expect_refused(*record, "plugin 'test_good' (merit_test_good.so): not loaded: ",
                   "SHA-256 " + record->sha256 + " is not on the allow-list");
    EXPECT_EQ(record->trust, TrustState::untrusted_refused);
    // The manifest was still read (for `plugins list`), without running code.
    ASSERT_TRUE(record->manifest.has_value());
    EXPECT_EQ(record->manifest->id, "test_good");
    EXPECT_EQ(registry.find("test_good.constant"), nullptr);
}

TEST(PluginLoading, UntrustedLoadingNeedsTheStartUpSwitch) {
    TempDir dir;
    HostConfig config = config_trusting(dir, {});
    config.allow_untrusted = true;
    PluginRegistry registry = PluginRegistry::discover(config);
    const auto record = registry.add(kGood);
    EXPECT_TRUE(record->loaded) << record->error;
    EXPECT_EQ(record->trust, TrustState::untrusted_allowed);
    EXPECT_NE(registry.find("test_good.fact_sum"), nullptr);
}

TEST(PluginLoading, ADuplicateComponentIdIsRefused) {
    Attempt a(test_plugin("duplicate_component", "test_duplicate_component"));
    expect_refused(*a.record,
                   "plugin 'test_duplicate_component' (merit_test_duplicate_component.so): not loaded: ",
                   "duplicate component id 'test_duplicate_component.twice'");
    EXPECT_EQ(a.registry.find("test_duplicate_component.twice"), nullptr);
    expect_registry_still_works(a.registry);
}

TEST(PluginLoading, CodeAndManifestMustAgree) {
    {
        Attempt a(test_plugin("undescribed", "test_undescribed"));
        expect_refused(*a.record, "plugin 'test_undescribed'",
                       "not loaded: indicator 'undescribed' is not described in the manifest");
        expect_registry_still_works(a.registry);
    }
    {
        Attempt a(test_plugin("code_lacks", "test_code_lacks"));
        expect_refused(*a.record, "plugin 'test_code_lacks'",
                       "not loaded: the manifest describes indicator 'extra' but the code lacks it");
        EXPECT_EQ(a.registry.find("test_code_lacks.constant"), nullptr);  // nothing half-registered
        expect_registry_still_works(a.registry);
    }
    {
        Attempt a(test_plugin("wrong_id", "test_wrong_id"));
        expect_refused(*a.record, "plugin 'test_wrong_id'",
                       "not loaded: the code says id 'test_other_id' but the manifest says 'test_wrong_id'");
        expect_registry_still_works(a.registry);
    }
    {
        Attempt a(test_plugin("wrong_version", "test_wrong_version"));
        expect_refused(*a.record, "plugin 'test_wrong_version'",
                       "not loaded: the code says version '2.0.0' but the manifest says '1.0.0'");
        expect_registry_still_works(a.registry);
    }
}

// One plugin id, one file. A copy under another name (a backup) has the
// same checksum, so it is trusted too: of two trusted files neither loads and
// each names both; every other plugin in the directory keeps working.
TEST(PluginLoading, TwoTrustedFilesClaimingOneIdLoadNeitherAndNameBoth) {
    TempDir dir;
    const auto faulty = test_plugin("faulty", "test_faulty");
    write_file(dir / "plugins/merit_test_good.so", read_file(kGood));
    write_file(dir / "plugins/merit_test_good_backup.so", read_file(kGood));
    write_file(dir / "plugins/merit_test_faulty.so", read_file(faulty));
    PluginRegistry registry =
        PluginRegistry::discover(config_trusting(dir, {kGood, faulty}, {dir / "plugins"}));
    ASSERT_EQ(registry.plugins().size(), 3u);
    const std::string both = (dir / "plugins/merit_test_good.so").string() + ", " +
                             (dir / "plugins/merit_test_good_backup.so").string();
    for (const auto& record : registry.plugins()) {
        if (record->manifest->id != "test_good") continue;
        expect_refused(*record, "plugin 'test_good' (" + record->path.filename().string() + "): not loaded: ",
                       "plugin id 'test_good' is claimed by 2 trusted files (" + both +
                           "); none of them loads until one is removed or taken off the allow-list");
    }
    EXPECT_EQ(registry.find("test_good.constant"), nullptr);
    EXPECT_NE(registry.find("test_faulty.works"), nullptr);  // the rest keep working
}

// A trusted file and an untrusted one (loadable only because of
// --allow-untrusted) claiming one id: the trusted one wins, whichever comes
// first in the directory.
TEST(PluginLoading, OfTwoFilesClaimingOneIdTheTrustedOneWins) {
    TempDir dir;
    // Trailing bytes change the checksum, not the code: an untrusted impostor
    // named to sort first.
    write_file(dir / "plugins/merit_a_impostor.so", read_file(kGood) + std::string("\0impostor", 9));
    write_file(dir / "plugins/merit_test_good.so", read_file(kGood));
    HostConfig config = config_trusting(dir, {kGood}, {dir / "plugins"});
    config.allow_untrusted = true;
    PluginRegistry registry = PluginRegistry::discover(config);
    ASSERT_EQ(registry.plugins().size(), 2u);
    const auto& impostor = *registry.plugins()[0];
    const auto& trusted = *registry.plugins()[1];
    EXPECT_EQ(impostor.trust, TrustState::untrusted_allowed);
    expect_refused(
        impostor, "plugin 'test_good' (merit_a_impostor.so): not loaded: ",
        "plugin id 'test_good' belongs to the trusted file " + (dir / "plugins/merit_test_good.so").string());
    EXPECT_TRUE(trusted.loaded) << trusted.error;
    EXPECT_EQ(registry.find("test_good.constant")->plugin.get(), &trusted);
}

// Without --allow-untrusted the impostor is refused for its checksum and
// the trusted file loads as if it were not there.
TEST(PluginLoading, AnUntrustedFileClaimingALoadedIdTakesNothingAway) {
    TempDir dir;
    write_file(dir / "plugins/merit_a_impostor.so", read_file(kGood) + std::string("\0impostor", 9));
    write_file(dir / "plugins/merit_test_good.so", read_file(kGood));
    PluginRegistry registry = PluginRegistry::discover(config_trusting(dir, {kGood}, {dir / "plugins"}));
    ASSERT_EQ(registry.plugins().size(), 2u);
    EXPECT_THAT(registry.plugins()[0]->error, HasSubstr("is not on the allow-list"));
    EXPECT_TRUE(registry.plugins()[1]->loaded) << registry.plugins()[1]->error;
    EXPECT_NE(registry.find("test_good.constant"), nullptr);
}

// add() after discovery: a second file claiming a loaded id is refused and
// the first stays.
TEST(PluginLoading, AddingAFileWithALoadedIdIsRefused) {
    TempDir dir;
    write_file(dir / "a/merit_test_good.so", read_file(kGood));
    write_file(dir / "b/merit_test_good.so", read_file(kGood));
    PluginRegistry registry = PluginRegistry::discover(config_trusting(dir, {kGood}, {dir / "a"}));
    const auto second = registry.add(dir / "b/merit_test_good.so");
    expect_refused(*second, "plugin 'test_good' (merit_test_good.so): not loaded: ",
                   "plugin id 'test_good' is already loaded from " + (dir / "a/merit_test_good.so").string());
    EXPECT_TRUE(registry.plugins()[0]->loaded);
    EXPECT_NE(registry.find("test_good.constant"), nullptr);
}

TEST(PluginLoading, OneDirectoryOfGoodAndBadPlugins) {
    // Everything trusted, in one plugin directory: exactly the three sound
    // plugins load, every other one carries its own reason.
    TempDir dir;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"good", "test_good"},
        {"faulty", "test_faulty"},
        {"silent", "test_silent"},
        {"api_major", "test_api_major"},
        {"api_minor", "test_api_minor"},
        {"no_entry", "test_no_entry"},
        {"undescribed", "test_undescribed"},
        {"duplicate_component", "test_duplicate_component"}};
    std::vector<std::filesystem::path> trusted;
    for (const auto& [test_case, id] : cases) {
        trusted.push_back(test_plugin(test_case, id));
        write_file(dir / "plugins" / trusted.back().filename(), read_file(trusted.back()));
    }
    write_file(dir / "plugins/merit_text.so", "not a plugin at all\n");
    PluginRegistry registry = PluginRegistry::discover(config_trusting(dir, trusted, {dir / "plugins"}));
    ASSERT_EQ(registry.plugins().size(), cases.size() + 1);
    std::vector<std::string> loaded;
    for (const auto& record : registry.plugins()) {
        if (record->loaded)
            loaded.push_back(record->manifest->id);
        else
            EXPECT_FALSE(record->error.empty()) << record->path;
    }
    EXPECT_EQ(loaded, (std::vector<std::string>{"test_faulty", "test_good", "test_silent"}));
    EXPECT_NE(registry.find("test_faulty.works"), nullptr);
    EXPECT_NE(registry.find("test_silent.quiet"), nullptr);
}

TEST(PluginLoading, ComponentsKeepTheirLibraryLoadedAfterTheRegistryIsGone) {
    Component kept;  // a copy: the registry's own entry goes with the registry
    std::unique_ptr<ComponentInstance> instance;
    {
        Attempt a(kGood);
        ASSERT_TRUE(a.record->loaded) << a.record->error;
        const Component* constant = a.registry.find("test_good.constant");
        ASSERT_NE(constant, nullptr);
        kept = *constant;
        instance = std::make_unique<ComponentInstance>(kept, boost::json::parse(R"({"value": 2.5})"));
    }
    // Registry and records are gone; the instance's plugin handle still maps the code.
    test::TestScope scope({"m1"});
    double out = 0;
    unsigned char valid = 0;
    instance->compute(scope.get(), &out, &valid, {});
    EXPECT_EQ(out, 2.5);
    instance.reset();
}

TEST(PluginLoading, ReloadingInOneProcessGetsFreshCode) {
    // Each load goes through its own memory file; loading good, then faulty,
    // then good again (the first registry gone) must give each its own code.
    for (int round = 0; round < 3; ++round) {
        TempDir dir;
        const auto faulty = test_plugin("faulty", "test_faulty");
        PluginRegistry registry = PluginRegistry::discover(config_trusting(dir, {kGood, faulty}));
        const auto first = registry.add(round % 2 ? faulty : kGood);
        const auto second = registry.add(round % 2 ? kGood : faulty);
        EXPECT_TRUE(first->loaded) << first->error;
        EXPECT_TRUE(second->loaded) << second->error;
        EXPECT_NE(registry.find("test_good.constant"), nullptr);
        EXPECT_NE(registry.find("test_faulty.works"), nullptr);
    }
}

}  // namespace
}  // namespace merit
