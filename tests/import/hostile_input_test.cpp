// Hostile and broken input files: each is refused with one line naming
// file:line: column and the workspace left as it was, or accepted with the
// value stored exactly. Sign rule (contract.md sets none): a fact is a value
// of a metric the framework knows nothing about — an overdraft, a net
// outflow, a correction — so negative facts and amounts are accepted as
// given, and refusing, say, a negative loan balance is the scheme's or the
// plugin's rule. Shares are the exception: (0, 1] by contract.
#include <gtest/gtest.h>

#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "support/merit_cli.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

const char* kOrg = "id,name\nB1,Branch\n";
const char* kManagers = "id,name,org_unit_id\nM1,Wang,B1\n";
const char* kCustomers = "id\nC1\n";
const char* kFactsHeader = "entity,entity_id,metric,date,value\n";

class HostileInput : public ::testing::Test {
protected:
    void SetUp() override {
        const std::vector<std::filesystem::path> base = {scratch.write("base/org_units.csv", kOrg),
                                                         scratch.write("base/managers.csv", kManagers),
                                                         scratch.write("base/customers.csv", kCustomers)};
        import_files(scratch.ws(), base, {});
    }
    // The problems of importing one file (directory stripped), "" on success.
    std::string problems(const std::string& name, const std::string& text,
                         const ImportOptions& options = {}) {
        const auto path = scratch.write(name, text);
        const std::string prior = everything();
        try {
            import_files(scratch.ws(), {path}, options);
        } catch (const ImportError& e) {
            std::string out = e.what();
            const std::string prefix = scratch.dir().string() + "/";
            for (size_t at; (at = out.find(prefix)) != std::string::npos;) out.erase(at, prefix.size());
            EXPECT_TRUE(everything() == prior) << "a refused import changed the workspace";
            return out;
        }
        return "";
    }
    std::string everything() {
        return scratch.dump("SELECT id, name FROM org_units ORDER BY id") +
               scratch.dump("SELECT * FROM facts ORDER BY 1, 2, 3, 4") +
               scratch.dump("SELECT * FROM events") + scratch.dump("SELECT count(*) FROM audit_log");
    }
    ScratchWorkspace scratch;
};

TEST_F(HostileInput, TenThousandMalformedRowsGiveABoundedReport) {
    // Every row is wrong, each with a 1,000-byte date: 50 problems are
    // listed (the default cap), the other 9,950 counted.
    std::string facts = kFactsHeader;
    const std::string junk(1000, 'x');
    for (int i = 0; i < 10000; ++i) facts += "customer,C1,deposit," + junk + ",1\n";
    const std::string text = problems("facts.csv", facts);
    const size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    EXPECT_EQ(lines, 51u);
    EXPECT_LT(text.size(), 8000u) << "50 lines of about 115 bytes";
    EXPECT_EQ(text.substr(0, text.find('\n')),
              "facts.csv:2: date: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1000 bytes)' is not a date "
              "(expected YYYY-MM-DD)");
    EXPECT_EQ(text.substr(text.rfind('\n') + 1), "... and 9950 more problems");

    // The command prints the same: 51 problem lines and the closing one.
    const auto cli = merit_test::run_merit("import " + scratch.path().string() + " " +
                                           (scratch.dir() / "facts.csv").string());
    EXPECT_EQ(cli.status, 1);
    EXPECT_EQ(std::count(cli.text.begin(), cli.text.end(), '\n'), 52);
    EXPECT_LT(cli.text.size(), 12000u);
}

TEST_F(HostileInput, HugeNumbersNanAndInfinityAreRefused) {
    EXPECT_EQ(
        problems("facts.csv", std::string(kFactsHeader) +
                                  "customer,C1,deposit,2026-07-01,1e400\n"
                                  "customer,C1,deposit,2026-07-02,99999999999999999999\n"
                                  "customer,C1,deposit,2026-07-03,NaN\n"
                                  "customer,C1,deposit,2026-07-04,inf\n"
                                  "customer,C1,deposit,2026-07-05,-Infinity\n"
                                  "customer,C1,deposit,2026-07-06,-\n"),
        "facts.csv:2: value: '1e400' is not a number (digits, '.' for decimals)\n"
        "facts.csv:3: value: '99999999999999999999' is too large (20 digits before the point; at most 15 "
        "are stored exactly)\n"
        "facts.csv:4: value: 'NaN' is not a number (digits, '.' for decimals)\n"
        "facts.csv:5: value: 'inf' is not a number (digits, '.' for decimals)\n"
        "facts.csv:6: value: '-Infinity' is not a number (digits, '.' for decimals)\n"
        "facts.csv:7: value: '-' is not a number (digits, '.' for decimals)");
    // Money becomes integer fen: 14 digits of yuan would be more than 2^53 fen.
    EXPECT_EQ(
        problems("events.csv",
                 "manager_id,kind,date,amount\n"
                 "M1,fine,2026-07-01,99999999999999999999\n"
                 "M1,fine,2026-07-02,10000000000000.00\n"),
        "events.csv:2: amount: '99999999999999999999' is too large for an amount in yuan (20 digits before "
        "the point; at most 13)\n"
        "events.csv:3: amount: '10000000000000.00' is too large for an amount in yuan (14 digits before the "
        "point; at most 13)");
}

TEST_F(HostileInput, TheLargestValuesAndNegativeBalancesAreStoredExactly) {
    // 9,999,999,999,999.99 yuan = 999,999,999,999,999 fen (< 2^53 = 9,007,199,254,740,992).
    EXPECT_EQ(problems("events.csv",
                       "manager_id,kind,date,amount\nM1,bonus,2026-07-01,9999999999999.99\n"
                       "M1,refund,2026-07-02,-250.50\n"),
              "");
    EXPECT_EQ(scratch.dump("SELECT kind, CAST(round(amount * 100) AS INTEGER) FROM events ORDER BY date"),
              "bonus|999999999999999\nrefund|-25050\n");
    // An overdrawn account and a 15-digit value, as given; leading zeros are not digits.
    EXPECT_EQ(problems("facts.csv", std::string(kFactsHeader) +
                                        "customer,C1,current_account,2026-07-01,-1500.25\n"
                                        "customer,C1,units,2026-07-01,999999999999999\n"
                                        "customer,C1,ratio,2026-07-01,0000000000000000.5\n"),
              "");
    EXPECT_EQ(scratch.dump("SELECT metric, value FROM facts ORDER BY metric"),
              "current_account|-1500.25\nratio|0.5\nunits|999999999999999.0\n");
    EXPECT_EQ(problems("assignments.csv", "customer_id,manager_id,share\nC1,M1,-0.5\n"),
              "assignments.csv:2: share: '-0.5' is outside (0, 1]");
}

TEST_F(HostileInput, DatesOutOfRange) {
    EXPECT_EQ(problems("facts.csv", std::string(kFactsHeader) + "customer,C1,deposit,2026-02-30,1\n"
                                                                "customer,C1,deposit,0000-01-01,1\n"
                                                                "customer,C1,deposit,20261301,1\n"
                                                                "customer,C1,deposit,2026-13-01,1\n"
                                                                "customer,C1,deposit,-001-01-01,1\n"),
              "facts.csv:2: date: '2026-02-30' is not a date (expected YYYY-MM-DD)\n"
              "facts.csv:3: date: '0000-01-01' is not a date (expected YYYY-MM-DD)\n"
              "facts.csv:4: date: '20261301' is not a date (expected YYYY-MM-DD)\n"
              "facts.csv:5: date: '2026-13-01' is not a date (expected YYYY-MM-DD)\n"
              "facts.csv:6: date: '-001-01-01' is not a date (expected YYYY-MM-DD)");
    // The first and last days that can be written are accepted.
    EXPECT_EQ(problems("facts.csv", std::string(kFactsHeader) + "customer,C1,deposit,0001-01-01,1\n"
                                                                "customer,C1,deposit,9999-12-31,2\n"),
              "");
    EXPECT_EQ(scratch.dump("SELECT date, value FROM facts ORDER BY date"),
              "0001-01-01|1.0\n9999-12-31|2.0\n");
    EXPECT_EQ(
        problems("targets.csv", "manager_id,indicator,period,value\nM1,sales,2026-02-30..2026-03-01,1\n"),
        "targets.csv:2: period: invalid period '2026-02-30..2026-03-01': expected YYYY-MM, YYYY-Qn, YYYY-Hn, "
        "YYYY or YYYY-MM-DD..YYYY-MM-DD");
}

TEST_F(HostileInput, BytesThatAreNotUtf8InAFieldOrTheHeader) {
    // Told it is UTF-8, every malformed sequence is refused as such.
    ImportOptions utf8;
    utf8.encoding = "UTF-8";
    EXPECT_EQ(problems("org_units.csv", "id,name\nB2,\xC3\x28\n", utf8),
              "org_units.csv:2: row: not UTF-8 (byte 0xC3)");
    EXPECT_EQ(problems("org_units.csv",
                       "id,n\xFF"
                       "ame\nB2,x\n",
                       utf8),
              "org_units.csv:1: row: not UTF-8 (byte 0xFF)");
    // Overlong '/' (0xC0 0xAF) and a UTF-16 surrogate (0xED 0xA0 0x80).
    EXPECT_EQ(problems("org_units.csv", "id,name\nB2,\xC0\xAF\n", utf8),
              "org_units.csv:2: row: not UTF-8 (byte 0xC0)");
    EXPECT_EQ(problems("org_units.csv", "id,name\nB2,\xED\xA0\x80\n", utf8),
              "org_units.csv:2: row: not UTF-8 (byte 0xED)");
    // Detected: neither UTF-8 nor GB18030, so the hint (0x28 is no GBK trail byte).
    EXPECT_EQ(problems("org_units.csv", "id,name\nB2,\xC3\x28\n"),
              "org_units.csv:2: row: not UTF-8, UTF-16 or GB18030/GBK (byte 0xC3); it looks like "
              "Windows-1252 (Latin-1): import it with --encoding WINDOWS-1252");
}

TEST_F(HostileInput, BomAndCrlfAreAcceptedALoneCarriageReturnIsNot) {
    EXPECT_EQ(problems("org_units.csv", "\xEF\xBB\xBFid,name\r\nB2,Second\r\nB3,\"Two\r\nlines\"\r\n"), "");
    EXPECT_EQ(scratch.dump("SELECT id, hex(name) FROM org_units WHERE id <> 'B1' ORDER BY id"),
              "B2|5365636F6E64\nB3|54776F0D0A6C696E6573\n");  // "Second"; "Two\r\nlines" kept inside quotes
    EXPECT_EQ(problems("org_units.csv", "id,name\rB4,x\n"),
              "org_units.csv:1: header: a carriage return that does not end the line");
}

TEST_F(HostileInput, EmbeddedNulAndControlCharactersInIds) {
    EXPECT_EQ(problems("org_units.csv", std::string("id,name\nB2,A\0B\n", 15)),
              "org_units.csv:2: name: 'A\\x00B' contains a NUL byte");
    EXPECT_EQ(problems("org_units.csv", "id,name\n\"B\n2\",x\n"),
              "org_units.csv:2: id: 'B\\n2' contains a control character");
    EXPECT_EQ(problems("facts.csv", std::string(kFactsHeader) + "customer,\"C\t1\",deposit,2026-07-01,1\n"),
              "facts.csv:2: entity_id: 'C\\t1' contains a control character");
}

TEST_F(HostileInput, VeryLongFields) {
    // A 1 MB name is kept whole; a 300-byte id is not an id; a 100 KB date
    // is named in a message of bounded length.
    const std::string long_name(1 << 20, 'n');
    EXPECT_EQ(problems("org_units.csv", "id,name\nB2," + long_name + "\n"), "");
    EXPECT_EQ(scratch.dump("SELECT length(name) FROM org_units WHERE id = 'B2'"), "1048576\n");
    EXPECT_EQ(problems("org_units.csv", "id,name\n" + std::string(300, 'i') + ",x\n"),
              "org_units.csv:2: id: '" + std::string(40, 'i') +
                  "… (300 bytes)' is too long for an id (at most 200 bytes)");
    EXPECT_EQ(problems("facts.csv", std::string(kFactsHeader) + "customer,C1,deposit," +
                                        std::string(100000, '2') + ",1\n"),
              "facts.csv:2: date: '" + std::string(40, '2') +
                  "… (100000 bytes)' is not a date (expected YYYY-MM-DD)");
    // A value with a line break stays on one line of the report.
    EXPECT_EQ(problems("facts.csv", std::string(kFactsHeader) + "customer,C1,deposit,\"2026-07-01\n\",1\n"),
              "facts.csv:2: date: '2026-07-01\\n' is not a date (expected YYYY-MM-DD)");
    EXPECT_EQ(
        problems("targets.csv", "manager_id,indicator,period,value\nM1,sales,\"2026-Q1\nrm -rf\",1\n"),
        "targets.csv:2: period: '2026-Q1\\nrm -rf' is not a period (expected YYYY-MM, YYYY-Qn, YYYY-Hn, "
        "YYYY or YYYY-MM-DD..YYYY-MM-DD)");
}

}  // namespace
}  // namespace merit
