// The SDK template, as built into the stage: trusted by the build's own pins,
// loaded through the shipped config, and called with hand-computed data.
#include <gtest/gtest.h>

#include "plugin/component_instance.hpp"
#include "plugin_fixtures.hpp"

namespace merit {
namespace {

class TemplatePlugin : public ::testing::Test {
protected:
    TemplatePlugin()
        : registry_(PluginRegistry::discover(
              HostConfig::load(std::filesystem::path(MERIT_STAGE_DIR) / "share/merit/config/merit.json"))) {}
    const Component& component(const std::string& id) {
        const Component* c = registry_.find(id);
        if (!c) throw std::runtime_error("no component " + id);
        return *c;
    }
    PluginRegistry registry_;
};

TEST_F(TemplatePlugin, IsDiscoveredTrustedAndLoadedFromTheStagedLayout) {
    const PluginRecord* record = nullptr;
    for (const auto& r : registry_.plugins())
        if (r->manifest && r->manifest->id == "template") record = r.get();
    ASSERT_NE(record, nullptr);
    EXPECT_EQ(record->trust, TrustState::trusted);
    EXPECT_TRUE(record->loaded) << record->error;
    EXPECT_EQ(record->path.filename(), "merit_template.so");
}

TEST_F(TemplatePlugin, ItsThreeComponentsComputeWhatTheyDescribe) {
    // events of kind "visit": m1 3, m2 0, m3 5.
    test::FakeData data;
    data.events["visit"] = {{"m1", 3.0}, {"m2", 0.0}, {"m3", 5.0}};
    const CallEnv data_env{&data, nullptr, nullptr};
    test::TestScope scope({"m1", "m2", "m3"});
    ComponentInstance count(component("template.event_count"), boost::json::parse(R"({"kind": "visit"})"),
                            data_env);
    double counts[3];
    unsigned char valid[3];
    count.compute(scope.get(), counts, valid, data_env);
    EXPECT_EQ(counts[0], 3.0);
    EXPECT_EQ(counts[1], 0.0);
    EXPECT_EQ(counts[2], 5.0);

    // at_least with threshold 4: 3 -> 0, 0 -> 0, 5 -> 100.
    ComponentInstance at_least(component("template.at_least"), boost::json::parse(R"({"threshold": 4})"));
    merit_score_input input{sizeof(merit_score_input), 3, counts, valid, nullptr, nullptr, nullptr};
    double scores[3];
    const char* ids[] = {"M1", "M2", "M3"};
    at_least.score(input, ids, scores, {});
    EXPECT_EQ(scores[0], 0.0);
    EXPECT_EQ(scores[1], 0.0);
    EXPECT_EQ(scores[2], 100.0);

    // flat_bonus 88.88 yuan from a total of 60: totals 59.99, 60, 95 -> rows 1 and 2 get 8888 fen.
    test::FakeRun run;
    run.total = {59.99, 60, 95};
    run.total_valid = {1, 1, 1};
    const CallEnv run_env{nullptr, &run, nullptr};
    ComponentInstance bonus(component("template.flat_bonus"),
                            boost::json::parse(R"({"amount": 88.88, "min_total": 60})"), run_env);
    bonus.reward(scope.get(), run_env);
    ASSERT_EQ(run.pay.size(), 2u);
    EXPECT_EQ(run.pay[0].row, 1u);
    EXPECT_EQ(run.pay[0].fen, 8888);
    EXPECT_EQ(run.pay[1].row, 2u);
    EXPECT_EQ(run.pay[1].fen, 8888);
}

TEST_F(TemplatePlugin, RejectsANegativeAmountNamingTheParameter) {
    try {
        ComponentInstance bonus(component("template.flat_bonus"), boost::json::parse(R"({"amount": -5})"));
        FAIL() << "no error";
    } catch (const std::exception& e) {
        EXPECT_EQ(std::string(e.what()), "template.flat_bonus: create: params.amount: must not be negative");
    }
}

}  // namespace
}  // namespace merit
