// Pay approval, four eyes: calculated -> submitted -> approved (k of n, not
// the submitter, each once) -> released, and the payroll file only after.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "engine/run_lifecycle.hpp"
#include "pay/pay_approval.hpp"
#include "pay/pay_fixture.hpp"
#include "pay/payroll_export.hpp"

namespace merit::testing {
namespace {

class PayApprovalTest : public PayFixture {
protected:
    std::string exported(int64_t run, const std::string& format) {
        std::string text;
        export_payroll(db(), run, format, [&](const std::string& t) { text = t; });
        return text;
    }
};

TEST_F(PayApprovalTest, TheSubmitterCannotApproveTheirOwnSubmission) {
    const int64_t run = store_run();
    configure_two_of_four();
    as("hr");
    EXPECT_EQ(submit_pay(db(), run, "Q2 绩效工资").state, "submitted");
    // hr is on the approver list, but submitted: the four eyes are two people.
    EXPECT_EQ(error_of([&] { approve_pay(db(), run, ""); }),
              "refused: hr (hr_admin) may not pay.approve run:1: the submitter may not approve the pay they "
              "submitted (four eyes)");
    EXPECT_EQ(load_pay_approval(db(), run).approvals.size(), 0u);
}

TEST_F(PayApprovalTest, TwoOfFourApproversEachOnceThenRelease) {
    const int64_t run = store_run();
    configure_two_of_four();
    as("hr");
    submit_pay(db(), run, "");
    as("sup1");
    PayApproval a = approve_pay(db(), run, "核对无误");
    EXPECT_EQ(a.state, "submitted");  // 1 of 2
    EXPECT_EQ(a.approvals.size(), 1u);
    EXPECT_EQ(
        error_of([&] { approve_pay(db(), run, ""); }).rfind("run 1: sup1 approved its pay already (", 0), 0u);
    as("hr");
    EXPECT_EQ(error_of([&] { release_pay(db(), run, ""); }),
              "run 1: pay is submitted; only approved pay is released (1 of 2 approvals)");
    // Not on the list: a committee member, a manager.
    as("com1");
    EXPECT_EQ(error_of([&] { approve_pay(db(), run, ""); }),
              "refused: com1 (committee) may not pay.approve run:1: only hr_admin, supervisor, payroll may");
    as("cm01");
    EXPECT_NE(error_of([&] { approve_pay(db(), run, ""); }).find("refused: cm01 (manager)"),
              std::string::npos);
    as("pay");
    a = approve_pay(db(), run, "");
    EXPECT_EQ(a.state, "approved");  // 2 of 2
    ASSERT_EQ(a.approvals.size(), 2u);
    EXPECT_EQ(a.approvals[0].user_id, "sup1");
    EXPECT_EQ(a.approvals[1].user_id, "pay");
    as("sup2");
    EXPECT_EQ(error_of([&] { approve_pay(db(), run, ""); }),
              "run 1: pay is approved, not submitted; nothing to approve");
    as("sup1");
    EXPECT_EQ(error_of([&] { release_pay(db(), run, ""); }),
              "refused: sup1 (supervisor) may not pay.release run:1: only hr_admin may");
    as("hr");
    a = release_pay(db(), run, "发放");
    EXPECT_EQ(a.state, "released");
    EXPECT_EQ(a.released_by, "hr");
    EXPECT_EQ(error_of([&] { release_pay(db(), run, ""); }),
              "run 1: pay is released; only approved pay is released (2 of 2 approvals)");
    // The released row cannot be changed even past the library.
    EXPECT_NE(
        error_of([&] { exec(db(), "UPDATE pay_approvals SET state = 'approved'"); }).find("released (final)"),
        std::string::npos);
    EXPECT_NE(error_of([&] { exec(db(), "DELETE FROM pay_votes"); }).find("never taken back"),
              std::string::npos);
}

TEST_F(PayApprovalTest, OneApprovalOfOneNeedsSomebodyElse) {
    const int64_t run = store_run();
    as("hr");
    // k = 1 of [hr, sup1]: hr submits, so sup1 is the one who approves.
    set_pay_approval_rule(db(), {1, {"hr", "sup1"}});
    submit_pay(db(), run, "");
    as("sup1");
    EXPECT_EQ(approve_pay(db(), run, "").state, "approved");
}

TEST_F(PayApprovalTest, SubmissionNeedsAFinalRunAndEnoughOtherApprovers) {
    const int64_t draft = store_run(false);
    as("hr");
    EXPECT_EQ(error_of([&] { submit_pay(db(), draft, ""); }),
              "run 1: not final; finalize it before submitting its pay (merit finalize)");
    const int64_t run = store_run();
    as("hr");
    EXPECT_EQ(error_of([&] { submit_pay(db(), run, ""); }).rfind("pay.approval: no approvers configured", 0),
              0u);
    set_pay_approval_rule(db(), {2, {"hr", "sup1"}});
    // Two approvals needed, and hr submits: only sup1 is left.
    EXPECT_EQ(error_of([&] { submit_pay(db(), run, ""); }),
              "run 2: 2 approvals are needed but only 1 approvers besides hr are configured (pay.approval)");
    as("sup1");
    EXPECT_EQ(error_of([&] { submit_pay(db(), run, ""); }),
              "refused: sup1 (supervisor) may not pay.submit run:2: only hr_admin may");
    as("hr");
    EXPECT_EQ(error_of([&] { submit_pay(db(), 9, ""); }), "run 9: no such run in this workspace");
    EXPECT_EQ(load_pay_approval(db(), run).state, "calculated");
}

TEST_F(PayApprovalTest, TheApproverListIsChecked) {
    as("hr");
    EXPECT_EQ(error_of([&] {
                  set_pay_approval_rule(db(), {1, {"sup1", "cm01"}});
              }),
              "pay approver cm01: a manager does not approve pay");
    EXPECT_EQ(error_of([&] {
                  set_pay_approval_rule(db(), {1, {"sup1", "nobody"}});
              }),
              "pay approver nobody: no active user 'nobody'");
    EXPECT_EQ(error_of([&] {
                  set_pay_approval_rule(db(), {1, {"sup1", "sup1"}});
              }),
              "pay approver sup1: named twice");
    EXPECT_EQ(error_of([&] {
                  set_pay_approval_rule(db(), {3, {"sup1", "sup2"}});
              }),
              "pay approvals required: 3 is not between 1 and the 2 approvers");
    EXPECT_EQ(error_of([&] {
                  set_pay_approval_rule(db(), {0, {"sup1"}});
              }),
              "pay approvals required: 0 is not between 1 and the 1 approvers");
    as("sup1");
    EXPECT_NE(error_of([&] {
                  set_pay_approval_rule(db(), {1, {"sup1", "sup2"}});
              }).find("refused: sup1 (supervisor) may not settings.set setting:pay.approval"),
              std::string::npos);
}

TEST_F(PayApprovalTest, ChangingTheListLaterDoesNotChangeASubmission) {
    const int64_t run = store_run();
    configure_two_of_four();
    as("hr");
    submit_pay(db(), run, "");
    set_pay_approval_rule(db(), {1, {"hr", "sup2"}});
    as("sup1");  // on the list the pay was submitted with
    EXPECT_EQ(approve_pay(db(), run, "").state, "submitted");
    EXPECT_EQ(load_pay_approval(db(), run).required, 2);
}

TEST_F(PayApprovalTest, ExportIsRefusedUntilReleased) {
    const int64_t run = store_run();
    configure_two_of_four();
    as("pay");
    EXPECT_EQ(error_of([&] { exported(run, "csv"); }),
              "run 1: pay is calculated, not released; only released pay is exported");
    as("hr");
    submit_pay(db(), run, "");
    as("pay");
    EXPECT_EQ(error_of([&] { exported(run, "csv"); }),
              "run 1: pay is submitted, not released; only released pay is exported");
    as("sup1");
    approve_pay(db(), run, "");
    as("sup2");
    approve_pay(db(), run, "");
    as("pay");
    EXPECT_EQ(error_of([&] { exported(run, "json"); }),
              "run 1: pay is approved, not released; only released pay is exported");
    EXPECT_EQ(error_of([&] { exported(run, "xml"); }), "--format: 'xml' is not csv or json");
}

// Once a corrected run supersedes a released one, payroll takes the run that
// counts: the old run's file is refused, naming the new run, and so is a
// submission of its pay.
TEST_F(PayApprovalTest, ASupersededRunIsNeitherSubmittedNorExported) {
    const int64_t first = store_run();
    configure_two_of_four();
    submit_pay(db(), first, "");
    as("sup1");
    approve_pay(db(), first, "");
    as("sup2");
    approve_pay(db(), first, "");
    as("hr");
    release_pay(db(), first, "");
    as("pay");
    EXPECT_NE(exported(first, "csv").find("CM01"), std::string::npos);
    const int64_t second = store_run(false);
    set_current_actor(operator_actor());
    finalize_run(db(), second, {.reason = "更正 CM06 扣罚", .supersedes = first});
    as("pay");
    EXPECT_EQ(error_of([&] { exported(first, "csv"); }),
              "run 1: superseded by run 2; export the payroll of run 2, the run that counts");
    const int64_t third = store_run(false);
    set_current_actor(operator_actor());
    finalize_run(db(), third, {.reason = "再次更正", .supersedes = second});
    as("hr");
    EXPECT_EQ(error_of([&] { submit_pay(db(), second, ""); }),
              "run 2: superseded by run 3; submit the pay of run 3, the run that counts");
}

TEST_F(PayApprovalTest, TheExportedFiguresAreTheRunsPayLines) {
    const int64_t run = store_run();
    configure_two_of_four();
    as("hr");
    submit_pay(db(), run, "");
    as("sup1");
    approve_pay(db(), run, "");
    as("sup2");
    approve_pay(db(), run, "");
    as("hr");
    release_pay(db(), run, "");
    as("pay");
    // Codes in the order the lines come (PERF seq 0, DEPOSIT seq 1, PENALTY
    // seq 2); a code a manager has no line of is 0; totals from the fixture.
    EXPECT_EQ(exported(run, "csv"),
              "manager_id,name,PERF,DEPOSIT,PENALTY,total_fen\n"
              "CM01,赵建国,123456,20000,0,143456\n"
              "CM02,钱晓梅,98700,0,0,98700\n"
              "CM06,吴国栋,50000,0,-1500,48500\n"
              "CM07,郑丽华,0,0,0,0\n");
    const auto j = boost::json::parse(exported(run, "json"));
    EXPECT_EQ(j.at("total_fen").as_int64(), 290656);  // 143456 + 98700 + 48500 + 0
    EXPECT_EQ(j.at("managers").at(2).at("lines").at(2).at("fen").as_int64(), -1500);
    EXPECT_EQ(j.at("managers").at(0).at("total_fen").as_int64(), 143456);
    // The figures are the run's own rows.
    Statement st(db(), "SELECT sum(amount_fen) FROM run_pay WHERE run_id = 1");
    st.step();
    EXPECT_EQ(st.integer(0), 290656);
}

TEST_F(PayApprovalTest, OnlyPayrollAndHrExport) {
    const int64_t run = store_run();
    configure_two_of_four();
    as("hr");
    submit_pay(db(), run, "");
    as("sup1");
    approve_pay(db(), run, "");
    as("sup2");
    approve_pay(db(), run, "");
    as("hr");
    release_pay(db(), run, "");
    for (const char* user : {"sup1", "cm01", "com1", "aud"}) {
        as(user);
        EXPECT_NE(error_of([&] {
                      exported(run, "csv");
                  }).find("may not pay.export run:1: only payroll and hr_admin may"),
                  std::string::npos)
            << user;
    }
    set_current_actor(operator_actor());
    EXPECT_NE(error_of([&] { exported(run, "csv"); }).find("refused: os-account (operator)"),
              std::string::npos);
    as("hr");
    EXPECT_FALSE(exported(run, "csv").empty());
}

TEST_F(PayApprovalTest, EachStepIsOneAuditEntryAndTheChainVerifies) {
    const int64_t run = store_run();
    configure_two_of_four();
    const size_t before = read_audit(db(), 0).size();
    as("hr");
    submit_pay(db(), run, "Q2");
    as("sup1");
    approve_pay(db(), run, "ok");
    EXPECT_NE(error_of([&] { approve_pay(db(), run, ""); }), "no error");  // refused: no entry
    as("pay");
    approve_pay(db(), run, "");
    EXPECT_NE(error_of([&] { exported(run, "csv"); }), "no error");  // refused: no entry
    as("hr");
    release_pay(db(), run, "");
    as("pay");
    exported(run, "csv");
    const auto all = actions();
    const std::vector<std::string> steps(all.begin() + static_cast<long>(before), all.end());
    EXPECT_EQ(steps, (std::vector<std::string>{"hr pay.submit run:1", "sup1 pay.approve run:1",
                                               "pay pay.approve run:1", "hr pay.release run:1",
                                               "pay pay.export run:1"}));
    const auto log = read_audit(db(), 0);
    EXPECT_EQ(log[before].reason, "Q2");
    const auto submit = boost::json::parse(log[before].detail);
    EXPECT_EQ(submit.at("results_digest").as_string(), "digest-1");
    EXPECT_EQ(boost::json::parse(log[before + 2].detail).at("to").as_string(), "approved");
    EXPECT_TRUE(verify_audit_chain(db()).ok());
}

TEST_F(PayApprovalTest, StatusIsReadableByTheRolesThatFollowIt) {
    const int64_t run = store_run();
    configure_two_of_four();
    as("aud");
    EXPECT_EQ(pay_status(db(), run).state, "calculated");
    as("cm01");
    EXPECT_EQ(
        error_of([&] { pay_status(db(), run); }),
        "refused: cm01 (manager) may not pay.status run:1: only operator, supervisor, payroll, auditor and "
        "hr_admin may");
    as("hr");
    submit_pay(db(), run, "");
    const auto j = pay_approval_json(pay_status(db(), run));
    EXPECT_EQ(j.at("state").as_string(), "submitted");
    EXPECT_EQ(j.at("required").as_int64(), 2);
    EXPECT_EQ(j.at("approvers").as_array().size(), 4u);
    EXPECT_EQ(j.at("submitted_by").as_string(), "hr");
}

}  // namespace
}  // namespace merit::testing
