// An import writes one audit entry — files and the rows inserted, updated and
// unchanged per table, with the actor and time — in the import's own
// transaction: a refused import leaves no entry.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "store/actor.hpp"
#include "store/audit_log.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

TEST(ImportAudit, OneEntryPerImportWithFilesAndCounts) {
    ScratchWorkspace s;
    const auto org = s.write("org_units.csv", "id,name\nB1,Branch\nB2,Other\n");
    const auto managers = s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B1\n");
    import_files(s.ws(), {managers, org}, {});  // given out of order: the entry lists them as imported
    // Again, with B2 renamed and M1 as before: 0 inserted, 1 updated, 1 unchanged.
    const auto org2 = s.write("again/org_units.csv", "id,name\nB1,Branch\nB2,Renamed\n");
    import_files(s.ws(), {org2}, {});

    const auto log = read_audit(s.ws().db(), 0);
    ASSERT_EQ(log.size(), 3u);  // init, two imports
    EXPECT_EQ(log[0].action, "init");
    EXPECT_EQ(log[1].action, "import");
    const auto first = boost::json::parse(log[1].detail).as_object();
    EXPECT_EQ(first.at("files"), (boost::json::array{org.string(), managers.string()}));
    EXPECT_EQ(
        first.at("tables"),
        boost::json::parse(R"([{"table":"org_units","inserted":2,"updated":0,"retracted":0,"unchanged":0},)"
                           R"({"table":"managers","inserted":1,"updated":0,"retracted":0,"unchanged":0}])"));
    const auto second = boost::json::parse(log[2].detail).as_object();
    EXPECT_EQ(second.at("files"), (boost::json::array{org2.string()}));
    EXPECT_EQ(second.at("tables"),
              boost::json::parse(
                  R"([{"table":"org_units","inserted":0,"updated":1,"retracted":0,"unchanged":1}])"));
    EXPECT_EQ(log[2].actor, current_actor().id);
    EXPECT_TRUE(verify_audit_chain(s.ws().db()).ok());
}

TEST(ImportAudit, ARefusedImportWritesNoEntry) {
    ScratchWorkspace s;
    const auto bad = s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B9\n");  // unknown org unit
    EXPECT_THROW(import_files(s.ws(), {bad}, {}), ImportError);
    const auto log = read_audit(s.ws().db(), 0);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].action, "init");
}

}  // namespace
}  // namespace merit
