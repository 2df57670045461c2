// An import writes one audit row — files and the rows inserted, updated and
// unchanged per table, with the user and time — in the import's own
// transaction: a refused import leaves no row.
#include <gtest/gtest.h>

#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "store/audit_log.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

TEST(ImportAudit, OneRowPerImportWithFilesAndCounts) {
    ScratchWorkspace s;
    const auto org = s.write("org_units.csv", "id,name\nB1,Branch\nB2,Other\n");
    const auto managers = s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B1\n");
    import_files(s.ws(), {managers, org}, {});  // given out of order: the row lists them as imported
    // Again, with B2 renamed and M1 as before: 0 inserted, 1 updated, 1 unchanged.
    const auto org2 = s.write("again/org_units.csv", "id,name\nB1,Branch\nB2,Renamed\n");
    import_files(s.ws(), {org2}, {});

    const auto log = read_audit(s.ws().db(), 0);
    ASSERT_EQ(log.size(), 3u);  // init, two imports
    EXPECT_EQ(log[0].command, "init");
    EXPECT_EQ(log[1].command, "import");
    EXPECT_EQ(log[1].detail,
              "files " + org.string() + ", " + managers.string() +
                  "; org_units 2 inserted, 0 updated, 0 unchanged; managers 1 inserted, 0 updated, "
                  "0 unchanged");
    EXPECT_EQ(log[2].detail, "files " + org2.string() + "; org_units 0 inserted, 1 updated, 1 unchanged");
    EXPECT_EQ(log[2].actor, audit_actor());
}

TEST(ImportAudit, ARefusedImportWritesNoRow) {
    ScratchWorkspace s;
    const auto bad = s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B9\n");  // unknown org unit
    EXPECT_THROW(import_files(s.ws(), {bad}, {}), ImportError);
    const auto log = read_audit(s.ws().db(), 0);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].command, "init");
}

}  // namespace
}  // namespace merit
