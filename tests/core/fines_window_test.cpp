// core.fines escalations over a declared window, against a real workspace.
// Source: seed 003 三.3 "外出营销不得做与工作、业务发展无关的事情,否则,一经发现
// 扣罚50元,累计3次,开除客户经理职务": each catch costs 50 yuan in its month, and
// the third catch in total — not the third inside one month — removes the
// manager from the post, although the scheme runs monthly.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>

#include "data/workspace_data_services.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "plugin/component_instance.hpp"
#include "plugin/host_config.hpp"
#include "plugin/registry.hpp"
#include "support/host_fakes.hpp"

namespace merit {
namespace {

// A1 hired 2026-03-01: caught 6 Jul, 12 Aug, 3 Sep (one a month).
// A2 hired 2025-01-01: caught 20 Nov 2025, 10 Aug, 15 Sep.
// A3 hired 2026-06-01: caught 20 May (before this hire), 1 Jul, 10 Sep.
// A4 hired 2024-01-01: caught three times in July, never since.
// A5 hire date not known: caught 5 Jan, 1 Apr, 30 Sep.
void write_catches(testing::ScratchWorkspace& s) {
    s.write("org_units.csv", "id,name\nPC01,大客户中心\n");
    s.write("managers.csv",
            "id,name,org_unit_id,role,hired_on\n"
            "A1,甲,PC01,,2026-03-01\nA2,乙,PC01,,2025-01-01\nA3,丙,PC01,,2026-06-01\n"
            "A4,丁,PC01,,2024-01-01\nA5,戊,PC01,,\n");
    s.write("events.csv",
            "manager_id,kind,date,quantity,amount,note\n"
            "A1,off_duty_activity,2026-07-06,1,,\nA1,off_duty_activity,2026-08-12,1,,\n"
            "A1,off_duty_activity,2026-09-03,1,,\n"
            "A2,off_duty_activity,2025-11-20,1,,\nA2,off_duty_activity,2026-08-10,1,,\n"
            "A2,off_duty_activity,2026-09-15,1,,\n"
            "A3,off_duty_activity,2026-05-20,1,,\nA3,off_duty_activity,2026-07-01,1,,\n"
            "A3,off_duty_activity,2026-09-10,1,,\n"
            "A4,off_duty_activity,2026-07-06,1,,\nA4,off_duty_activity,2026-07-15,1,,\n"
            "A4,off_duty_activity,2026-07-23,1,,\n"
            "A5,off_duty_activity,2026-01-05,1,,\nA5,off_duty_activity,2026-04-01,1,,\n"
            "A5,off_duty_activity,2026-09-30,1,,\n");
    import_directory(s.ws(), s.dir(), {});
}

class FinesWindow : public ::testing::Test {
protected:
    FinesWindow()
        : registry_(PluginRegistry::discover(
              HostConfig::load(std::filesystem::path(MERIT_STAGE_DIR) / "share/merit/config/merit.json"))) {
        write_catches(s_);
    }

    // Runs core.fines for one month with the postal fine and an escalation
    // over `window`; returns the value of each row's decision ("" = none).
    std::vector<std::string> removals(const std::string& window, const char* period, const char* first,
                                      const char* last) {
        merit_scope scope{sizeof(merit_scope), 5,      ids_,  units_, roles_, grades_, hired_,
                          statuses_,           period, first, last};
        run_.pay.clear();
        run_.decisions.clear();
        run_.scope = &scope;
        const CallEnv env{&services_, &run_, &trace_};
        const Component* fines = registry_.find("core.fines");
        if (!fines) throw std::runtime_error("core.fines is not loaded");
        ComponentInstance instance(*fines, boost::json::parse(R"({"table": {"off_duty_activity": 50},
            "escalations": [{"kind": "off_duty_activity", "at_least": 3, "decision": "removed_from_post",
                             "window": ")" + window + R"("}]})"),
                                   env);
        instance.reward(scope, env);
        std::vector<std::string> out(5);
        for (const auto& d : run_.decisions) out[d.row] = d.value;
        return out;
    }
    std::string reason(size_t row) const {
        for (const auto& d : run_.decisions)
            if (d.row == row) return d.reason;
        return "";
    }

    testing::ScratchWorkspace s_;
    WorkspaceDataServices services_{s_.ws()};
    PluginRegistry registry_;
    merit_test::RecordingRun run_;
    merit_test::RecordingTrace trace_;
    const char* ids_[5] = {"A1", "A2", "A3", "A4", "A5"};
    const char* units_[5] = {"PC01", "PC01", "PC01", "PC01", "PC01"};
    const char* roles_[5] = {"customer_manager", "customer_manager", "customer_manager", "customer_manager",
                             "customer_manager"};
    const char* grades_[5] = {"", "", "", "", ""};
    const char* hired_[5] = {"2026-03-01", "2025-01-01", "2026-06-01", "2024-01-01", ""};
    const char* statuses_[5] = {"active", "active", "active", "active", "active"};
};

const std::string kRemoved = "removed_from_post";

TEST_F(FinesWindow, TheThirdCatchSinceHireRemovesFromThePostInItsMonth) {
    // September, since hire (each manager's hired_on .. 2026-09-30):
    //   A1: Jul + Aug + Sep = 3 ≥ 3, 1 in September -> removed.
    //   A2: Nov 2025 + Aug + Sep = 3 (hired Jan 2025) -> removed.
    //   A3: 20 May is before the 1 June hire: Jul + Sep = 2 -> kept.
    //   A4: 3 in July, 0 in September -> the July run removed A4; not again.
    //   A5: no hire date -> all history: Jan + Apr + Sep = 3 -> removed.
    const auto september = removals("since_hire", "2026-09", "2026-09-01", "2026-09-30");
    EXPECT_EQ(september, (std::vector<std::string>{kRemoved, kRemoved, "", "", kRemoved}));
    EXPECT_EQ(reason(0),
              "off_duty_activity (off_duty_activity) × 3 since hire (2026-03-01..2026-09-30) reaches 3, 1 of "
              "them in 2026-09");
    EXPECT_EQ(reason(4),
              "off_duty_activity (off_duty_activity) × 3 up to 2026-09-30 (hire date not known: all history) "
              "reaches 3, 1 of them in 2026-09");
    // The fine stays monthly: 1 × 50 yuan = −50.00 in September for A1; A4 pays nothing.
    EXPECT_EQ(run_.fen(0, "fine:off_duty_activity"), -5'000);
    EXPECT_FALSE(run_.fen(3, "fine:off_duty_activity").has_value());
    EXPECT_EQ(trace_.columns.at("events off_duty_activity since hire"),
              (std::vector<std::optional<double>>{3, 3, 2, 3, 3}));

    // August: A1 has Jul + Aug = 2, A2 Nov + Aug = 2: nobody yet.
    EXPECT_EQ(removals("since_hire", "2026-08", "2026-08-01", "2026-08-31"),
              (std::vector<std::string>(5, "")));
    // July: A4's three catches in one month -> removed, 3 × 50 = −150.00.
    EXPECT_EQ(removals("since_hire", "2026-07", "2026-07-01", "2026-07-31"),
              (std::vector<std::string>{"", "", "", kRemoved, ""}));
    EXPECT_EQ(run_.fen(3, "fine:off_duty_activity"), -15'000);
}

TEST_F(FinesWindow, EachWindowCountsItsOwnDays) {
    // Period (September only): at most 1 catch each -> nobody, as before the window existed.
    EXPECT_EQ(removals("period", "2026-09", "2026-09-01", "2026-09-30"), (std::vector<std::string>(5, "")));
    // Year to date (2026-01-01..2026-09-30): A1 3, A2 2 (Nov 2025 is last year), A3 3 (May counts),
    // A4 3 but none in September, A5 3.
    EXPECT_EQ(removals("year_to_date", "2026-09", "2026-09-01", "2026-09-30"),
              (std::vector<std::string>{kRemoved, "", kRemoved, "", kRemoved}));
    EXPECT_EQ(
        reason(0),
        "off_duty_activity (off_duty_activity) × 3 year to date (2026-01-01..2026-09-30) reaches 3, 1 of "
        "them in 2026-09");
    // All history: A2 3 with Nov 2025, A3 3 with the May catch before the hire.
    EXPECT_EQ(removals("all_history", "2026-09", "2026-09-01", "2026-09-30"),
              (std::vector<std::string>{kRemoved, kRemoved, kRemoved, "", kRemoved}));
}

TEST_F(FinesWindow, TheWindowMustBeDeclared) {
    const Component* fines = registry_.find("core.fines");
    ASSERT_NE(fines, nullptr);
    const CallEnv env{&services_, &run_, &trace_};
    auto error = [&](const std::string& escalation) -> std::string {
        try {
            ComponentInstance instance(
                *fines, boost::json::parse(R"({"table": {"x": 1}, "escalations": [)" + escalation + "]}"),
                env);
        } catch (const std::exception& e) {
            return e.what();
        }
        return "no error";
    };
    EXPECT_EQ(error(R"({"kind": "x", "at_least": 3, "decision": "d"})"),
              "core.fines: create: params.escalations[0].window: required");
    EXPECT_EQ(error(R"({"kind": "x", "at_least": 3, "decision": "d", "window": "month"})"),
              "core.fines: create: params.escalations[0].window: 'month' is not one of period, since_hire, "
              "year_to_date, all_history");
}

}  // namespace
}  // namespace merit
