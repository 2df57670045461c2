// Disputes through the `dispute` flow: a manager disputes a line of their own
// released run; the supervisor asks for information and reviews; hr_admin
// upholds it with a superseding run (or rejects it); every state change is
// one audit entry and the manager reads the outcome and the reason.
#include <gtest/gtest.h>

#include "dispute/dispute.hpp"
#include "pay/pay_approval.hpp"
#include "pay/pay_fixture.hpp"

namespace merit::testing {
namespace {

class DisputeTest : public PayFixture {
protected:
    // Run 1 (the fixture's pay lines) through approval to released.
    void SetUp() override {
        PayFixture::SetUp();
        store_run();
        configure_two_of_four();
        as("hr");
        submit_pay(db(), 1, "");
        as("sup1");
        approve_pay(db(), 1, "");
        as("sup2");
        approve_pay(db(), 1, "");
        as("hr");
        release_pay(db(), 1, "");
    }
};

TEST_F(DisputeTest, FromOpenToUpheldWithASupersedingRun) {
    as("cm01");
    Dispute d = open_dispute(db(), 1, "CM01", "pay:PERF", "新开户存款未计入绩效");
    EXPECT_EQ(d.state, "open");
    const size_t first = read_audit(db(), 0).size() - 1;
    as("sup2");  // SB02 does not reach CM01 (SB01)
    EXPECT_EQ(
        error_of([&] { dispute_act(db(), d.id, "request_info", {.text = "?"}); }),
        "refused: sup2 (supervisor) may not dispute.request_info dispute:1: SB01 is outside the subtree of "
        "SB02");
    as("sup1");
    EXPECT_EQ(error_of([&] { dispute_act(db(), d.id, "request_info", {}); }),
              "dispute:1: request_info needs a reason (--reason)");
    EXPECT_EQ(dispute_act(db(), d.id, "request_info", {.text = "请提供开户清单"}).state, "info_requested");
    as("cm01");
    EXPECT_EQ(dispute_act(db(), d.id, "reply", {.text = "清单已提交"}).state, "open");
    as("sup1");
    EXPECT_EQ(dispute_act(db(), d.id, "review", {}).state, "under_review");
    EXPECT_EQ(error_of([&] { dispute_act(db(), d.id, "uphold", {.text = "属实"}); }),
              "refused: sup1 (supervisor) may not dispute.uphold dispute:1: only hr_admin may");
    // The superseding run: the same scheme and period, made later.
    store_run(false);  // a draft: the correction is made final later, superseding run 1
    as("hr");
    EXPECT_EQ(error_of([&] { dispute_act(db(), d.id, "uphold", {.text = "属实"}); }),
              "dispute:1: uphold needs the correction: superseding_run (--correction-run N) or next_period "
              "(--note TEXT)");
    EXPECT_EQ(error_of([&] {
                  dispute_act(db(), d.id, "uphold",
                              {.text = "属实", .correction = "superseding_run", .correction_run = 1});
              }),
              "dispute:1: run 1 does not supersede run 1 (a later run of the same scheme and period)");
    d = dispute_act(db(), d.id, "uphold",
                    {.text = "属实, 重新计算", .correction = "superseding_run", .correction_run = 2});
    EXPECT_EQ(d.state, "upheld");
    EXPECT_EQ(d.correction_run, 2);
    // The manager sees the outcome and the reason.
    as("cm01");
    const Dispute seen = read_dispute(db(), d.id);
    ASSERT_EQ(seen.events.size(), 5u);  // open, request_info, reply, review, uphold
    EXPECT_EQ(seen.events.back().by, "hr");
    EXPECT_EQ(seen.events.back().text, "属实, 重新计算");
    EXPECT_TRUE(seen.next_actions.empty());
    EXPECT_EQ(error_of([&] { dispute_act(db(), d.id, "withdraw", {}); }),
              "dispute:1 is upheld: withdraw is not possible from there (possible: nothing, it is closed)");
    as("cm02");
    EXPECT_NE(error_of([&] { read_dispute(db(), d.id); }).find("this is CM01's"), std::string::npos);
    // Each state change once in the log, by who took it; the chain verifies.
    std::vector<std::string> steps;
    const auto log = read_audit(db(), 0);
    for (size_t i = first; i < log.size(); ++i)
        if (log[i].action.rfind("dispute.", 0) == 0) steps.push_back(log[i].actor + " " + log[i].action);
    EXPECT_EQ(steps,
              (std::vector<std::string>{"cm01 dispute.open", "sup1 dispute.request_info",
                                        "cm01 dispute.reply", "sup1 dispute.review", "hr dispute.uphold"}));
    EXPECT_EQ(log.back().reason, "属实, 重新计算");
    EXPECT_TRUE(verify_audit_chain(db()).ok());
}

TEST_F(DisputeTest, OnlyOwnLinesOfReleasedOrCalibratedRuns) {
    as("cm02");
    EXPECT_EQ(
        error_of([&] { open_dispute(db(), 1, "CM01", "total", "x"); }),
        "refused: cm02 (manager) may not dispute.open run:1: a manager acts only on their own records (this "
        "is CM01's)");
    as("cm01");
    EXPECT_EQ(error_of([&] { open_dispute(db(), 1, "CM01", "pay:NOPE", "x"); }),
              "line 'pay:NOPE': run 1 has no such line for CM01");
    EXPECT_EQ(error_of([&] { open_dispute(db(), 1, "CM01", "bonus", "x"); }),
              "line 'bonus': expected total, rating, pay:CODE or indicator:ID");
    EXPECT_EQ(error_of([&] { open_dispute(db(), 1, "CM01", "total", ""); }).rfind("reason", 0), 0u);
    store_run(false);
    as("cm01");
    EXPECT_EQ(error_of([&] { open_dispute(db(), 2, "CM01", "total", "x"); }),
              "run 2: neither released nor calibrated; only those results are disputed");
    const Dispute d = open_dispute(db(), 1, "CM01", "rating", "评级偏低");
    EXPECT_EQ(error_of([&] { open_dispute(db(), 1, "CM01", "rating", "again"); }),
              "run 1: rating of CM01 is disputed already (dispute:1)");
    EXPECT_EQ(dispute_act(db(), d.id, "withdraw", {}).state, "withdrawn");
    // Decided: the line may be disputed again.
    EXPECT_EQ(open_dispute(db(), 1, "CM01", "rating", "补充材料后再次申诉").state, "open");
}

TEST_F(DisputeTest, ARejectionNeedsAReason) {
    as("cm01");
    const Dispute d = open_dispute(db(), 1, "CM01", "total", "总分有误");
    as("sup1");
    dispute_act(db(), d.id, "review", {});
    as("hr");
    EXPECT_EQ(error_of([&] { dispute_act(db(), d.id, "reject", {}); }),
              "dispute:1: reject needs a reason (--reason)");
    EXPECT_EQ(dispute_act(db(), d.id, "reject", {.text = "数据核对无误"}).state, "rejected");
    as("cm01");
    EXPECT_EQ(read_dispute(db(), d.id).events.back().text, "数据核对无误");
}

}  // namespace
}  // namespace merit::testing
