// An organisation's own roles (issue 21 point 4): roles.csv declares role ids
// with their Chinese and English names; managers.role may name one of them or
// a built-in role (customer_manager, risk_manager, market_manager).
#include <gtest/gtest.h>

#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "store/data_versions.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

class Roles : public ::testing::Test {
protected:
    void SetUp() override { import_files(s.ws(), {s.write("org_units.csv", "id,name\nB1,营业部\n")}, {}); }
    std::vector<TableSummary> import(const std::string& name, const std::string& text,
                                     ImportOptions options = {}) {
        return import_files(s.ws(), {s.write("f" + std::to_string(++n) + "/" + name, text)}, options);
    }
    ScratchWorkspace s;
    int n = 0;
};

TEST_F(Roles, AnUndeclaredRoleIsRefusedNamingTheBuiltInOnesAndRolesCsv) {
    const auto file = s.write("m/managers.csv", "id,name,org_unit_id,role\nA1,林芳,B1,agent\n");
    try {
        import_files(s.ws(), {file}, {});
        FAIL() << "agent is neither built in nor declared";
    } catch (const ImportError& e) {
        EXPECT_EQ(
            std::string(e.what()),
            file.string() +
                ":2: role: unknown role 'agent' (the built-in roles are customer_manager, risk_manager, "
                "market_manager; declare others in roles.csv: id,name,name_en)");
    }
    EXPECT_EQ(s.dump("SELECT id FROM managers"), "");
    EXPECT_EQ(latest_data_version(s.ws().db()), 1);
}

TEST_F(Roles, ARoleDeclaredInRolesCsvIsAcceptedInTheSameImportAndLater) {
    // One call: roles.csv is imported before managers.csv whatever the order given.
    import_files(s.ws(),
                 {s.write("a/managers.csv", "id,name,org_unit_id,role\nA1,林芳,B1,agent\nA2,周强,B1,\n"),
                  s.write("a/roles.csv", "id,name,name_en\nagent,代理人,Agent\nteam_lead,团队长,\n")},
                 {});
    EXPECT_EQ(s.dump("SELECT id, role FROM managers ORDER BY id"), "A1|agent\nA2|customer_manager\n");
    EXPECT_EQ(s.dump("SELECT id, name, name_en FROM roles ORDER BY id"),
              "agent|代理人|Agent\nteam_lead|团队长|∅\n");
    // The dated organisation records the declared role like a built-in one.
    EXPECT_EQ(s.dump("SELECT manager_id, role FROM manager_terms ORDER BY manager_id"),
              "A1|agent\nA2|customer_manager\n");
    import("managers.csv", "id,name,org_unit_id,role\nA3,何静,B1,team_lead\nA4,吴刚,B1,risk_manager\n");
    EXPECT_EQ(s.dump("SELECT role FROM managers ORDER BY id"),
              "agent\ncustomer_manager\nteam_lead\nrisk_manager\n");
}

TEST_F(Roles, ARolesRowNeedsANameAndAnIdOnce) {
    const auto file = s.write("r/roles.csv", "id,name,name_en\nagent,,Agent\nagent,代理人,Agent\n");
    try {
        import_files(s.ws(), {file}, {});
        FAIL();
    } catch (const ImportError& e) {
        EXPECT_EQ(std::string(e.what()), file.string() + ":2: name: a value is required\n" + file.string() +
                                             ":3: id: duplicate key: same as line 2");
    }
    EXPECT_EQ(s.dump("SELECT * FROM roles"), "");
}

TEST_F(Roles, RetractingARoleAManagerStillHoldsIsRefused) {
    import("roles.csv", "id,name,name_en\nagent,代理人,Agent\nbroker,经纪人,Broker\n");
    import("managers.csv", "id,name,org_unit_id,role\nA1,林芳,B1,agent\nC1,王伟,B1,customer_manager\n");
    ImportOptions whole;
    whole.replace = true;
    try {
        import("roles.csv", "id,name,name_en\nbroker,经纪人,Broker\n", whole);
        FAIL() << "A1 still holds agent";
    } catch (const ImportError& e) {
        EXPECT_EQ(
            std::string(e.what()),
            "managers.role still names roles that this import retracts ('agent'): keep them in the file, or "
            "retract those managers rows in the same import");
    }
    // Retracting an unused role is a correction like any other; built-in
    // roles (C1's) need no row.
    import("roles.csv", "id,name,name_en\nagent,代理人,Agent\n", whole);
    EXPECT_EQ(s.dump("SELECT id FROM roles"), "agent\n");
    EXPECT_EQ(s.dump("SELECT id FROM roles_history"), "broker\n");
}

}  // namespace
}  // namespace merit
