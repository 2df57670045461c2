// The pieces of the isolated plugins' sandbox that need no plugin: a
// description from a child read as hostile input, the layers' wording, the
// merit.json setting, and the probe against what the kernel grants.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "common/errors.hpp"
#include "plugin/host_config.hpp"
#include "plugin/plugin_code.hpp"
#include "plugin/sandbox_probe.hpp"
#include "plugin_fixtures.hpp"

namespace merit {
namespace {

using ::testing::HasSubstr;

WireWriter description(const std::string& id, uint64_t count, const std::string& component = "c") {
    WireWriter out;
    out.text(id).text("1.0.0").u64(MERIT_API_MAJOR).u64(MERIT_API_MINOR).u64(count);
    for (uint64_t i = 0; i < count && i < 3; ++i) out.u8(0).text(component);
    return out;
}

std::string refusal(const WireWriter& out) {
    WireReader in(out.bytes());
    try {
        read_plugin_description(in);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

TEST(IsolatedDescription, AWellFormedOneIsRead) {
    const WireWriter out = description("acme", 2);
    WireReader in(out.bytes());
    const PluginCode code = read_plugin_description(in);
    EXPECT_EQ(code.id, "acme");
    ASSERT_EQ(code.components.size(), 2u);
    EXPECT_EQ(code.components[0].provider, nullptr);
}

TEST(IsolatedDescription, HostileOnesAreRefused) {
    EXPECT_THAT(refusal(description("acme", 1000000000)), HasSubstr("1000000000 components"));
    EXPECT_THAT(refusal(description("acme", 5)),
                HasSubstr("malformed message"));  // counts more than it holds
    EXPECT_THAT(refusal(description(std::string(300, 'a'), 1)), HasSubstr("the plugin id longer than"));
    EXPECT_THAT(refusal(description("acme\nmerit: error: forged", 1)), HasSubstr("control character"));
    EXPECT_THAT(refusal(description("acme", 1, "")), HasSubstr("without an id"));
    WireWriter kind;
    kind.text("acme").text("1").u64(1).u64(0).u64(1).u8(7).text("c");
    EXPECT_THAT(refusal(kind), HasSubstr("component kind 7"));
}

TEST(IsolatedDescription, TextFromAChildFitsOneLine) {
    EXPECT_EQ(one_line("a\nb\tc"), "a?b?c");
    EXPECT_EQ(one_line(std::string(600, 'x')).size(), 515u);
}

TEST(SandboxLayers, SaysWhatHoldsAndWhatIsMissing) {
    SandboxLayers all{true, true, true, true, true, ""};
    EXPECT_TRUE(all.missing().empty());
    EXPECT_EQ(all.held_text(), "mount, pid and network namespaces (in a user namespace) and seccomp");
    SandboxLayers some{false, false, true, false, true, "mount namespace: unshare: Operation not permitted"};
    EXPECT_EQ(some.missing_text(),
              "mount namespace, network namespace (mount namespace: unshare: Operation not permitted)");
    EXPECT_EQ(SandboxLayers::decode(some.encode()).encode(), some.encode());
    EXPECT_EQ(SandboxLayers::decode("").missing().size(), 4u);
}

// The probe says what the kernel grants; each layer it reports missing has
// a reason, and every layer it reports held is a real one (this machine's
// own answer is printed for the record).
TEST(SandboxLayers, TheProbeGivesAReasonForEachMissingLayer) {
    const SandboxLayers& layers = sandbox_layers();
    std::cout << "sandbox here: " << layers.held_text()
              << (layers.missing().empty() ? "" : "; missing: " + layers.missing_text()) << "\n";
    if (!layers.missing().empty()) {
        EXPECT_FALSE(layers.why.empty());
    }
}

TEST(SandboxConfig, MissingLayerIsRefuseUnlessSaidOtherwise) {
    test::TempDir dir;
    const auto file = dir.path() / "merit.json";
    test::write_file(file, "{}");
    EXPECT_EQ(HostConfig::load(file).sandbox_missing_layer, "refuse");
    test::write_file(file, R"({"sandbox": {"missing_layer": "continue"}})");
    EXPECT_EQ(HostConfig::load(file).sandbox_missing_layer, "continue");
    test::write_file(file, R"({"sandbox": {"missing_layer": "maybe"}})");
    EXPECT_THROW(HostConfig::load(file), UserError);
    test::write_file(file, R"({"sandbox": {"layers": 3}})");
    EXPECT_THROW(HostConfig::load(file), UserError);
}

}  // namespace
}  // namespace merit
