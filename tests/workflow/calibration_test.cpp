// Calibration of the reference run (whole_run_test.cpp has every number of
// it): a session on run 1 for unit U1 (M1, M2, M3), members com1 and com2.
//
// Preliminary (run 1): M1 96 优秀, M2 88.5 良好, M3 0 不合格 (vetoed),
//   M4 93.2 良好 (moved by the 30% limit), M5 95.6 良好 (capped).
// Lines:
//   1. com1 M2 total +3  88.5 -> 91.5
//   2. com2 M2 total -1  91.5 -> 90.5
//   3. com1 M1 rating 优秀 -> 良好
//   4. com2 M2 rating 良好 -> 优秀
// Calibrated run 2 (the scheme again on the same inputs, with the lines):
//   M2 total 88.5 + 3 - 1 = 90.5 -> band 优秀 by its min (90); the limit (优秀
//   at most floor(30% x 5) = 1, by total: M1 96, M4 93.2, M2 90.5) moves M4
//   and M2 to 良好; then the overrides: M1 良好, M2 优秀.
//   Pay: performance = total x 12.345 yuan; band bonus 优秀 1000, 良好 500.
//   M1: 96 x 12.345 = 1185.12 -> 118512 fen + 50000 (良好) = 168512 fen
//   M2: 90.5 x 12.345 = 1117.2225 -> 111722 fen + 100000 (优秀) = 211722 fen
//   M3, M4, M5 as in run 1: 0, 165055, 168018 fen.
//   Ranks by total: M1 96, M5 95.6, M4 93.2, M2 90.5, M3 0 (as before).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "access/users.hpp"
#include "calibration/calibration.hpp"
#include "engine/engine_test_support.hpp"
#include "engine/run_store.hpp"
#include "engine/run_verify.hpp"
#include "engine/run_workflow.hpp"
#include "engine/workspace_verify.hpp"
#include "store/actor.hpp"
#include "store/audit_log.hpp"

namespace merit {
namespace {

using namespace merit::testing;

class Calibration : public ReferenceSchemeTest {
protected:
    void SetUp() override {
        ReferenceSchemeTest::SetUp();
        set_current_actor({"os-account", "operator"});
        run_scheme(*ws, registry, scheme, "2026-Q1");
        for (const User& u : {User{"hr", "王芳", "hr_admin", "", "", true, ""},
                              User{"com1", "周敏", "committee", "", "", true, ""},
                              User{"com2", "孙伟", "committee", "", "", true, ""},
                              User{"com3", "吴静", "committee", "", "", true, ""},
                              User{"sup1", "李强", "supervisor", "U1", "", true, ""}})
            add_user(db(), u);
    }
    void TearDown() override { set_current_actor({"os-account", "operator"}); }
    sqlite3* db() { return ws->db(); }
    void as(const std::string& user) { set_current_actor(actor_for_user(db(), user)); }
    std::string error_of(const std::function<void()>& f) {
        try {
            f();
        } catch (const std::exception& e) {
            return e.what();
        }
        return "no error";
    }
    int64_t open_u1() {
        as("hr");
        return open_calibration(db(), {1, "2026-Q1 第一支行校准", {"U1"}, {"com1", "com2"}}).id;
    }
    void record_the_four_lines(int64_t s) {
        as("com1");
        adjust_total(db(), s, "M2", 3, "客户维护突出");
        as("com2");
        adjust_total(db(), s, "M2", -1, "服务投诉未闭环");
        as("com1");
        override_rating(db(), s, "M1", "良好", "与同级比较偏高");
        as("com2");
        override_rating(db(), s, "M2", "优秀", "年度重点项目贡献");
    }
};

TEST_F(Calibration, TheSessionShowsTheRunsManagersOfItsUnitsAndTheLimits) {
    as("hr");
    EXPECT_EQ(error_of([&] {
                  open_calibration(db(), {1, "x", {"U1"}, {"sup1"}});
              }),
              "calibration member sup1: a supervisor is not on the committee");
    EXPECT_EQ(error_of([&] {
                  open_calibration(db(), {1, "x", {"ZZ"}, {"com1"}});
              }),
              "calibration unit ZZ: no org unit 'ZZ'");
    as("com1");
    EXPECT_NE(error_of([&] {
                  open_calibration(db(), {1, "x", {"U1"}, {"com1"}});
              }).find("only hr_admin may"),
              std::string::npos);
    const int64_t s = open_u1();
    as("com1");
    const CalibrationView v = read_calibration(db(), s);
    ASSERT_EQ(v.rows.size(), 3u);  // M1, M2, M3 of U1, by rank
    EXPECT_EQ(v.rows[0].manager_id, "M1");
    EXPECT_EQ(v.rows[1].manager_id, "M2");
    EXPECT_DOUBLE_EQ(v.rows[1].total, 88.5);
    EXPECT_EQ(v.rows[2].manager_id, "M3");
    // 优秀 1 (M1), 良好 1 (M2), 合格 0, 不合格 1 (M3); the limit on the 3: floor(0.9) = 0.
    EXPECT_EQ(v.ratings, (std::vector<std::pair<std::string, int>>{
                             {"优秀", 1}, {"良好", 1}, {"合格", 0}, {"不合格", 1}}));
    ASSERT_EQ(v.limits.size(), 1u);
    EXPECT_EQ(v.limits[0].count, 1);
    EXPECT_EQ(v.limits[0].members, 3);
    EXPECT_EQ(v.limits[0].allowed, 0);
}

TEST_F(Calibration, LinesCarryFromAndToAndClosingMakesTheCalibratedRun) {
    const int64_t s = open_u1();
    record_the_four_lines(s);
    as("com1");
    const CalibrationView v = read_calibration(db(), s);
    ASSERT_EQ(v.lines.size(), 4u);
    EXPECT_DOUBLE_EQ(v.lines[0].from_total, 88.5);
    EXPECT_DOUBLE_EQ(v.lines[0].to_total, 91.5);
    EXPECT_DOUBLE_EQ(v.lines[1].from_total, 91.5);
    EXPECT_DOUBLE_EQ(v.lines[1].to_total, 90.5);
    EXPECT_EQ(v.lines[2].from_rating, "优秀");
    EXPECT_EQ(v.lines[3].from_rating, "良好");
    EXPECT_EQ(v.lines[3].by, "com2");
    EXPECT_DOUBLE_EQ(v.rows[1].total, 90.5);

    const int64_t run = close_calibration(*ws, registry, s, "校准会议结论");
    EXPECT_EQ(run, 2);
    const RunResult r = load_run(db(), run);
    const RunResult before = load_run(db(), 1);
    struct Expected {
        const char* id;
        double total;
        const char* rating;
        int rank;
        int64_t pay;
    };
    for (const Expected& e : {Expected{"M1", 96, "良好", 1, 168512}, Expected{"M2", 90.5, "优秀", 4, 211722},
                              Expected{"M3", 0, "不合格", 5, 0}, Expected{"M4", 93.2, "良好", 3, 165055},
                              Expected{"M5", 95.6, "良好", 2, 168018}}) {
        SCOPED_TRACE(e.id);
        const ManagerResult* m = r.find_manager(e.id);
        ASSERT_NE(m, nullptr);
        EXPECT_NEAR(m->total, e.total, 1e-9);
        EXPECT_EQ(m->rating, e.rating);
        EXPECT_EQ(m->rank, e.rank);
        EXPECT_EQ(m->pay_fen, e.pay);
        // What calibration does not touch stays: the base total.
        EXPECT_NEAR(m->base_total, before.find_manager(e.id)->base_total, 1e-9);
    }
    EXPECT_NE(r.find_manager("M2")->band_reason.find("calibration:1"), std::string::npos)
        << r.find_manager("M2")->band_reason;
    EXPECT_EQ(r.info.input_fingerprint, before.info.input_fingerprint);
    EXPECT_NE(r.info.results_digest, before.info.results_digest);

    // The link and the explanation: who, when, why, from -> to.
    const RunCalibration c = calibration_of_run(db(), run, "M2");
    ASSERT_TRUE(c.session);
    EXPECT_EQ(c.session->run_id, 1);
    ASSERT_EQ(c.lines.size(), 3u);
    const std::string text = calibration_text(c);
    EXPECT_NE(text.find("com1: total 88.5 -> 91.5 (+3): 客户维护突出"), std::string::npos) << text;
    EXPECT_NE(text.find("com2: total 91.5 -> 90.5 (-1): 服务投诉未闭环"), std::string::npos) << text;
    EXPECT_NE(text.find("com2: rating 良好 -> 优秀: 年度重点项目贡献"), std::string::npos) << text;
    EXPECT_NE(text.find("preliminary run 1"), std::string::npos) << text;
    EXPECT_FALSE(calibration_of_run(db(), 1, "M2").session);
}

TEST_F(Calibration, AClosedSessionIsLocked) {
    const int64_t s = open_u1();
    record_the_four_lines(s);
    as("com1");
    close_calibration(*ws, registry, s, "");
    EXPECT_EQ(error_of([&] { adjust_total(db(), s, "M2", 1, "再调整"); }), "calibration:1: closed (locked)");
    EXPECT_EQ(error_of([&] { close_calibration(*ws, registry, s, ""); }),
              "calibration:1: closed already (run 2)");
    // Past the library too.
    EXPECT_NE(error_of([&] {
                  exec(
                      db(),
                      "INSERT INTO calibration_lines (session_id, seq, manager_id, kind, points, from_total, "
                      "to_total, by_user, at, reason) VALUES (1, 9, 'M2', 'total', 1, 0, 1, 'x', 'x', 'x')");
              }).find("locked"),
              std::string::npos);
    EXPECT_NE(error_of([&] { exec(db(), "UPDATE calibration_lines SET reason = 'x'"); }), "no error");
    EXPECT_NE(error_of([&] { exec(db(), "UPDATE calibration_sessions SET state = 'open'"); }), "no error");
    // The calibrated run is not calibrated again.
    as("hr");
    EXPECT_EQ(error_of([&] {
                  open_calibration(db(), {2, "again", {"U1"}, {"com1"}});
              }),
              "run 2: it is the calibrated result of calibration:1; calibrate the preliminary run");
}

TEST_F(Calibration, OnlyMembersRecordAndOnlyWithinTheSession) {
    const int64_t s = open_u1();
    as("com3");
    EXPECT_EQ(error_of([&] { adjust_total(db(), s, "M2", 1, "x"); }),
              "refused: com3 (committee) may not calibrate.adjust calibration:1: they do not sit on it");
    as("hr");
    EXPECT_EQ(error_of([&] { adjust_total(db(), s, "M2", 1, "x"); }),
              "refused: hr (hr_admin) may not calibrate.adjust calibration:1: they do not sit on it");
    as("sup1");
    EXPECT_NE(error_of([&] { read_calibration(db(), s); }).find("refused: sup1 (supervisor)"),
              std::string::npos);
    as("com1");
    EXPECT_EQ(error_of([&] { adjust_total(db(), s, "M4", 1, "x"); }),
              "calibration:1: manager 'M4' is not calibrated in this session (run 1, units [\"U1\"])");
    EXPECT_EQ(error_of([&] { adjust_total(db(), s, "M2", 1, ""); }).rfind("reason", 0), 0u);
    EXPECT_EQ(error_of([&] { adjust_total(db(), s, "M2", 0, "x"); }),
              "calibration:1: 0 points is not a change between -1000 and 1000 (not 0)");
    EXPECT_EQ(error_of([&] { adjust_total(db(), s, "M3", -1, "x"); }),
              "calibration:1: M3's total 0 -1 would be below 0");
    EXPECT_EQ(error_of([&] { override_rating(db(), s, "M2", "S", "x"); }),
              "calibration:1: 'S' is not a rating of scheme engine-test (优秀, 良好, 合格, 不合格)");
    EXPECT_EQ(error_of([&] { override_rating(db(), s, "M2", "良好", "x"); }),
              "calibration:1: M2 is rated 良好 already");
    EXPECT_EQ(read_calibration(db(), s).lines.size(), 0u);
    as("hr");
    EXPECT_EQ(error_of([&] {
                  open_calibration(db(), {1, "second", {"U2"}, {"com1"}});
              }),
              "run 1: already calibrated in calibration:1");
    EXPECT_EQ(error_of([&] {
                  open_calibration(db(), {7, "x", {"U2"}, {"com1"}});
              }),
              "run 7: no such run in this workspace");
}

TEST_F(Calibration, ClosingIsRefusedWhenTheInputsChanged) {
    const int64_t s = open_u1();
    as("com1");
    adjust_total(db(), s, "M2", 3, "客户维护突出");
    set_current_actor({"os-account", "operator"});
    exec(db(), "UPDATE targets SET value = 101 WHERE manager_id = 'M1' AND period = '2026-Q1'");
    as("com1");
    EXPECT_EQ(error_of([&] { close_calibration(*ws, registry, s, ""); }),
              "calibration:1: the inputs changed since run 1 was made; run the scheme again and calibrate "
              "that run");
    EXPECT_EQ(list_runs(db()).size(), 1u);
    EXPECT_EQ(read_calibration(db(), s).session.state, "open");
}

TEST_F(Calibration, EveryStepIsAuditedOnceAndTheChainVerifies) {
    const size_t before = read_audit(db(), 0).size();
    const int64_t s = open_u1();
    record_the_four_lines(s);
    as("com2");
    close_calibration(*ws, registry, s, "会议结论");
    std::vector<std::string> steps;
    const auto log = read_audit(db(), 0);
    for (size_t i = before; i < log.size(); ++i)
        steps.push_back(log[i].actor + " " + log[i].action + " " + log[i].object);
    EXPECT_EQ(steps, (std::vector<std::string>{
                         "hr calibrate.open calibration:1", "com1 calibrate.adjust calibration:1",
                         "com2 calibrate.adjust calibration:1", "com1 calibrate.adjust calibration:1",
                         "com2 calibrate.adjust calibration:1", "com2 run run:2",
                         "com2 calibrate.close calibration:1"}));
    EXPECT_EQ(log[before + 1].reason, "客户维护突出");
    EXPECT_EQ(log.back().reason, "会议结论");
    EXPECT_TRUE(verify_audit_chain(db()).ok());
    // The calibrated run has its record digest, in its run entry too, and
    // everything verify --all checks of the log holds.
    const RunVerification calibrated = verify_run(db(), 2);
    EXPECT_TRUE(calibrated.ok()) << calibrated.summary();
    EXPECT_EQ(calibrated.stored_record.size(), 64u);
    EXPECT_EQ(boost::json::parse(log[log.size() - 2].detail).at("record_digest").as_string(),
              calibrated.stored_record);
    EXPECT_TRUE(check_runs_in_log(db()).problems.empty());
}

}  // namespace
}  // namespace merit
