// Every way a CSV file can be refused, with the exact message users read
// (`file:line: column: reason`), and the workspace left untouched.
#include <gtest/gtest.h>

#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

const char* kOrg = "id,name\nB1,Branch\n";
const char* kManagers = "id,name,org_unit_id\nM1,Wang,B1\n";
const char* kCustomers = "id,segment\nC1,vip\n";
// A metric metrics.csv does not declare is read as a stock: one value per
// entity, metric and day (a flow's rows may repeat: data/repeats_test.cpp).
const std::string kUndeclared =
    "value: 'deposit' is not in metrics.csv, so it is read as a stock (kind flow would let its rows add "
    "up): one value per customer, metric and day, but ";

class ImportErrors : public ::testing::Test {
protected:
    // Imports the named files (written from `files`) and returns the
    // problems with the temporary directory removed from file names; "" when
    // the import succeeded.
    std::string problems(const std::vector<std::pair<std::string, std::string>>& files,
                         ImportOptions options = {}) {
        std::vector<std::filesystem::path> paths;
        for (const auto& [name, text] : files) paths.push_back(scratch.write(name, text));
        try {
            import_files(scratch.ws(), paths, options);
        } catch (const ImportError& e) {
            std::string text = e.what();
            const std::string prefix = scratch.dir().string() + "/";
            for (size_t at; (at = text.find(prefix)) != std::string::npos;) text.erase(at, prefix.size());
            return text;
        }
        return "";
    }
    ScratchWorkspace scratch;
};

TEST_F(ImportErrors, HeaderProblems) {
    EXPECT_EQ(
        problems({{"org_units.csv", "id,name,colour\nB1,Branch,red\n"}}),
        "org_units.csv:1: colour: unknown column (expected id, name, parent_id, kind; --lenient ignores it)");
    EXPECT_EQ(problems({{"org_units.csv", "id,kind\nB1,branch\n"}}),
              "org_units.csv:1: name: required column is missing (expected id, name, parent_id, kind)");
    EXPECT_EQ(problems({{"org_units.csv", "id,name,name\nB1,a,b\n"}}),
              "org_units.csv:1: name: the column appears twice (fields 2 and 3)");
    EXPECT_EQ(problems({{"org_units.csv", ""}}),
              "org_units.csv:1: header: the file is empty (a header row is required)");
    // The BOM alone is still an empty file.
    EXPECT_EQ(problems({{"org_units.csv", "\xEF\xBB\xBF"}}),
              "org_units.csv:1: header: the file is empty (a header row is required)");
}

TEST_F(ImportErrors, LenientIgnoresUnknownColumns) {
    ImportOptions lenient;
    lenient.lenient = true;
    EXPECT_EQ(problems({{"org_units.csv", "id,name,colour\nB1,Branch,red\n"}}, lenient), "");
    EXPECT_EQ(scratch.dump("SELECT id, name FROM org_units"), "B1|Branch\n");
}

TEST_F(ImportErrors, ValueProblems) {
    const std::string facts =
        "entity,entity_id,metric,date,value\n"
        "customer,C1,deposit,2026-07-01,\n"          // line 2: required value empty
        "client,C1,deposit,2026-07-01,1\n"           // line 3: not an entity
        "customer,C1,deposit,2026-02-29,1\n"         // line 4: 2026 is not a leap year
        "customer,C1,deposit,2026-7-1,1\n"           // line 5: not strict YYYY-MM-DD
        "customer,C1,deposit,2026-07-02,12,5\n"      // line 6: a decimal comma splits the row
        "customer,C1,deposit,2026-07-03,1e5\n"       // line 7: no exponents
        "customer,C1,deposit,2026-07-04,\"12,5\"\n"  // line 8: quoted decimal comma
        "customer,C1,deposit,2026-07-05, 7\n";       // line 9: no spaces in numbers
    EXPECT_EQ(problems({{"org_units.csv", kOrg}, {"customers.csv", kCustomers}, {"facts.csv", facts}}),
              "facts.csv:2: value: a value is required\n"
              "facts.csv:3: entity: 'client' is not one of customer, manager, org_unit\n"
              "facts.csv:4: date: '2026-02-29' is not a date (expected YYYY-MM-DD)\n"
              "facts.csv:5: date: '2026-7-1' is not a date (expected YYYY-MM-DD)\n"
              "facts.csv:6: row: 6 fields, but the header has 5\n"
              "facts.csv:7: value: '1e5' is not a number (digits, '.' for decimals)\n"
              "facts.csv:8: value: '12,5' is not a number (digits, '.' for decimals)\n"
              "facts.csv:9: value: ' 7' is not a number (digits, '.' for decimals)");
}

TEST_F(ImportErrors, SharesEnumsPeriodsAndAmounts) {
    const std::string assignments =
        "customer_id,manager_id,share,role,valid_from,valid_to\n"
        "C1,M1,0,owner,,\n"                        // share 0 is outside (0, 1]
        "C1,M1,1.5,co_owner,,\n"                   // so is 1.5
        "C1,M1,1,boss,,\n"                         // not a role
        "C1,M1,0.5,risk,2026-07-01,2026-06-30\n";  // ends before it starts
    const std::string managers = "id,name,org_unit_id,status\nM1,Wang,B1,retired\n";
    const std::string targets = "manager_id,indicator,period,value\nM1,deposits,2026-Q5,10\n";
    const std::string events = "manager_id,kind,date,amount\nM1,fine,2026-07-01,10.005\n";
    EXPECT_EQ(problems({{"org_units.csv", kOrg},
                        {"managers.csv", managers},
                        {"customers.csv", kCustomers},
                        {"assignments.csv", assignments},
                        {"targets.csv", targets},
                        {"events.csv", events}}),
              "managers.csv:2: status: 'retired' is not one of active, probation, left\n"
              "assignments.csv:2: share: '0' is outside (0, 1]\n"
              "assignments.csv:3: share: '1.5' is outside (0, 1]\n"
              "assignments.csv:4: role: 'boss' is not one of owner, co_owner, risk\n"
              "assignments.csv:5: valid_to: '2026-06-30' is before valid_from '2026-07-01'\n"
              "events.csv:2: amount: '10.005' has more than 2 decimals\n"
              "targets.csv:2: period: invalid period '2026-Q5': expected YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY or "
              "YYYY-MM-DD..YYYY-MM-DD");
}

TEST_F(ImportErrors, UnknownReferences) {
    const std::string facts =
        "entity,entity_id,metric,date,value\n"
        "customer,C9,deposit,2026-07-01,1\n"
        "manager,M9,fee,2026-07-01,1\n"
        "org_unit,B9,headcount,2026-07-01,1\n";
    const std::string assignments = "customer_id,manager_id\nC1,M9\n";
    EXPECT_EQ(problems({{"org_units.csv", kOrg},
                        {"managers.csv", kManagers},
                        {"customers.csv", kCustomers},
                        {"assignments.csv", assignments},
                        {"facts.csv", facts}}),
              "assignments.csv:2: manager_id: unknown manager 'M9'\n"
              "facts.csv:2: entity_id: unknown customer 'C9'\n"
              "facts.csv:3: entity_id: unknown manager 'M9'\n"
              "facts.csv:4: entity_id: unknown org unit 'B9'");
    // An org unit's parent may come later in the same file, but must exist.
    EXPECT_EQ(problems({{"org_units.csv", "id,name,parent_id\nB2,Sub,B1\nB1,Branch,HQ\n"}}),
              "org_units.csv:3: parent_id: unknown org unit 'HQ'");
}

TEST_F(ImportErrors, DuplicateKeysInsideOneFile) {
    // Line 4 repeats line 2's key (same customer, metric, date) with another
    // value; line 3 differs by date and is fine. In assignments the empty role
    // and valid_from mean their defaults, so line 3 repeats line 2.
    const std::string facts =
        "entity,entity_id,metric,date,value\n"
        "customer,C1,deposit,2026-07-01,1\n"
        "customer,C1,deposit,2026-07-02,1\n"
        "customer,C1,deposit,2026-07-01,2\n";
    const std::string assignments =
        "customer_id,manager_id,role,valid_from\nC1,M1,owner,0001-01-01\nC1,M1,,\n";
    EXPECT_EQ(problems({{"org_units.csv", kOrg},
                        {"managers.csv", kManagers},
                        {"customers.csv", kCustomers},
                        {"assignments.csv", assignments},
                        {"facts.csv", facts}}),
              "assignments.csv:3: customer_id, manager_id, role, valid_from: duplicate key: same as line 2\n"
              "facts.csv:4: " +
                  kUndeclared + "facts.csv:2 has 1 and this row 2");
}

TEST_F(ImportErrors, ARepeatInsideAGroupOfRowsIsNamedByItsLine) {
    // 300 org units, written 64 to a statement: line 152 repeats line 12's
    // id (B10), inside the third group. The group fails as a whole and is
    // written again row by row, so the problem still names line 152, and
    // nothing of the file is kept.
    std::string org = "id,name\n";
    for (int i = 0; i < 300; ++i) org += "B" + std::to_string(i == 150 ? 10 : i) + ",Unit\n";
    EXPECT_EQ(problems({{"org_units.csv", org}}), "org_units.csv:152: id: duplicate key: same as line 12");
    EXPECT_EQ(scratch.dump("SELECT count(*) FROM org_units"), "0\n");
}

TEST_F(ImportErrors, EveryRepeatOfAKeyNamesTheFirstLineWithIt) {
    // C1/deposit/07-01 appears on lines 2, 4 and 6; C2/deposit/07-01 on 3 and
    // 5. Every repeat is reported against the first line with its key, in
    // file order, and a third row with the key is not compared with line 4.
    const std::string facts =
        "entity,entity_id,metric,date,value\n"
        "customer,C1,deposit,2026-07-01,1\n"
        "customer,C2,deposit,2026-07-01,1\n"
        "customer,C1,deposit,2026-07-01,2\n"
        "customer,C2,deposit,2026-07-01,2\n"
        "customer,C1,deposit,2026-07-01,3\n";
    EXPECT_EQ(problems({{"org_units.csv", kOrg},
                        {"managers.csv", "id,name,org_unit_id\nM1,Wang,B1\n"},
                        {"customers.csv", "id,segment\nC1,vip\nC2,mass\n"},
                        {"facts.csv", facts}}),
              "facts.csv:4: " + kUndeclared + "facts.csv:2 has 1 and this row 2\n" +
                  "facts.csv:5: " + kUndeclared + "facts.csv:3 has 1 and this row 2\n" +
                  "facts.csv:6: " + kUndeclared + "facts.csv:2 has 1 and this row 3");
    EXPECT_EQ(scratch.dump("SELECT count(*) FROM facts"), "0\n");
}

TEST_F(ImportErrors, RepeatedKeyIntoATableWithRowsChangesNothing) {
    // The second import upserts into a table that has rows already, where a
    // repeated key would silently update twice; it is refused the same way.
    ASSERT_EQ(
        problems({{"org_units.csv", kOrg},
                  {"managers.csv", kManagers},
                  {"customers.csv", kCustomers},
                  {"facts.csv", "entity,entity_id,metric,date,value\ncustomer,C1,deposit,2026-07-01,1\n"}}),
        "");
    // Line 3 repeats line 2 once its quotes are read.
    EXPECT_EQ(problems({{"facts.csv",
                         "entity,entity_id,metric,date,value\n"
                         "customer,C1,deposit,2026-07-01,5\n"
                         "customer,\"C1\",deposit,2026-07-01,6\n"}}),
              "facts.csv:3: " + kUndeclared + "facts.csv:2 has 5 and this row 6");
    EXPECT_EQ(scratch.dump("SELECT value FROM facts"), "1.0\n");
}

TEST_F(ImportErrors, OneKeyRepeatedThousandsOfTimes) {
    std::string facts = "entity,entity_id,metric,date,value\n";
    for (int i = 1; i <= 20000; ++i) facts += "customer,C1,deposit,2026-07-01," + std::to_string(i) + "\n";
    ImportOptions options;
    options.max_errors = 2;
    EXPECT_EQ(problems({{"org_units.csv", kOrg},
                        {"managers.csv", kManagers},
                        {"customers.csv", kCustomers},
                        {"facts.csv", facts}},
                       options),
              "facts.csv:3: " + kUndeclared + "facts.csv:2 has 1 and this row 2\n" + "facts.csv:4: " +
                  kUndeclared + "facts.csv:2 has 1 and this row 3\n" + "... and 19997 more problems");
}

TEST_F(ImportErrors, CsvSyntax) {
    EXPECT_EQ(problems({{"org_units.csv", "id,name\nB1,\"Branch\nB2,Other\n"}}),
              "org_units.csv:2: row: a quoted field is not closed before the end of the file");
    EXPECT_EQ(
        problems({{"org_units.csv", "id,name\nB1,Bra\"nch\nB2,Other\n"}}),
        "org_units.csv:2: row: field 2: a quote inside an unquoted field (quote the whole field and double "
        "the quote)");
    EXPECT_EQ(problems({{"org_units.csv", "id,name\nB1,\"Branch\"x\n"}}),
              "org_units.csv:2: row: field 2: text after the closing quote");
    // Latin-1 'é' (0xE9) on line 3 is not UTF-8 (nor GBK: no trail byte follows).
    EXPECT_EQ(problems({{"org_units.csv", "id,name\nB1,Branch\nB2,Caf\xE9\n"}}),
              "org_units.csv:3: row: not UTF-8, UTF-16 or GB18030/GBK (byte 0xE9); it looks like "
              "Windows-1252 (Latin-1): import it with --encoding WINDOWS-1252");
}

TEST_F(ImportErrors, FileNamesAndCap) {
    EXPECT_EQ(
        problems({{"people.csv", "id\n"}}),
        "people.csv: cannot tell the table from the file name (expected <table>.csv with <table> one of "
        "org_units, roles, managers, customers, assignments, metrics, facts, events, targets, ratings; or "
        "give "
        "--table)");
    // Five bad rows, a cap of 2: two listed, three counted.
    ImportOptions capped;
    capped.max_errors = 2;
    EXPECT_EQ(problems({{"metrics.csv", "metric,kind\na,x\nb,x\nc,x\nd,x\ne,x\n"}}, capped),
              "metrics.csv:2: kind: 'x' is not one of stock, flow\n"
              "metrics.csv:3: kind: 'x' is not one of stock, flow\n"
              "... and 3 more problems");
}

TEST_F(ImportErrors, MissingFile) {
    const auto missing = scratch.dir() / "facts.csv";
    try {
        import_files(scratch.ws(), {missing}, {});
        FAIL() << "expected ImportError";
    } catch (const ImportError& e) {
        EXPECT_EQ(std::string(e.what()), missing.string() + ": cannot open: No such file or directory");
    }
}

TEST_F(ImportErrors, NothingChangesWhenAnyFileIsBad) {
    ASSERT_EQ(problems({{"org_units.csv", kOrg}, {"managers.csv", kManagers}}), "");
    scratch.close();
    const std::string before = scratch.file_bytes();
    scratch.reopen();
    // The org unit file is fine and comes first in dependency order; the
    // manager file's second row is bad: neither B2 nor M2 may stay.
    EXPECT_EQ(problems({{"managers.csv", "id,name,org_unit_id\nM2,Li,B2\nM3,,B2\n"},
                        {"org_units.csv", "id,name\nB2,Second\n"}}),
              "managers.csv:3: name: a value is required");
    EXPECT_EQ(scratch.dump("SELECT id FROM org_units ORDER BY id"), "B1\n");
    EXPECT_EQ(scratch.dump("SELECT id FROM managers ORDER BY id"), "M1\n");
    scratch.close();
    EXPECT_EQ(scratch.file_bytes(), before);
}

}  // namespace
}  // namespace merit
