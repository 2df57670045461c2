// Issue 18 point 1: people who act in Merit are Merit users with one role,
// checked when added (a supervisor needs a unit, a manager-role user is one
// manager of the data), each change audited with actor and role.
#include "access/users.hpp"

#include <boost/json.hpp>

#include "access/authorize.hpp"
#include "access_fixture.hpp"
#include "common/errors.hpp"
#include "store/audit_log.hpp"
#include "store/schema.hpp"
#include "support/merit_cli.hpp"
#include "support/old_workspace.hpp"

namespace merit {
namespace {

using testing::AccessFixture;

class Users : public AccessFixture {
protected:
    std::string add_error(const User& u) {
        try {
            add_user(db(), u);
        } catch (const UserError& e) {
            return e.what();
        }
        return "added";
    }
};

TEST_F(Users, BadUsersAreRefusedNamingTheFieldAndNothingIsStored) {
    const size_t before = list_users(db()).size();
    EXPECT_EQ(add_error({"x y", "n", "hr_admin", "", "", true, ""}),
              "id: 'x y' is not an id (1 to 64 letters, digits, _ . @ -, starting with a letter or digit)");
    EXPECT_EQ(add_error({"x", "", "hr_admin", "", "", true, ""}), "name: must not be empty");
    EXPECT_EQ(
        add_error({"x", "n", "boss", "", "", true, ""}),
        "role: 'boss' is not a role (one of hr_admin, supervisor, manager, committee, payroll, auditor)");
    EXPECT_EQ(add_error({"hr", "n", "hr_admin", "", "", true, ""}), "id: user 'hr' already exists");
    EXPECT_EQ(add_error({"x", "n", "supervisor", "", "", true, ""}),
              "org_unit: a supervisor needs the org unit whose subtree they supervise");
    EXPECT_EQ(add_error({"x", "n", "supervisor", "SB99", "", true, ""}), "org_unit: no org unit 'SB99'");
    EXPECT_EQ(add_error({"x", "n", "manager", "", "", true, ""}),
              "manager: a manager-role user needs the manager id they are in the data");
    EXPECT_EQ(add_error({"x", "n", "manager", "", "CM99", true, ""}), "manager: no manager 'CM99'");
    EXPECT_EQ(add_error({"x", "n", "manager", "", "CM01", true, ""}),
              "manager: manager 'CM01' is already user 'cm01'");
    EXPECT_EQ(add_error({"x", "bad\x01name", "auditor", "", "", true, ""}),
              "name: 'bad\\x01name' contains a control character");
    EXPECT_EQ(list_users(db()).size(), before);
}

TEST_F(Users, OnlyHrAdminAndTheOperatorAddUsers) {
    as("sup1");
    EXPECT_EQ(add_error({"x", "n", "auditor", "", "", true, ""}),
              "refused: sup1 (supervisor) may not users.add workspace: only operator and hr_admin may");
    as("hr");
    EXPECT_EQ(add_error({"x", "n", "auditor", "", "", true, ""}), "added");
}

TEST_F(Users, EveryAdditionIsAuditedWithActorAndRole) {
    as("hr");
    add_user(db(), {"aud2", "审计部 二", "auditor", "", "", true, ""});
    const auto log = read_audit(db(), 1);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].actor, "hr");
    EXPECT_EQ(log[0].role, "hr_admin");
    EXPECT_EQ(log[0].action, "users.add");
    EXPECT_EQ(log[0].object, "user:aud2");
    EXPECT_EQ(boost::json::parse(log[0].detail).at("role").as_string(), "auditor");
}

TEST_F(Users, ListingIsForHrAdminAuditorAndOperator) {
    as("aud");
    const auto users = list_users(db());
    ASSERT_EQ(users.size(), 10u);
    EXPECT_EQ(users.front().id, "aud");  // by id
    as("cm01");
    EXPECT_THROW(list_users(db()), Forbidden);
}

TEST(UsersMigration, TheVersionBeforeUsersOpensWithAnEmptyUsersTable) {
    testing::ScratchWorkspace s;
    const auto old = s.dir() / "old.merit";
    testing::create_old_workspace(old, testing::version_before_table("users"));
    const Workspace ws = Workspace::open(old);
    EXPECT_EQ(ws.schema_version(), current_schema_version());
    Statement count(ws.db(), "SELECT count(*) FROM users");
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.integer(0), 0);
}

TEST(UsersCli, AddListAndActAsAUserWithRefusalsOnOneLine) {
    testing::ScratchWorkspace s;
    exec(s.ws().db(),
         "INSERT INTO org_units (id, name) VALUES ('SB01', '城南'); "
         "INSERT INTO managers (id, name, org_unit_id) VALUES ('CM01', '赵建国', 'SB01')");
    s.close();
    const std::string ws = s.path().string();
    using merit_test::run_merit;
    EXPECT_EQ(run_merit("users add " + ws + " --id hr --name 王芳 --role hr_admin").status, 0);
    EXPECT_EQ(run_merit("--as hr users add " + ws + " --id cm01 --name 赵建国 --role manager --manager CM01")
                  .status,
              0);
    const auto listed = run_merit("--as hr users list " + ws + " --json");
    ASSERT_EQ(listed.status, 0) << listed.text;
    const auto rows = boost::json::parse(listed.text).as_array();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].at("id").as_string(), "cm01");
    EXPECT_EQ(rows[0].at("manager").as_string(), "CM01");
    const auto refused = run_merit("--as cm01 users list " + ws);
    EXPECT_EQ(refused.status, 1);
    EXPECT_EQ(
        refused.text,
        "merit: error: refused: cm01 (manager) may not users.list workspace: only operator, auditor and "
        "hr_admin may\n");
    const auto unknown = run_merit("--as nobody runs " + ws);
    EXPECT_EQ(unknown.status, 1);
    EXPECT_EQ(unknown.text,
              "merit: error: --as: no user 'nobody' in this workspace (see `merit users list`)\n");
    const auto permissions = run_merit("users permissions " + ws + " --json");
    ASSERT_EQ(permissions.status, 0) << permissions.text;
    EXPECT_FALSE(boost::json::parse(permissions.text).as_array().empty());
}

}  // namespace
}  // namespace merit
