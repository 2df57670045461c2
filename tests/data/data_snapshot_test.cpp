// A run reads one snapshot of the data (issue 15 point 4): an import that
// commits while a run reads is seen by none of the run's connections — the
// workspace's own, the data services' pool, the fingerprint's — and the run
// records the version it began with. A connection the pool opens later (a
// plugin nesting more calls than were pinned) is refused once the data
// moved on, instead of reading the newer data.
#include <gtest/gtest.h>

#include "data/data_snapshot.hpp"
#include "data/workspace_data_services.hpp"
#include "engine/background_fingerprint.hpp"
#include "engine/input_fingerprint.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

class DataSnapshotTest : public ::testing::Test {
protected:
    void SetUp() override {
        s.write("org_units.csv", "id,name\nB1,Branch\n");
        s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B1\nM2,Li,B1\n");
        import_directory(s.ws(), s.dir(), {});  // data version 1
    }

    // Another merit command adds M3 through its own connection: version 2.
    void import_meanwhile() {
        const auto more = s.write("more/managers.csv", "id,name,org_unit_id\nM3,Zhao,B1\n");
        Workspace other = Workspace::open(s.path());
        import_files(other, {more}, {});
    }

    std::string managers_on_main() {
        Statement st(s.ws().db(), "SELECT count(*) FROM managers");
        st.step();
        return st.text(0);
    }

    static std::string count_of(ReadConnection& connection) {
        Statement st(connection.db(), "SELECT count(*) FROM managers");
        st.step();
        return st.text(0);
    }

    ScratchWorkspace s;
};

TEST_F(DataSnapshotTest, AnImportCommittedMeanwhileIsSeenByNoneOfTheRunsConnections) {
    const std::string fingerprint_before = input_fingerprint(s.ws().db());
    WorkspaceDataServices services(s.ws());
    DataSnapshot snapshot(s.ws().db(), services.pool(), 2);
    EXPECT_EQ(snapshot.version(), 1);

    import_meanwhile();

    EXPECT_EQ(managers_on_main(), "2");
    {
        // Both pinned connections at once, as two evaluating threads hold them.
        auto first = services.pool().acquire();
        auto second = services.pool().acquire();
        EXPECT_EQ(count_of(*first), "2");
        EXPECT_EQ(count_of(*second), "2");
    }
    BackgroundFingerprint fingerprint(s.ws().db(), snapshot.take_fingerprint_reader());
    EXPECT_EQ(fingerprint.get(), fingerprint_before);

    // Once the run lets its snapshot go, the workspace reads the import.
    snapshot.end_on_main();
    EXPECT_EQ(managers_on_main(), "3");
    EXPECT_NE(input_fingerprint(s.ws().db()), fingerprint_before);
}

TEST_F(DataSnapshotTest, AConnectionOpenedAfterTheDataMovedOnIsRefused) {
    WorkspaceDataServices services(s.ws());
    DataSnapshot snapshot(s.ws().db(), services.pool(), 2);
    import_meanwhile();
    auto first = services.pool().acquire();
    auto second = services.pool().acquire();
    try {
        auto third = services.pool().acquire();
        FAIL() << "a third connection read " << count_of(*third) << " managers";
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()),
                  s.path().string() +
                      ": the workspace was written while the run was reading it, and a plugin needed more "
                      "connections than the run had pinned; run it again");
    }
}

TEST_F(DataSnapshotTest, AConnectionOpenedLaterReadsTheSameDataWhenNothingWasWritten) {
    WorkspaceDataServices services(s.ws());
    DataSnapshot snapshot(s.ws().db(), services.pool(), 1);
    auto first = services.pool().acquire();
    auto second = services.pool().acquire();  // not pinned, but the same data
    EXPECT_EQ(count_of(*second), "2");
}

TEST_F(DataSnapshotTest, PluginSqlCannotEndTheSnapshot) {
    WorkspaceDataServices services(s.ws());
    DataSnapshot snapshot(s.ws().db(), services.pool(), 1);
    for (const char* sql : {"COMMIT", "ROLLBACK", "END"}) {
        try {
            services.query(
                sql, nullptr, 0, [](void*, size_t, const char* const*, const merit_value*) { return 0; },
                nullptr);
            ADD_FAILURE() << sql << " was accepted";
        } catch (const UserError& e) {
            EXPECT_NE(std::string(e.what()).find("transactions are not allowed"), std::string::npos)
                << e.what();
        }
    }
    import_meanwhile();
    auto pinned = services.pool().acquire();
    EXPECT_EQ(count_of(*pinned), "2");
}

}  // namespace
}  // namespace merit
