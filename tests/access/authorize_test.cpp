// Issue 18 point 1: one authorize(actor, action, object) decides every
// action. A manager acts on their own records, a supervisor on the org
// subtree of their unit, the operator (the OS account) on the workspace's
// system actions, hr_admin on everything; a refusal names actor, action and
// object in one line.
#include "access/authorize.hpp"

#include "access/roles.hpp"
#include "access_fixture.hpp"
#include "common/errors.hpp"

namespace merit {
namespace {

using testing::AccessFixture;

class Authorize : public AccessFixture {
protected:
    Decision decide(const std::string& user, const std::string& action, const Object& object) {
        return authorize(db(), actor_for_user(db(), user), action, object);
    }
    std::string refusal(const Actor& actor, const std::string& action, const Object& object) {
        try {
            require(db(), actor, action, object);
        } catch (const Forbidden& e) {
            return e.what();
        }
        return "allowed";
    }
};

TEST_F(Authorize, AManagerReadsOnlyTheirOwnExplanation) {
    EXPECT_TRUE(decide("cm01", "results.explain", manager_object(db(), "CM01")).allowed);
    EXPECT_FALSE(decide("cm01", "results.explain", manager_object(db(), "CM02")).allowed);
    EXPECT_EQ(
        refusal(actor_for_user(db(), "cm01"), "results.explain", manager_object(db(), "CM02")),
        "refused: cm01 (manager) may not results.explain manager:CM02: a manager acts only on their own "
        "records (this is CM02's)");
}

TEST_F(Authorize, ASupervisorActsOnTheSubtreeOfTheirUnitOnly) {
    // SB01's supervisor: CM01 (SB01) and CM02 (SB01A, below SB01); not SB02's CM06.
    EXPECT_TRUE(decide("sup1", "results.explain", manager_object(db(), "CM01")).allowed);
    EXPECT_TRUE(decide("sup1", "results.explain", manager_object(db(), "CM02")).allowed);
    const Decision outside = decide("sup1", "results.explain", manager_object(db(), "CM06"));
    EXPECT_FALSE(outside.allowed);
    EXPECT_EQ(outside.reason, "SB02 is outside the subtree of SB01");
    // A supervisor of the branch sees all three sub-units.
    add({"head", "分行长", "supervisor", "BR01", "", true, ""});
    for (const char* m : {"CM01", "CM02", "CM06", "CM07"})
        EXPECT_TRUE(decide("head", "results.explain", manager_object(db(), m)).allowed) << m;
    // An unknown manager sits in no unit: refused, not allowed by accident.
    EXPECT_EQ(decide("head", "results.explain", manager_object(db(), "NOBODY")).reason,
              "it belongs to no org unit");
}

TEST_F(Authorize, HrAdminMayDoEverythingAndTheAuditorOnlyRead) {
    for (const char* action : {"import", "run", "finalize", "users.add", "results.read", "audit.read"})
        EXPECT_TRUE(decide("hr", action, workspace_object()).allowed) << action;
    EXPECT_TRUE(decide("aud", "audit.read", workspace_object()).allowed);
    EXPECT_TRUE(decide("aud", "results.read", run_object(1)).allowed);
    for (const char* action : {"import", "run", "finalize", "users.add"})
        EXPECT_EQ(decide("aud", action, workspace_object()).reason, "only operator and hr_admin may")
            << action;
}

TEST_F(Authorize, TheOperatorTakesTheSystemActionsButNoWorkflowOnes) {
    const Actor os = operator_actor();
    for (const char* action : {"import", "run", "finalize", "users.add", "users.list", "audit.read"})
        EXPECT_TRUE(authorize(db(), os, action, workspace_object()).allowed) << action;
    EXPECT_EQ(refusal(os, "no.such.action", workspace_object()),
              "refused: os-account (operator) may not no.such.action workspace: there is no action "
              "'no.such.action'");
}

TEST_F(Authorize, ManagersSupervisorsCommitteeAndPayrollMayNotRunOrImport) {
    for (const char* user : {"cm01", "sup1", "com1", "pay"}) {
        EXPECT_FALSE(decide(user, "run", workspace_object()).allowed) << user;
        EXPECT_FALSE(decide(user, "import", workspace_object()).allowed) << user;
        EXPECT_FALSE(decide(user, "audit.read", workspace_object()).allowed) << user;
        EXPECT_TRUE(decide(user, "runs.list", workspace_object()).allowed) << user;
    }
    EXPECT_EQ(refusal(actor_for_user(db(), "sup1"), "run", workspace_object()),
              "refused: sup1 (supervisor) may not run workspace: only operator and hr_admin may");
}

TEST_F(Authorize, TheActorIsCheckedAgainstTheUsersTable) {
    // A role the user does not have, a user who does not exist, an inactive one.
    EXPECT_EQ(authorize(db(), Actor{"cm01", "hr_admin"}, "run", workspace_object()).reason,
              "the user's role is manager");
    EXPECT_EQ(authorize(db(), Actor{"ghost", "hr_admin"}, "run", workspace_object()).reason,
              "not a user of this workspace");
    deactivate_user(db(), "sup1", "moved to another branch");
    EXPECT_EQ(authorize(db(), Actor{"sup1", "supervisor"}, "runs.list", workspace_object()).reason,
              "the user is inactive");
    EXPECT_THROW(actor_for_user(db(), "sup1"), UserError);
}

TEST_F(Authorize, ThePermissionTableListsHrAdminFirstForEveryFixedAction) {
    const auto table = permission_table(db());
    ASSERT_FALSE(table.empty());
    for (const auto& row : table) {
        ASSERT_FALSE(row.grants.empty()) << row.action;
        EXPECT_EQ(row.grants.front().role, "hr_admin") << row.action;
    }
}

}  // namespace
}  // namespace merit
