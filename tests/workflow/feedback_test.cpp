// Issue 18 point 3: anonymous 360°. Answers are stored with the rater role
// and the request only; results are an average per role, shown once the
// request is closed and only from the minimum number of answers on ("too
// few responses" below it); nobody - manager, supervisor, hr_admin - can
// tell who said what, from the application or from the stored rows and the
// audit log.
#include "feedback/feedback.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "workflow_fixture.hpp"

namespace merit {
namespace {

using testing::WorkflowFixture;

class Feedback : public WorkflowFixture {
protected:
    void fresh_workspace() override {
        WorkflowFixture::fresh_workspace();
        for (const char* id : {"p1", "p2", "p3", "p4"})
            add({id, std::string("同事 ") + id, "committee", "", "", true, ""});
        add({"cm07", "郑丽华", "manager", "", "CM07", true, ""});
    }
    // CM06's review to feedback_requested, raters p1..p3 as peers and
    // cm07, sup1 as subordinates.
    int64_t request(const std::vector<std::string>& raters) {
        const ReviewKey k = key("CM06/2026-Q2");
        as("sup2");
        if (list_reviews(db(), {}).empty()) {
            open_review(db(), k);
            score(k, "sup2", "cm06");
            as("sup2");
        }
        review_act(db(), k, "request_feedback", {.raters = raters, .items = {"problem_solving", "teamwork"}});
        return feedback_requests_of(db(), "CM06", "2026-Q2").back().id;
    }
    void answer(const std::string& user, int64_t id, double problem_solving, double teamwork,
                const std::string& comment = "") {
        as(user);
        answer_feedback(db(), id, {{"problem_solving", problem_solving}, {"teamwork", teamwork}}, comment);
    }
    void close() {
        as("sup2");
        review_act(db(), key("CM06/2026-Q2"), "close_feedback", {});
    }
};

const std::vector<std::string> kRaters = {"p1=peer",        "p2=peer",          "p3=peer",
                                          "p4=subordinate", "cm07=subordinate", "sup1=subordinate"};

TEST_F(Feedback, AverageIsShownPerRoleOnceClosedAndOnlyFromTheMinimumOn) {
    const int64_t id = request(kRaters);
    answer("p1", id, 80, 70, "沟通顺畅");
    answer("p2", id, 90, 75);
    answer("p3", id, 85, 95);
    answer("p4", id, 60, 60, "有时急躁");
    answer("cm07", id, 70, 80);
    as("cm06");  // open: counts only, even for the manager's own request
    FeedbackResults open = feedback_results(db(), id);
    ASSERT_EQ(open.roles.size(), 2u);
    EXPECT_EQ(open.roles[0].role, "peer");
    EXPECT_EQ(open.roles[0].answers, 3);
    EXPECT_FALSE(open.roles[0].shown);
    EXPECT_TRUE(open.roles[0].average.empty());
    close();
    as("cm06");
    const FeedbackResults r = feedback_results(db(), id);
    // peer: 3 answers >= 3: (80 + 90 + 85) / 3 = 85, (70 + 75 + 95) / 3 = 80.
    EXPECT_TRUE(r.roles[0].shown);
    EXPECT_DOUBLE_EQ(r.roles[0].average.at("problem_solving"), 85);
    EXPECT_DOUBLE_EQ(r.roles[0].average.at("teamwork"), 80);
    EXPECT_EQ(r.roles[0].comments, std::vector<std::string>{"沟通顺畅"});
    // subordinate: 2 answers of 3 asked < 3: too few responses, nothing shown.
    EXPECT_EQ(r.roles[1].role, "subordinate");
    EXPECT_EQ(r.roles[1].answers, 2);
    EXPECT_FALSE(r.roles[1].shown);
    EXPECT_TRUE(r.roles[1].average.empty());
    EXPECT_TRUE(r.roles[1].comments.empty());
    EXPECT_EQ(boost::json::serialize(feedback_results_json(r).at("roles").at(1).at("note")),
              "\"too few responses\"");
    // Only the peers' answers reach the ratings the scheme reads, numbered, not named.
    EXPECT_EQ(dump("SELECT rater_role, count(*), avg(score) FROM ratings WHERE rater_id LIKE 'feedback:%' "
                   "AND item = 'problem_solving' GROUP BY rater_role"),
              "peer|3|85.0\n");
    EXPECT_EQ(dump("SELECT DISTINCT rater_id FROM ratings WHERE rater_role = 'peer' ORDER BY 1"),
              "feedback:1:1\nfeedback:1:2\nfeedback:1:3\n");
    EXPECT_EQ(read_review(db(), key("CM06/2026-Q2")).state, "awaiting_calibration");
}

TEST_F(Feedback, OnlyInvitedRatersAnswerEachOnceAndHrAdminIsNoException) {
    const int64_t id = request(kRaters);
    answer("p1", id, 80, 70);
    EXPECT_EQ(error_of([&] { answer("p1", id, 80, 70); }),
              "refused: p1 (committee) may not feedback.answer feedback:1: they do not sit on it");
    EXPECT_EQ(error_of([&] { answer("hr", id, 80, 70); }),
              "refused: hr (hr_admin) may not feedback.answer feedback:1: they do not sit on it");
    EXPECT_EQ(error_of([&] { answer("cm06", id, 100, 100); }),
              "refused: cm06 (manager) may not feedback.answer feedback:1: they do not sit on it");
    as("p2");
    EXPECT_EQ(error_of([&] {
                  answer_feedback(db(), id, {{"problem_solving", 80}}, "");
              }),
              "feedback:1: no score for item teamwork");
    EXPECT_EQ(error_of([&] {
                  answer_feedback(db(), id, {{"problem_solving", 80}, {"teamwork", -1}}, "");
              }),
              "feedback:1: score -1 for teamwork is not between 0 and 100");
    as("p2");
    EXPECT_EQ(my_feedback_requests(db()).size(), 1u);
    close();
    EXPECT_EQ(error_of([&] { answer("p2", id, 80, 70); }), "feedback:1: closed, answers are no longer taken");
}

TEST_F(Feedback, ARequestNeedsEnoughRatersPerRoleAndTheMinimumIsConfigurable) {
    EXPECT_EQ(error_of([&] {
                  request({"p1=peer", "p2=peer"});
              }),
              "feedback request: 2 peer raters asked, but a role's answers are shown only from 3 on "
              "(feedback.min_responses)");
    as("hr");
    EXPECT_EQ(error_of([&] { set_min_responses(db(), 1); }),
              "feedback minimum: 1 is below 2; one answer is never anonymous");
    set_min_responses(db(), 2);
    const auto last = read_audit(db(), 1).back();
    EXPECT_EQ(last.action, "settings.set");
    EXPECT_EQ(last.object, "setting:feedback.min_responses");
    as("sup1");
    EXPECT_NE(error_of([&] { set_min_responses(db(), 5); }).find("refused: sup1"), std::string::npos);
    EXPECT_EQ(error_of([&] {
                  request({"p1=peer", "cm06=peer"});
              }),
              "rater cm06: a manager does not rate themselves in 360° feedback");
}

// Everything stored, every table in its storage order, with times blanked
// and the log's hashes left out (they cover the times); the workspace's
// temporary directory blanked too.
std::string stored_state(testing::ScratchWorkspace& s) {
    std::string out;
    Statement tables(s.ws().db(), "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    while (tables.step()) {
        const std::string table = tables.text(0);
        std::string rows =
            s.dump(table == "audit_log"
                       ? "SELECT id, actor, role, action, object, detail, reason FROM audit_log ORDER BY id"
                       : "SELECT * FROM \"" + table + "\"");  // in storage order: no order may leak
        out += "## " + table + "\n" + rows;
    }
    static const std::regex times("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
    static const std::regex dirs("merit-test-[A-Za-z0-9]{6}");
    return std::regex_replace(std::regex_replace(out, times, "<time>"), dirs, "<dir>");
}

TEST_F(Feedback, TheRaterCannotBeRecoveredFromTheStoredRowsOrTheAuditLog) {
    // Same raters answering in the same order, but who gave which answer
    // differs between this workspace and a second one.
    const int64_t id = request(kRaters);
    answer("p1", id, 80, 70, "沟通顺畅");
    answer("p2", id, 90, 75);
    answer("p3", id, 85, 95);
    close();
    const std::string first = stored_state(scratch());

    fresh_workspace();
    const int64_t id2 = request(kRaters);
    answer("p1", id2, 85, 95);
    answer("p2", id2, 80, 70, "沟通顺畅");
    answer("p3", id2, 90, 75);
    close();
    const std::string second = stored_state(scratch());

    EXPECT_TRUE(first == second) << "the stored state tells who answered what";
    // And nothing names a rater next to an answer: the answers table has no
    // user column, and the log's answer entries carry no scores.
    EXPECT_EQ(first.find("p1|80"), std::string::npos);
    for (const auto& e : read_audit(db(), 0)) {
        if (e.action == "feedback.answer") {
            EXPECT_EQ(e.detail, R"({"rater_role":"peer"})");
        }
    }
}

}  // namespace
}  // namespace merit
