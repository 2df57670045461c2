#include "access/policy.hpp"

#include <array>

#include "access/roles.hpp"

namespace merit {
namespace {

using C = GrantCondition;

constexpr std::array kActions = {
    ActionInfo{"users.add", "workspace", "add a Merit user"},
    ActionInfo{"users.deactivate", "user", "stop a user from acting"},
    ActionInfo{"users.list", "workspace", "list the users and their roles"},
    ActionInfo{"import", "workspace", "import input data"},
    ActionInfo{"run", "workspace", "evaluate a scheme and store the run"},
    ActionInfo{"finalize", "run", "make a run final (read-only)"},
    ActionInfo{"runs.list", "workspace", "list the runs (ids, schemes, periods, status)"},
    ActionInfo{"runs.delete", "run", "delete a draft run (never a final one)"},
    ActionInfo{"runs.verify", "run", "recompute a run's record and results digests"},
    ActionInfo{"results.read", "run", "read a whole run's results, reports and differences"},
    ActionInfo{"results.explain", "manager", "read how one manager's result was derived"},
    ActionInfo{"audit.read", "workspace", "read the audit log"},
    ActionInfo{"settings.set", "setting", "change a workspace setting (360° minimum, pay approvals)"},
    ActionInfo{"flows.read", "flow", "read a flow's states and transitions"},
    ActionInfo{"flows.set", "flow", "replace a flow's states and transitions"},
    ActionInfo{"review.open", "review", "open a manager's review for a period"},
    ActionInfo{"review.read", "review", "read a review: goals, assessments, comments, plans"},
    ActionInfo{"feedback.inbox", "workspace", "list the 360° requests the user is asked to answer"},
    ActionInfo{"feedback.answer", "feedback", "answer a 360° request (anonymously)", true},
    ActionInfo{"feedback.results", "feedback", "read a 360° request's averages per rater role"},
    ActionInfo{"pay.submit", "run", "submit a final run's pay for approval"},
    ActionInfo{"pay.approve", "run",
               "approve a run's submitted pay (a configured approver, not the submitter)", true},
    ActionInfo{"pay.release", "run", "release a run's approved pay to payroll (final)"},
    ActionInfo{"pay.status", "run", "read where a run's pay approval stands"},
    ActionInfo{"pay.export", "run", "export a released run's payroll file"},
    ActionInfo{"calibrate.open", "workspace", "open a calibration session on a preliminary run"},
    ActionInfo{"calibrate.read", "calibration", "read a calibration session: totals, ratings, limits, lines"},
    ActionInfo{"calibrate.adjust", "calibration",
               "record a calibration line (total or rating, with a reason)", true},
    ActionInfo{"calibrate.close", "calibration", "lock a session and store the calibrated run"},
    ActionInfo{"dispute.open", "run", "dispute a result line of one's own released or calibrated run"},
    ActionInfo{"dispute.read", "dispute", "read a dispute, its history and outcome"},
};

constexpr std::array kPolicy = {
    PolicyRow{"users.add", kOperatorRole, C::any},
    PolicyRow{"users.deactivate", kOperatorRole, C::any},
    PolicyRow{"users.list", kOperatorRole, C::any},
    PolicyRow{"users.list", kAuditor, C::any},
    PolicyRow{"import", kOperatorRole, C::any},
    PolicyRow{"run", kOperatorRole, C::any},
    PolicyRow{"finalize", kOperatorRole, C::any},
    PolicyRow{"runs.delete", kOperatorRole, C::any},
    PolicyRow{"runs.list", kOperatorRole, C::any},
    PolicyRow{"runs.list", kSupervisor, C::any},
    PolicyRow{"runs.list", kManagerRole, C::any},
    PolicyRow{"runs.list", kCommittee, C::any},
    PolicyRow{"runs.list", kPayroll, C::any},
    PolicyRow{"runs.list", kAuditor, C::any},
    PolicyRow{"runs.verify", kOperatorRole, C::any},
    PolicyRow{"runs.verify", kAuditor, C::any},
    PolicyRow{"results.read", kOperatorRole, C::any},
    PolicyRow{"results.read", kAuditor, C::any},
    PolicyRow{"results.explain", kOperatorRole, C::any},
    PolicyRow{"results.explain", kAuditor, C::any},
    PolicyRow{"results.explain", kSupervisor, C::subtree},
    PolicyRow{"results.explain", kManagerRole, C::own},
    PolicyRow{"audit.read", kOperatorRole, C::any},
    PolicyRow{"audit.read", kAuditor, C::any},
    PolicyRow{"flows.read", kOperatorRole, C::any},
    PolicyRow{"flows.read", kSupervisor, C::any},
    PolicyRow{"flows.read", kManagerRole, C::any},
    PolicyRow{"flows.read", kCommittee, C::any},
    PolicyRow{"flows.read", kPayroll, C::any},
    PolicyRow{"flows.read", kAuditor, C::any},
    PolicyRow{"review.open", kSupervisor, C::subtree},
    PolicyRow{"review.read", kSupervisor, C::subtree},
    PolicyRow{"review.read", kManagerRole, C::own},
    PolicyRow{"review.read", kCommittee, C::member},
    PolicyRow{"review.read", kAuditor, C::any},
    PolicyRow{"feedback.inbox", kSupervisor, C::any},
    PolicyRow{"feedback.inbox", kManagerRole, C::any},
    PolicyRow{"feedback.inbox", kCommittee, C::any},
    PolicyRow{"feedback.inbox", kPayroll, C::any},
    PolicyRow{"feedback.inbox", kAuditor, C::any},
    PolicyRow{"feedback.answer", kHrAdmin, C::member},
    PolicyRow{"feedback.answer", kSupervisor, C::member},
    PolicyRow{"feedback.answer", kManagerRole, C::member},
    PolicyRow{"feedback.answer", kCommittee, C::member},
    PolicyRow{"feedback.answer", kPayroll, C::member},
    PolicyRow{"feedback.answer", kAuditor, C::member},
    PolicyRow{"feedback.results", kSupervisor, C::subtree},
    PolicyRow{"feedback.results", kManagerRole, C::own},
    PolicyRow{"feedback.results", kCommittee, C::member},
    PolicyRow{"feedback.results", kAuditor, C::any},
    PolicyRow{"pay.approve", kHrAdmin, C::member},
    PolicyRow{"pay.approve", kSupervisor, C::member},
    PolicyRow{"pay.approve", kPayroll, C::member},
    PolicyRow{"pay.status", kOperatorRole, C::any},
    PolicyRow{"pay.status", kSupervisor, C::any},
    PolicyRow{"pay.status", kPayroll, C::any},
    PolicyRow{"pay.status", kAuditor, C::any},
    PolicyRow{"pay.export", kPayroll, C::any},
    PolicyRow{"calibrate.read", kCommittee, C::member},
    PolicyRow{"calibrate.read", kAuditor, C::any},
    PolicyRow{"calibrate.adjust", kHrAdmin, C::member},
    PolicyRow{"calibrate.adjust", kCommittee, C::member},
    PolicyRow{"calibrate.close", kCommittee, C::member},
    PolicyRow{"dispute.open", kManagerRole, C::own},
    PolicyRow{"dispute.read", kManagerRole, C::own},
    PolicyRow{"dispute.read", kSupervisor, C::subtree},
    PolicyRow{"dispute.read", kAuditor, C::any},
};

}  // namespace

std::span<const ActionInfo> fixed_actions() {
    return kActions;
}

std::span<const PolicyRow> fixed_policy() {
    return kPolicy;
}

const ActionInfo* find_fixed_action(std::string_view name) {
    for (const auto& a : kActions)
        if (a.name == name) return &a;
    return nullptr;
}

}  // namespace merit
