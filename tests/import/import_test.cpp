// Successful imports: dependency order, CSV dialect, defaults, idempotent
// re-import with inserted / updated / unchanged counts, --dir.
#include <gtest/gtest.h>

#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

std::string summary(const std::vector<TableSummary>& tables) {
    std::string out;
    for (const auto& t : tables)
        out += t.table + " " + std::to_string(t.inserted) + "/" + std::to_string(t.updated) + "/" +
               std::to_string(t.unchanged) + "\n";
    return out;
}

TEST(Import, AppliesFilesInDependencyOrderWhateverTheArgumentOrder) {
    ScratchWorkspace s;
    // Facts name a customer and a manager that only this same call creates.
    const auto facts = s.write("facts.csv",
                               "entity,entity_id,metric,date,value\n"
                               "customer,C1,deposit,2026-07-01,100.25\n"
                               "manager,M1,fee,2026-07-02,-3\n"
                               "org_unit,B1,headcount,2026-07-01,12\n");
    const auto assignments = s.write("assignments.csv", "customer_id,manager_id,share\nC1,M1,0.5\n");
    const auto customers = s.write("customers.csv", "id,name,segment,org_unit_id\nC1,Acme,vip,B1\n");
    const auto managers = s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B1\n");
    const auto org =
        s.write("org_units.csv", "id,name,parent_id,kind\nHQ,Head,,head_office\nB1,Branch,HQ,branch\n");
    const auto result = import_files(s.ws(), {facts, assignments, customers, managers, org}, {});
    EXPECT_EQ(summary(result),
              "org_units 2/0/0\nmanagers 1/0/0\ncustomers 1/0/0\nassignments 1/0/0\nfacts 3/0/0\n");
    // Defaults: manager role and status; assignment role and valid_from.
    EXPECT_EQ(s.dump("SELECT id, name, org_unit_id, role, grade, hired_on, status FROM managers"),
              "M1|Wang|B1|customer_manager|∅|∅|active\n");
    EXPECT_EQ(s.dump("SELECT customer_id, manager_id, share, role, valid_from, valid_to FROM assignments"),
              "C1|M1|0.5|owner|0001-01-01|∅\n");
    EXPECT_EQ(s.dump("SELECT entity, entity_id, value FROM facts ORDER BY entity"),
              "customer|C1|100.25\nmanager|M1|-3.0\norg_unit|B1|12.0\n");
}

TEST(Import, ReadsBomCrlfQuotesAndFreeColumnOrder) {
    ScratchWorkspace s;
    // BOM, CRLF line ends, a quoted comma, a doubled quote, a line break
    // inside quotes, a blank line, and columns in another order.
    const auto org = s.write("org_units.csv",
                             "\xEF\xBB\xBFkind,name,id\r\n"
                             "branch,\"North, \"\"old\"\" town\",B1\r\n"
                             "\r\n"
                             "center,\"Two\nlines\",B2\r\n");
    EXPECT_EQ(summary(import_files(s.ws(), {org}, {})), "org_units 2/0/0\n");
    EXPECT_EQ(s.dump("SELECT id, name, kind FROM org_units ORDER BY id"),
              "B1|North, \"old\" town|branch\nB2|Two\nlines|center\n");
}

TEST(Import, ReimportIsIdempotentAndCountsUpdates) {
    ScratchWorkspace s;
    const std::string org = "id,name\nB1,Branch\n";
    const std::string first = "id,name,org_unit_id,grade\nM1,Wang,B1,junior\nM2,Li,B1,senior\n";
    s.write("org_units.csv", org);
    s.write("managers.csv", first);
    EXPECT_EQ(summary(import_directory(s.ws(), s.dir(), {})), "org_units 1/0/0\nmanagers 2/0/0\n");
    // Same rows again: nothing changes.
    EXPECT_EQ(summary(import_directory(s.ws(), s.dir(), {})), "org_units 0/0/1\nmanagers 0/0/2\n");
    // M1's grade changes, M2 is the same, M3 is new.
    s.write("managers.csv", "id,name,org_unit_id,grade\nM1,Wang,B1,senior\nM2,Li,B1,senior\nM3,Zhao,B1,\n");
    EXPECT_EQ(summary(import_directory(s.ws(), s.dir(), {})), "org_units 0/0/1\nmanagers 1/1/1\n");
    EXPECT_EQ(s.dump("SELECT id, grade FROM managers ORDER BY id"), "M1|senior\nM2|senior\nM3|∅\n");
}

TEST(Import, ColumnsAbsentFromTheFileKeepTheirValues) {
    ScratchWorkspace s;
    const auto org = s.write("org_units.csv", "id,name\nB1,Branch\n");
    const auto full =
        s.write("managers.csv", "id,name,org_unit_id,grade,status\nM1,Wang,B1,senior,probation\n");
    import_files(s.ws(), {org, full}, {});
    // A later file without grade and status only touches the name.
    const auto names = s.write("more/managers.csv", "id,name,org_unit_id\nM1,Wang Wei,B1\n");
    EXPECT_EQ(summary(import_files(s.ws(), {names}, {})), "managers 0/1/0\n");
    EXPECT_EQ(s.dump("SELECT name, grade, status FROM managers"), "Wang Wei|senior|probation\n");
}

TEST(Import, TableOptionOverridesTheFileName) {
    ScratchWorkspace s;
    const auto file =
        s.write("export-2026-07.csv", "metric,kind,unit\ndeposit,stock,yuan\nloans,flow,yuan\n");
    ImportOptions options;
    options.table = "metrics";
    EXPECT_EQ(summary(import_files(s.ws(), {file}, options)), "metrics 2/0/0\n");
    options.table = "widgets";
    EXPECT_THROW(import_files(s.ws(), {file}, options), ImportError);
}

TEST(Import, SecondFileOfATableInOneCallUpdatesWhatTheFirstInserted) {
    ScratchWorkspace s;
    // The first file goes into an empty table (plain inserts); the second,
    // in the same call, meets the first's rows: deposit changes unit (1
    // updated), loans is the same (1 unchanged), fees is new (1 inserted).
    const auto first = s.write("a.csv", "metric,kind,unit\ndeposit,stock,yuan\nloans,flow,yuan\n");
    const auto second =
        s.write("b.csv", "metric,kind,unit\ndeposit,stock,fen\nloans,flow,yuan\nfees,flow,yuan\n");
    ImportOptions options;
    options.table = "metrics";
    // inserted 2 + 1 = 3, updated 1, unchanged 1.
    EXPECT_EQ(summary(import_files(s.ws(), {first, second}, options)), "metrics 3/1/1\n");
    EXPECT_EQ(s.dump("SELECT metric, unit FROM metrics ORDER BY metric"),
              "deposit|fen\nfees|yuan\nloans|yuan\n");
}

TEST(Import, ManyRowsKeepTheirUnescapedText) {
    ScratchWorkspace s;
    // 10,000 rows cross the writer's batches of 4,096 rows; every name has a
    // doubled quote, so its text is not a plain view into the file.
    std::string org = "id,name\n";
    for (int i = 0; i < 10000; ++i)
        org += "B" + std::to_string(i) + ",\"Unit \"\"" + std::to_string(i) + "\"\"\"\n";
    s.write("org_units.csv", org);
    EXPECT_EQ(summary(import_directory(s.ws(), s.dir(), {})), "org_units 10000/0/0\n");
    EXPECT_EQ(s.dump("SELECT id, name FROM org_units WHERE id IN ('B0', 'B4096', 'B9999') ORDER BY id"),
              "B0|Unit \"0\"\nB4096|Unit \"4096\"\nB9999|Unit \"9999\"\n");
    // Same file again: every row unchanged (the upsert path).
    EXPECT_EQ(summary(import_directory(s.ws(), s.dir(), {})), "org_units 0/0/10000\n");
}

TEST(Import, RowsWrittenManyToAStatementAreCountedOneByOne) {
    ScratchWorkspace s;
    // 1,000 units, then the same 1,000 and 10 more, every third name (i = 0,
    // 3, ..., 999: 334 of them) changed: rows go 64 to a statement, and each
    // is counted once, inserted, updated or unchanged.
    auto units = [](int count, bool renamed) {
        std::string out = "id,name\n";
        for (int i = 0; i < count; ++i)
            out += "B" + std::to_string(i) + (renamed && i % 3 == 0 ? ",Renamed\n" : ",Unit\n");
        return out;
    };
    s.write("org_units.csv", units(1000, false));
    EXPECT_EQ(summary(import_directory(s.ws(), s.dir(), {})), "org_units 1000/0/0\n");
    s.write("org_units.csv", units(1010, true));
    EXPECT_EQ(summary(import_directory(s.ws(), s.dir(), {})), "org_units 10/334/666\n");
    EXPECT_EQ(s.dump("SELECT count(*), sum(name = 'Renamed') FROM org_units"), "1010|337\n");
}

TEST(Import, RowsOutOfKeyOrderAcrossBatchesAllArrive) {
    ScratchWorkspace s;
    s.write("org_units.csv", "id,name\nB1,Branch\n");
    s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B1\n");
    // 5,000 targets, indicators counting down (the reverse of the key's
    // order), value i for indicator k<9999 - i>.
    std::string targets = "manager_id,indicator,period,value\n";
    for (int i = 0; i < 5000; ++i)
        targets += "M1,k" + std::to_string(9999 - i) + ",2026-Q3," + std::to_string(i) + "\n";
    s.write("targets.csv", targets);
    EXPECT_EQ(summary(import_directory(s.ws(), s.dir(), {})),
              "org_units 1/0/0\nmanagers 1/0/0\ntargets 5000/0/0\n");
    // 0 + 1 + ... + 4999 = 4999 * 5000 / 2 = 12,497,500.
    EXPECT_EQ(s.dump("SELECT count(*), sum(value) FROM targets"), "5000|12497500.0\n");
    EXPECT_EQ(s.dump("SELECT value FROM targets WHERE indicator IN ('k5000', 'k9999') ORDER BY indicator"),
              "4999.0\n0.0\n");
    EXPECT_EQ(summary(import_directory(s.ws(), s.dir(), {})),
              "org_units 0/0/1\nmanagers 0/0/1\ntargets 0/0/5000\n");
}

TEST(Import, IndexesOfAnEmptyTableAreRebuiltAfterItsRows) {
    // Into an empty table the importer builds the table's own indexes after
    // the rows. They must come back exactly as the schema declares them, in
    // use by the planner, and also after an import that failed.
    ScratchWorkspace s;
    const std::string schema_sql =
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";
    const std::string before = s.dump(schema_sql);
    ASSERT_NE(before.find("assignments_by_manager"), std::string::npos);

    s.write("org_units.csv", "id,name\nB1,Branch\n");
    s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B1\nM2,Li,B1\n");
    s.write("customers.csv", "id,segment\nC1,vip\nC2,mass\nC3,mass\n");
    // Refused (C9 is unknown) after two good rows were written.
    s.write("assignments.csv", "customer_id,manager_id\nC1,M2\nC2,M1\nC9,M1\n");
    EXPECT_THROW(import_directory(s.ws(), s.dir(), {}), ImportError);
    EXPECT_EQ(s.dump(schema_sql), before);
    EXPECT_EQ(s.dump("SELECT count(*) FROM assignments"), "0\n");

    s.write("assignments.csv", "customer_id,manager_id\nC1,M2\nC2,M1\nC3,M1\n");
    import_directory(s.ws(), s.dir(), {});
    EXPECT_EQ(s.dump(schema_sql), before);
    EXPECT_EQ(s.dump("PRAGMA integrity_check"), "ok\n");
    EXPECT_EQ(s.dump("SELECT customer_id FROM assignments INDEXED BY assignments_by_manager "
                     "WHERE manager_id = 'M1' ORDER BY customer_id"),
              "C2\nC3\n");
}

TEST(Import, PeriodsAreStoredCanonically) {
    ScratchWorkspace s;
    s.write("org_units.csv", "id,name\nB1,Branch\n");
    s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B1\n");
    s.write("targets.csv",
            "manager_id,indicator,period,value\nM1,deposits,2026-Q3,500\nM1,deposits,2026-07,100\n");
    s.write("ratings.csv", "manager_id,period,rater_role,item,score\nM1,2026,peer,attitude,90\n");
    import_directory(s.ws(), s.dir(), {});
    EXPECT_EQ(s.dump("SELECT period, value FROM targets ORDER BY period"), "2026-07|100.0\n2026-Q3|500.0\n");
    EXPECT_EQ(s.dump("SELECT period, rater_role, rater_id, score FROM ratings"), "2026|peer||90.0\n");
}

TEST(Import, EmptyDirectoryIsAnError) {
    ScratchWorkspace s;
    std::filesystem::create_directories(s.dir() / "empty");
    EXPECT_THROW(import_directory(s.ws(), s.dir() / "empty", {}), ImportError);
}

}  // namespace
}  // namespace merit
