// Issue 18 point 2: flows are data. The shipped review flow follows seed 004;
// a flow with a problem is refused naming it; an organisation replaces its
// flow (here: without the 360° step) and reviews follow the new rows.
#include "workflow/flow.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "store/schema.hpp"
#include "support/old_workspace.hpp"
#include "workflow_fixture.hpp"

namespace merit {
namespace {

using testing::WorkflowFixture;

class Flows : public WorkflowFixture {};

// The states a review passes on the main path, in order.
std::vector<std::string> main_path(const Flow& flow, const std::vector<std::string>& actions) {
    std::vector<std::string> states{flow.start_state()};
    for (const auto& a : actions)
        for (const Transition* t : flow.leaving(states.back()))
            if (t->action == a) {
                states.push_back(t->to);
                break;
            }
    return states;
}

TEST_F(Flows, TheShippedReviewFlowFollowsSeed004) {
    const Flow flow = load_flow(db(), "review");
    EXPECT_TRUE(check_flow(flow).empty());
    // 004 三.(三): 1 目标 (agreed by both), 2 自评, 3 上级评价, 4 360度 (optional),
    // 5 审核与校准; 四: 面谈, 改进计划和发展计划.
    EXPECT_EQ(main_path(flow, {"propose_goals", "agree_goals", "submit_self", "submit_scores",
                               "request_feedback", "close_feedback", "calibrate", "hold_interview",
                               "acknowledge", "propose_plans", "agree_plans", "close"}),
              (std::vector<std::string>{"goals_draft", "goals_proposed", "goals_agreed", "self_assessed",
                                        "supervisor_scored", "feedback_requested", "awaiting_calibration",
                                        "calibrated", "interview_held", "acknowledged", "plans_proposed",
                                        "plans_agreed", "closed"}));
    EXPECT_TRUE(flow.is_end("closed"));
    // Every step that sends back asks why.
    for (const auto& t : flow.transitions) {
        if (t.action.rfind("return_", 0) == 0 || t.action == "contest") {
            EXPECT_TRUE(t.needs_reason) << t.action;
        }
    }
}

TEST_F(Flows, AFlowWithAProblemIsRefusedNamingIt) {
    Flow f = load_flow(db(), "review");
    f.states.push_back({"limbo", "step", ""});
    f.transitions.push_back({"closed", "reopen", "supervisor", "goals_draft", true});
    f.transitions.push_back({"goals_draft", "skip", "auditor", "nowhere", false});
    const auto problems = check_flow(f);
    EXPECT_EQ(
        problems,
        (std::vector<std::string>{
            "transitions[31].from: 'closed' is an end state", "transitions[32].to: unknown state 'nowhere'",
            "transitions[32].role: 'auditor' cannot take a step (hr_admin, supervisor, manager, "
            "committee)"}));
    f.transitions.resize(31);
    EXPECT_EQ(check_flow(f), (std::vector<std::string>{"states: 'limbo' cannot be reached from 'goals_draft'",
                                                       "states: no end state can be reached from 'limbo'"}));
    as("hr");
    EXPECT_EQ(error_of([&] { replace_flow(db(), f); }),
              "flow review: states: 'limbo' cannot be reached from 'goals_draft' (and 1 more)");
    EXPECT_EQ(error_of([&] {
                  parse_flow(boost::json::parse(R"({"flow": "review", "states": [{"state": 1}]})"),
                             "my.json");
              }),
              "my.json: states[0].state: must be a string, not a number");
}

TEST_F(Flows, AnOrganisationDropsThe360StepAndReviewsFollowTheNewRows) {
    Flow f = load_flow(db(), "review");
    std::erase_if(f.states, [](const FlowState& s) { return s.state == "feedback_requested"; });
    std::erase_if(f.transitions, [](const Transition& t) {
        return t.action == "request_feedback" || t.action == "close_feedback";
    });
    as("sup1");
    EXPECT_EQ(error_of([&] { replace_flow(db(), f); }),
              "refused: sup1 (supervisor) may not flows.set flow:review: only hr_admin may");
    as("hr");
    replace_flow(db(), f);
    EXPECT_EQ(read_audit(db(), 1).back().action, "flows.set");
    const ReviewKey k = key("CM01/2026-Q2");
    as("sup1");
    open_review(db(), k);
    score(k, "sup1", "cm01");
    as("sup1");
    EXPECT_EQ(
        error_of([&] { review_act(db(), k, "request_feedback", {}); }),
        "refused: sup1 (supervisor) may not review.request_feedback review:CM01/2026-Q2: there is no action "
        "'review.request_feedback'");
    // Dropping a state a review sits in is refused.
    Flow g = load_flow(db(), "review");
    std::erase_if(g.states, [](const FlowState& s) { return s.state == "supervisor_scored"; });
    std::erase_if(g.transitions, [](const Transition& t) {
        return t.from == "supervisor_scored" || t.to == "supervisor_scored";
    });
    g.transitions.push_back({"self_assessed", "submit_scores", "supervisor", "awaiting_calibration", false});
    as("hr");
    EXPECT_EQ(error_of([&] { replace_flow(db(), g); }),
              "flow review: 1 reviews in state 'supervisor_scored', which the new flow drops");
}

}  // namespace
}  // namespace merit

namespace merit {
namespace {

TEST(WorkflowMigration, TheVersionBeforeFlowsGetsTheShippedFlowsAndNoReviews) {
    testing::ScratchWorkspace s;
    const auto old = s.dir() / "old.merit";
    testing::create_old_workspace(old, testing::version_before_table("flow_states"));
    const Workspace ws = Workspace::open(old);
    EXPECT_EQ(ws.schema_version(), current_schema_version());
    Statement flows(ws.db(), "SELECT count(*) FROM flow_transitions WHERE flow = 'review'");
    ASSERT_TRUE(flows.step());
    EXPECT_EQ(flows.integer(0), 31);
    Statement reviews(ws.db(), "SELECT count(*) FROM reviews");
    ASSERT_TRUE(reviews.step());
    EXPECT_EQ(reviews.integer(0), 0);
}

}  // namespace
}  // namespace merit
