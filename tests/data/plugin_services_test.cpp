// The data services as a plugin sees them: test_data_probe (built against the
// SDK only, loaded and trust-checked like any plugin) calls each service
// through the host table; the figures are those of data_services_test.cpp.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cmath>

#include "data/july_data.hpp"
#include "data/workspace_data_services.hpp"
#include "plugin/component_instance.hpp"
#include "plugin/plugin_fixtures.hpp"

namespace merit {
namespace {

class PluginServices : public ::testing::Test {
protected:
    PluginServices() : registry_(PluginRegistry::discover(test::config_trusting(dir_, {probe_path()}))) {
        const auto record = registry_.add(probe_path());
        EXPECT_TRUE(record->loaded) << record->error;
        write_july_data(s);
    }

    static std::filesystem::path probe_path() { return test::test_plugin("data_probe", "test_data_probe"); }

    // The probe's column for `service`; NaN where the value is null.
    std::vector<double> probe(const std::string& service) {
        const Component* component = registry_.find("test_data_probe.probe");
        if (!component) throw std::runtime_error("test_data_probe.probe is not loaded");
        const CallEnv env{&services, nullptr, nullptr};
        ComponentInstance instance(*component, boost::json::parse(R"({"service": ")" + service + R"("})"),
                                   env);
        std::vector<double> out(4, -1);
        std::vector<unsigned char> valid(4, 0);
        instance.compute(scope, out.data(), valid.data(), env);
        for (size_t i = 0; i < out.size(); ++i)
            if (!valid[i]) out[i] = std::nan("");
        return out;
    }

    test::TempDir dir_;
    PluginRegistry registry_;
    testing::ScratchWorkspace s;
    const char* ids[4] = {"M1", "M2", "M3", "M4"};
    const char* units[4] = {"B1", "B1", "B1", "B1"};
    const char* roles[4] = {"customer_manager", "customer_manager", "customer_manager", "risk_manager"};
    const char* empty[4] = {"", "", "", ""};
    const char* statuses[4] = {"active", "active", "active", "active"};
    merit_scope scope{sizeof(merit_scope), 4,           ids, units, roles, empty, empty, statuses, "2026-07",
                      "2026-07-01",        "2026-07-31"};
    WorkspaceDataServices services{s.ws()};
};

TEST_F(PluginServices, EveryServiceReachesThePlugin) {
    // vip daily average: M1 2600/31, M2 1400/31 (see DataServices).
    const auto daily = probe("daily_avg");
    EXPECT_NEAR(daily[0], 2600.0 / 31, 1e-9);
    EXPECT_NEAR(daily[1], 1400.0 / 31, 1e-9);
    EXPECT_TRUE(std::isnan(daily[2]));
    // M1's July visit quantities: 1 + 3.
    EXPECT_EQ(probe("events"), (std::vector<double>{4, 0, 0, 0}));
    const auto targets = probe("targets");
    EXPECT_EQ(targets[0], 500);
    EXPECT_TRUE(std::isnan(targets[1]));
    // Peers on attitude: (90 + 70) / 2.
    EXPECT_EQ(probe("ratings")[0], 80);
    // Owner assignments: M1 holds C1 (to 15 July), C2, C3 = 3; M2 holds C1
    // (from 16 July) = 1; M3 and M4 own nothing.
    const auto owned = probe("query");
    EXPECT_EQ(owned[0], 3);
    EXPECT_EQ(owned[1], 1);
    EXPECT_TRUE(std::isnan(owned[2]));
}

TEST_F(PluginServices, APluginCannotWrite) {
    try {
        probe("write");
        FAIL() << "the DELETE was not refused";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("query refused: writing to facts is not allowed"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(s.dump("SELECT count(*) FROM facts"), "14\n");
}

}  // namespace
}  // namespace merit
