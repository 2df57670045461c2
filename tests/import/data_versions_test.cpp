// Every import is a data version (issue 15 point 1): numbered, with actor,
// files and counts; a replaced or retracted input value is kept with the
// versions it held in; an event's note is not part of its key.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "engine/input_fingerprint.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "store/actor.hpp"
#include "store/data_versions.hpp"
#include "store/schema.hpp"
#include "support/old_workspace.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

constexpr const char* kOrg = "id,name\nB1,Branch\nB2,Other\n";
constexpr const char* kManagers = "id,name,org_unit_id\nM1,Wang,B1\n";

std::string import_text(ScratchWorkspace& s, const std::string& name, const std::string& text,
                        const std::string& dir) {
    const auto file = s.write(dir + "/" + name, text);
    import_files(s.ws(), {file}, {});
    return file.string();
}

TEST(DataVersions, EveryImportIsAVersionWithActorFilesAndCounts) {
    ScratchWorkspace s;
    const auto org = s.write("org_units.csv", kOrg);
    const auto managers = s.write("managers.csv", kManagers);
    const auto first = import_files(s.ws(), {managers, org}, {});
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].version, 1);
    // B2 renamed, B1 as before: version 2 has 0 inserted, 1 updated, 1 unchanged.
    import_text(s, "org_units.csv", "id,name\nB1,Branch\nB2,Renamed\n", "again");

    const auto versions = read_data_versions(s.ws().db());
    ASSERT_EQ(versions.size(), 2u);
    EXPECT_EQ(versions[0].seq, 1);
    EXPECT_EQ(versions[0].action, "import");
    EXPECT_EQ(versions[0].actor, current_actor().id);
    EXPECT_EQ(versions[0].files, (std::vector<std::string>{org.string(), managers.string()}));
    ASSERT_EQ(versions[0].tables.size(), 2u);
    EXPECT_EQ(versions[0].tables[0].table, "org_units");
    EXPECT_EQ(versions[0].tables[0].inserted, 2u);
    EXPECT_EQ(versions[0].tables[1].table, "managers");
    EXPECT_EQ(versions[0].tables[1].inserted, 1u);
    ASSERT_EQ(versions[1].tables.size(), 1u);
    EXPECT_EQ(versions[1].tables[0].updated, 1u);
    EXPECT_EQ(versions[1].tables[0].unchanged, 1u);
    // The import's audit entry names the version it wrote.
    EXPECT_EQ(s.dump("SELECT object FROM audit_log WHERE action = 'import' ORDER BY id"), "data:1\ndata:2\n");
}

TEST(DataVersions, AChangedRowKeepsItsOldValueWithTheVersionsItHeldIn) {
    ScratchWorkspace s;
    import_files(s.ws(), {s.write("org_units.csv", kOrg)}, {});
    import_text(s, "org_units.csv", "id,name\nB1,Branch\nB2,Renamed\n", "v2");
    import_text(s, "org_units.csv", "id,name\nB1,Branch\nB2,Third\n", "v3");

    // Live: B1 from version 1 (never changed), B2 from version 3.
    EXPECT_EQ(s.dump("SELECT id, name, valid_from_version FROM org_units ORDER BY id"),
              "B1|Branch|1\nB2|Third|3\n");
    // B2's earlier values, each with the versions it held in: [1, 2) and [2, 3).
    EXPECT_EQ(s.dump("SELECT id, name, valid_from_version, valid_to_version FROM org_units_history "
                     "ORDER BY valid_from_version"),
              "B2|Other|1|2\nB2|Renamed|2|3\n");

    const auto changes = data_version_changes(s.ws().db(), 3);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].table, "org_units");
    EXPECT_EQ(changes[0].updated, 1u);
    ASSERT_EQ(changes[0].rows.size(), 1u);
    const RowChange& row = changes[0].rows[0];
    EXPECT_EQ(row.change, "updated");
    EXPECT_EQ(row.key, (boost::json::object{{"id", "B2"}}));
    EXPECT_EQ(row.before->at("name"), "Renamed");
    EXPECT_EQ(row.after->at("name"), "Third");
    // Version 1 still shows what it inserted, though B2 has changed since.
    const auto first = data_version_changes(s.ws().db(), 1);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].inserted, 2u);
    EXPECT_EQ(first[0].rows[1].after->at("name"), "Other");
}

TEST(DataVersions, AnEditedEventNoteIsAnUpdateNotASecondEvent) {
    ScratchWorkspace s;
    import_files(s.ws(), {s.write("org_units.csv", kOrg), s.write("managers.csv", kManagers)}, {});
    import_text(s, "events.csv", "manager_id,kind,date,note\nM1,violation,2026-05-18,违规\n", "v2");
    const auto summary = import_files(
        s.ws(),
        {s.write("v3/events.csv", "manager_id,kind,date,note\nM1,violation,2026-05-18,违规 (复核)\n")}, {});
    ASSERT_EQ(summary.size(), 1u);
    EXPECT_EQ(summary[0].inserted, 0u);
    EXPECT_EQ(summary[0].updated, 1u);
    EXPECT_EQ(s.dump("SELECT note FROM events"), "违规 (复核)\n");
    EXPECT_EQ(s.dump("SELECT note, valid_from_version, valid_to_version FROM events_history"), "违规|2|3\n");
}

TEST(DataVersions, EventsOfOneKindAndDayRepeatWithoutRefAndAreToldApartByIt) {
    ScratchWorkspace s;
    import_files(s.ws(), {s.write("org_units.csv", kOrg), s.write("managers.csv", kManagers)}, {});
    // Without ref two visits on one day are two events, occurrences 1 and 2
    // in the file's order; the same file again changes nothing.
    const std::string no_ref = "manager_id,kind,date,note\nM1,visit,2026-04-18,一\nM1,visit,2026-04-18,二\n";
    EXPECT_EQ(import_files(s.ws(), {s.write("a/events.csv", no_ref)}, {})[0].inserted, 2u);
    EXPECT_EQ(s.dump("SELECT ref, occurrence, note FROM events"), "|1|一\n|2|二\n");
    EXPECT_EQ(import_files(s.ws(), {s.write("b/events.csv", no_ref)}, {})[0].unchanged, 2u);
    // With a ref each is its own row: a ref is a different identity from
    // an unnumbered row (--replace-period moves a day from one to the other).
    const auto summary = import_files(
        s.ws(),
        {s.write("c/events.csv",
                 "manager_id,kind,date,ref,note\nM1,visit,2026-04-18,1,一\nM1,visit,2026-04-18,2,二\n")},
        {});
    EXPECT_EQ(summary[0].inserted, 2u);
    EXPECT_EQ(s.dump("SELECT count(*) FROM events"), "4\n");
}

TEST(DataVersions, ARefusedImportLeavesNoVersion) {
    ScratchWorkspace s;
    import_files(s.ws(), {s.write("org_units.csv", kOrg)}, {});
    EXPECT_THROW(import_files(s.ws(), {s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B9\n")}, {}),
                 ImportError);
    EXPECT_EQ(latest_data_version(s.ws().db()), 1);
    EXPECT_EQ(s.dump("SELECT count(*) FROM data_version_counts"), "1\n");
}

TEST(DataVersions, HistoryAndVersionsCannotBeRewritten) {
    ScratchWorkspace s;
    import_files(s.ws(), {s.write("org_units.csv", kOrg)}, {});
    import_text(s, "org_units.csv", "id,name\nB1,Branch\nB2,Renamed\n", "v2");
    for (const char* sql :
         {"UPDATE org_units_history SET name = 'x'", "DELETE FROM org_units_history",
          "UPDATE data_versions SET actor = 'x'", "DELETE FROM data_versions",
          "DELETE FROM data_version_counts",
          "INSERT INTO data_versions (seq, at, actor, role, action) VALUES (9, '', '', '', '')"})
        EXPECT_THROW(exec(s.ws().db(), sql), UserError) << sql;
    EXPECT_EQ(s.dump("SELECT name FROM org_units_history"), "Other\n");
}

TEST(DataVersions, AHandMadeUpdateOrDeleteStillKeepsTheOldValue) {
    ScratchWorkspace s;
    import_files(s.ws(), {s.write("org_units.csv", kOrg)}, {});
    exec(s.ws().db(), "BEGIN");
    const int64_t v = begin_data_version(s.ws().db(), "manual", {});
    exec(s.ws().db(), "UPDATE org_units SET name = 'Hand' WHERE id = 'B1'");
    exec(s.ws().db(), "DELETE FROM org_units WHERE id = 'B2'");
    exec(s.ws().db(), "COMMIT");
    EXPECT_EQ(v, 2);
    // The update was stamped with the open version by the trigger.
    EXPECT_EQ(s.dump("SELECT id, name, valid_from_version FROM org_units"), "B1|Hand|2\n");
    EXPECT_EQ(
        s.dump("SELECT id, name, valid_from_version, valid_to_version FROM org_units_history ORDER BY id"),
        "B1|Branch|1|2\nB2|Other|1|2\n");
    const auto counts = counted_changes(s.ws().db(), 2);
    ASSERT_EQ(counts.size(), 1u);
    EXPECT_EQ(counts[0].updated, 1u);
    EXPECT_EQ(counts[0].retracted, 1u);
}

TEST(DataVersions, TheInputFingerprintIgnoresWhichVersionWroteARow) {
    ScratchWorkspace a, b;
    import_files(a.ws(), {a.write("org_units.csv", kOrg)}, {});
    import_files(b.ws(), {b.write("org_units.csv", kOrg)}, {});
    import_text(b, "org_units.csv", "id,name\nB1,Branch\nB2,Changed\n", "v2");
    EXPECT_NE(input_fingerprint(a.ws().db()), input_fingerprint(b.ws().db()));
    import_text(b, "org_units.csv", kOrg, "v3");  // back to version 1's values, written by version 3
    EXPECT_EQ(input_fingerprint(a.ws().db()), input_fingerprint(b.ws().db()));
}

TEST(DataVersions, AnOlderWorkspaceKeepsEveryEventWhenTheNoteLeavesTheKey) {
    ScratchWorkspace s;
    const auto file = s.dir() / "old.merit";
    testing::create_old_workspace(file, testing::version_before_table("data_versions"));
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
        Connection db(raw);
        // Two visits told apart by their note only, under the old key.
        exec(db.get(),
             "INSERT INTO org_units (id, name) VALUES ('B1', 'b'); "
             "INSERT INTO managers (id, name, org_unit_id) VALUES ('M1', 'm', 'B1'); "
             "INSERT INTO events (manager_id, kind, date, note) VALUES ('M1', 'visit', '2026-04-18', "
             "'走访-02'), "
             "('M1', 'visit', '2026-04-18', '走访-01'), ('M1', 'complaint', '2026-04-18', '投诉')");
    }
    const Workspace ws = Workspace::open(file);
    EXPECT_EQ(ws.schema_version(), current_schema_version());
    Statement st(ws.db(), "SELECT kind, ref, note, valid_from_version FROM events ORDER BY kind, ref");
    std::string rows;
    while (st.step())
        rows += st.text(0) + "|" + st.text(1) + "|" + st.text(2) + "|" + std::to_string(st.integer(3)) + "\n";
    // The first visit of the day (by note) keeps ref ''; the other takes its note.
    EXPECT_EQ(rows, "complaint||投诉|0\nvisit||走访-01|0\nvisit|走访-02|走访-02|0\n");
}

}  // namespace
}  // namespace merit
