// Issue 18 point 2: a review per manager and period through the shipped
// flow of seed 004 (三.(三) 1-5 and 四): goals agreed by both sides, the
// self-assessment, the supervisor's scores with comments, calibration, the
// interview, the plans, closed. Each step is authorized for its role, sends
// back only with a reason, and writes what the scheme reads to `ratings` and
// `targets`; bad input changes nothing.
#include <gtest/gtest.h>

#include "workflow_fixture.hpp"

namespace merit {
namespace {

using testing::WorkflowFixture;

class Reviews : public WorkflowFixture {};

TEST_F(Reviews, AReviewGoesFromGoalsToClosedWithEachStepByItsRole) {
    const ReviewKey k = key("CM01/2026-04-01..2026-06-30");  // a range: kept as it is
    EXPECT_EQ(k.text(), "CM01/2026-04-01..2026-06-30");
    as("sup1");
    Review r = open_review(db(), k);
    EXPECT_EQ(r.state, "goals_draft");
    EXPECT_EQ(r.state_label, "目标制定");
    score(k, "sup1", "cm01");
    // Agreed targets and the ratings are where the scheme's indicators read them.
    EXPECT_EQ(dump("SELECT manager_id, indicator, period, value FROM targets"),
              "CM01|deposit_increment|2026-04-01..2026-06-30|500000.0\n");
    EXPECT_EQ(dump("SELECT rater_role, item, rater_id, score FROM ratings ORDER BY rater_role, item"),
              "self|efficiency|cm01|80.0\n"
              "supervisor|efficiency|sup1|88.0\n"
              "supervisor|problem_solving|sup1|90.0\n");
    as("sup1");
    r = review_act(db(), k, "send_to_calibration", {});
    EXPECT_EQ(r.state, "awaiting_calibration");
    as("hr");  // hr_admin may take every step (the committee's calibrate too)
    review_act(db(), k, "calibrate", {});
    as("sup1");
    r = review_act(db(), k, "hold_interview", {.text = "肯定业绩; 服务效率需提升; 员工希望参加理财培训"});
    EXPECT_EQ(r.state, "interview_held");
    EXPECT_FALSE(r.interview_at.empty());
    as("cm01");
    review_act(db(), k, "acknowledge", {});
    as("sup1");
    add_plan(db(), k, {0, "improvement", "客户回访时效提升到48小时内", "2026-09-30"});
    as("cm01");
    add_plan(db(), k, {0, "development", "参加理财规划师培训", "2026-12-31"});
    as("sup1");
    review_act(db(), k, "propose_plans", {});
    as("cm01");
    review_act(db(), k, "agree_plans", {});
    as("sup1");
    r = review_act(db(), k, "close", {});
    EXPECT_EQ(r.state, "closed");
    EXPECT_TRUE(r.next_actions.empty());
    ASSERT_EQ(r.plans.size(), 2u);
    EXPECT_EQ(r.plans[1].kind, "development");
    EXPECT_EQ(r.supervisor_ratings[0].comment, "办理业务快");
    // Every step is one audit entry, by whoever took it.
    const std::vector<std::string> expected = {
        "review.open review:CM01/2026-04-01..2026-06-30",
        "review.add_goal review:CM01/2026-04-01..2026-06-30",
        "review.propose_goals review:CM01/2026-04-01..2026-06-30",
        "review.agree_goals review:CM01/2026-04-01..2026-06-30",
        "review.submit_self review:CM01/2026-04-01..2026-06-30",
        "review.submit_scores review:CM01/2026-04-01..2026-06-30",
        "review.send_to_calibration review:CM01/2026-04-01..2026-06-30",
        "review.calibrate review:CM01/2026-04-01..2026-06-30",
        "review.hold_interview review:CM01/2026-04-01..2026-06-30",
        "review.acknowledge review:CM01/2026-04-01..2026-06-30",
        "review.add_plan review:CM01/2026-04-01..2026-06-30",
        "review.add_plan review:CM01/2026-04-01..2026-06-30",
        "review.propose_plans review:CM01/2026-04-01..2026-06-30",
        "review.agree_plans review:CM01/2026-04-01..2026-06-30",
        "review.close review:CM01/2026-04-01..2026-06-30"};
    auto all = actions();
    ASSERT_GE(all.size(), expected.size());
    EXPECT_EQ(std::vector<std::string>(all.end() - static_cast<long>(expected.size()), all.end()), expected);
    const auto log = read_audit(db(), 0);
    EXPECT_EQ(log.back().actor, "sup1");
    EXPECT_EQ(log.back().role, "supervisor");
    EXPECT_TRUE(verify_audit_chain(db()).ok());
}

TEST_F(Reviews, EachSideActsOnlyWhereTheFlowAndTheSubtreeLetIt) {
    const ReviewKey k = key("CM01/2026-Q2");
    as("sup2");  // SB02's supervisor: CM01 sits in SB01
    EXPECT_EQ(
        error_of([&] { open_review(db(), k); }),
        "refused: sup2 (supervisor) may not review.open review:CM01/2026-Q2: SB01 is outside the subtree of "
        "SB02");
    as("cm01");  // a manager does not open reviews
    EXPECT_EQ(
        error_of([&] { open_review(db(), k); }),
        "refused: cm01 (manager) may not review.open review:CM01/2026-Q2: only supervisor and hr_admin may");
    as("sup1");
    open_review(db(), k);
    agree_goals(k, "sup1", "cm01");
    as("sup1");  // the self-assessment is the manager's
    EXPECT_EQ(error_of([&] { review_act(db(), k, "submit_self", {.text = "x"}); }),
              "refused: sup1 (supervisor) may not review.submit_self review:CM01/2026-Q2: only manager and "
              "hr_admin "
              "may");
    as("cm02");  // and only the manager's own
    EXPECT_EQ(error_of([&] { review_act(db(), k, "submit_self", {.text = "x"}); }),
              "refused: cm02 (manager) may not review.submit_self review:CM01/2026-Q2: a manager acts only "
              "on their "
              "own records (this is CM01's)");
    EXPECT_EQ(
        error_of([&] { read_review(db(), k); }),
        "refused: cm02 (manager) may not review.read review:CM01/2026-Q2: a manager acts only on their own "
        "records (this is CM01's)");
    as("cm01");  // a step the state does not allow
    EXPECT_EQ(
        error_of([&] { review_act(db(), k, "agree_plans", {}); }),
        "review:CM01/2026-Q2 is goals_agreed: agree_plans is not possible from there (possible: submit_self "
        "(manager))");
    as("aud");  // the auditor reads, never acts
    EXPECT_EQ(read_review(db(), k).state, "goals_agreed");
    EXPECT_NE(
        error_of([&] { review_act(db(), k, "submit_self", {.text = "x"}); }).find("refused: aud (auditor)"),
        std::string::npos);
    as("com1");  // a committee member sits on no session covering CM01
    EXPECT_EQ(error_of([&] { read_review(db(), k); }),
              "refused: com1 (committee) may not review.read review:CM01/2026-Q2: they do not sit on it");
}

TEST_F(Reviews, SendingAStepBackNeedsAReasonAndIsAudited) {
    const ReviewKey k = key("CM06/2026-Q2");
    as("sup2");
    open_review(db(), k);
    add_goal(db(), k, {0, "贷款投放 300 万", "", std::nullopt});
    review_act(db(), k, "propose_goals", {});
    as("cm06");
    EXPECT_EQ(error_of([&] { review_act(db(), k, "return_goals", {}); }),
              "review:CM06/2026-Q2: return_goals needs a reason (--reason)");
    const Review r = review_act(db(), k, "return_goals", {.reason = "目标过高, 请按上季度实际调整"});
    EXPECT_EQ(r.state, "goals_draft");
    const auto last = read_audit(db(), 1).back();
    EXPECT_EQ(last.action, "review.return_goals");
    EXPECT_EQ(last.reason, "目标过高, 请按上季度实际调整");
    EXPECT_EQ(boost::json::parse(last.detail).at("to").as_string(), "goals_draft");
}

TEST_F(Reviews, BadInputIsRefusedAndChangesNothing) {
    const ReviewKey k = key("CM01/2026-Q2");
    as("sup1");
    open_review(db(), k);
    EXPECT_EQ(error_of([&] { review_act(db(), k, "propose_goals", {}); }),
              "review:CM01/2026-Q2: add a goal first (`merit review goal`)");
    EXPECT_EQ(error_of([&] { add_goal(db(), k, {0, "", "", std::nullopt}); }), "goal: must not be empty");
    EXPECT_EQ(error_of([&] {
                  add_goal(db(), k, {0, "x", "deposit_increment", std::nullopt});
              }),
              "goal: a target needs its key and a key its target (--target KEY=VALUE)");
    agree_goals(k, "sup1", "cm01");
    as("cm01");
    review_act(db(), k, "submit_self", {.text = "自评"});
    as("sup1");
    const size_t entries = read_audit(db(), 0).size();
    const std::string ratings = dump("SELECT * FROM ratings");
    EXPECT_EQ(error_of([&] {
                  review_act(db(), k, "submit_scores", {.text = "好", .ratings = {{"efficiency", 120, ""}}});
              }),
              "rating efficiency: score 120 is not between 0 and 100");
    EXPECT_EQ(error_of([&] {
                  review_act(db(), k, "submit_scores", {.text = "", .ratings = {{"efficiency", 90, ""}}});
              }),
              "comment: must not be empty");
    EXPECT_EQ(error_of([&] {
                  review_act(db(), k, "submit_scores",
                             {.text = "好", .ratings = {{"efficiency", 90, ""}, {"efficiency", 91, ""}}});
              }),
              "rating efficiency: rated twice");
    EXPECT_EQ(error_of([&] { review_act(db(), k, "submit_scores", {.text = "好"}); }),
              "review:CM01/2026-Q2: the supervisor's scoring needs ratings (--rating ITEM=SCORE)");
    EXPECT_EQ(read_audit(db(), 0).size(), entries);
    EXPECT_EQ(dump("SELECT * FROM ratings"), ratings);
    EXPECT_EQ(read_review(db(), k).state, "self_assessed");
    EXPECT_EQ(error_of([&] { key("CM01"); }), "'CM01' is not a review (MANAGER/PERIOD, e.g. CM01/2026-Q2)");
    EXPECT_EQ(error_of([&] { open_review(db(), key("CM01/2026-Q2")); }), "review:CM01/2026-Q2: already open");
    as("hr");
    EXPECT_EQ(error_of([&] { open_review(db(), key("CM99/2026-Q2")); }),
              "review:CM99/2026-Q2: no manager 'CM99'");
}

TEST_F(Reviews, RescoringReplacesTheSupervisorsRatingsNotImportedOnes) {
    exec(db(),
         "INSERT INTO ratings (manager_id, period, rater_role, item, rater_id, score) VALUES "
         "('CM01', '2026-Q2', 'supervisor', 'efficiency', '支行长', 70)");
    const ReviewKey k = key("CM01/2026-Q2");
    as("sup1");
    open_review(db(), k);
    score(k, "sup1", "cm01");
    as("hr");
    review_act(db(), k, "send_to_calibration", {});
    as("hr");
    review_act(db(), k, "return_scores", {.reason = "与同级不一致, 请复核"});
    as("sup1");
    review_act(db(), k, "submit_scores", {.text = "复核后下调", .ratings = {{"efficiency", 84, ""}}});
    EXPECT_EQ(
        dump("SELECT rater_id, item, score FROM ratings WHERE rater_role = 'supervisor' ORDER BY rater_id"),
        "sup1|efficiency|84.0\n支行长|efficiency|70.0\n");
}

TEST_F(Reviews, ListingShowsOnlyTheReviewsTheActorMayRead) {
    as("hr");
    for (const char* m : {"CM01/2026-Q2", "CM02/2026-Q2", "CM06/2026-Q2", "CM07/2026-Q3"})
        open_review(db(), key(m));
    auto ids = [&](const ReviewFilter& f) {
        std::string out;
        for (const auto& r : list_reviews(db(), f)) out += r.key.text() + " ";
        return out;
    };
    EXPECT_EQ(ids({}), "CM01/2026-Q2 CM02/2026-Q2 CM06/2026-Q2 CM07/2026-Q3 ");
    EXPECT_EQ(ids({.period = "2026-Q3"}), "CM07/2026-Q3 ");
    as("sup1");
    EXPECT_EQ(ids({}), "CM01/2026-Q2 CM02/2026-Q2 ");
    as("cm06");
    EXPECT_EQ(ids({}), "CM06/2026-Q2 ");
    as("pay");
    EXPECT_EQ(ids({}), "");
}

}  // namespace
}  // namespace merit
