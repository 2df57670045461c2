// Pay approval, four eyes (issue 18 point 5). A run's pay is `calculated`
// when the run is stored; hr_admin submits it (the run must be final, so the
// figures approved are the figures paid), k of the n approvers configured in
// the workspace setting `pay.approval` approve it, each once and never the
// submitter, and hr_admin releases it. Released is final: only a released
// run's pay is exported to payroll (pay/payroll_export.hpp). The approver
// list and k are copied onto the submission, so changing the setting later
// does not change who may approve what is already submitted.
//
// Every step is one transaction: authorize (access/authorize.hpp) for the
// current actor, check the state, change, write one audit entry.
#pragma once

#include <sqlite3.h>

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "access/authorize.hpp"

namespace merit {

// Who may approve a run's pay and how many approvals it needs.
struct PayApprovalRule {
    int required = 0;                    // k: 1 <= k <= approvers.size()
    std::vector<std::string> approvers;  // n active users who may approve (roles of pay.approve)
};

// The rule in force (throws UserError when none is configured yet).
PayApprovalRule pay_approval_rule(sqlite3* db);
// Checks the rule (known active users of an approving role, each once,
// 1 <= k <= n) and stores it as `pay.approval` (authorizes `settings.set`;
// audited with the old and the new value).
void set_pay_approval_rule(sqlite3* db, const PayApprovalRule& rule);

struct PayVote {
    std::string user_id;
    std::string at;
    std::string reason;
};

struct PayApproval {
    int64_t run_id = 0;
    std::string state;  // calculated | submitted | approved | released
    int required = 0;   // from the submission (0 while calculated)
    std::vector<std::string> approvers;
    std::string submitted_by, submitted_at, submit_reason;
    std::vector<PayVote> approvals;  // in the order given
    std::string released_by, released_at;
    std::string results_digest;  // the run's, when submitted
};

// The object authorize() decides on for a run's pay: members are the
// approvers (the submission's, else the configured ones), the submitter is
// excluded.
Object pay_object(sqlite3* db, int64_t run_id);

// calculated -> submitted (authorizes `pay.submit`). Refused when the run is
// not final, is already submitted, or when fewer than k approvers other than
// the submitter are configured.
PayApproval submit_pay(sqlite3* db, int64_t run_id, std::string_view reason);
// One approval (authorizes `pay.approve`: an approver of the submission, not
// the submitter); the k-th moves submitted -> approved. Refused a second time.
PayApproval approve_pay(sqlite3* db, int64_t run_id, std::string_view reason);
// approved -> released (authorizes `pay.release`); final.
PayApproval release_pay(sqlite3* db, int64_t run_id, std::string_view reason);
// Authorizes `pay.status`.
PayApproval pay_status(sqlite3* db, int64_t run_id);

// Without authorization, for callers that have decided (the export): the
// run's pay approval as it stands; throws UserError when there is no run.
PayApproval load_pay_approval(sqlite3* db, int64_t run_id);

boost::json::value pay_approval_json(const PayApproval& approval);

}  // namespace merit
