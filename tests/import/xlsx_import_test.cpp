// Workbooks import like the CSV files they hold: a workbook written the way
// a spreadsheet program writes it (shared strings, date serials, a second
// sheet of notes), one in inline strings, and a minimal hand-built one with
// the 1904 date system give the same workspace as the telecom sample's CSV
// files. Bad workbooks are refused with one line naming book.xlsx:Sheet!C17
// and nothing is imported.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "import/workbook_builder.hpp"

namespace merit {
namespace {

using ::testing::HasSubstr;
using testing::MinimalWorkbook;
using testing::ScratchWorkspace;
using testing::SheetWriter;
using ::testing::StartsWith;

std::string sample(const std::string& table) {
    std::ifstream in(std::filesystem::path(MERIT_SOURCE_DIR) / "config/samples/telecom" / (table + ".csv"),
                     std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::vector<std::string> kTables = {"org_units", "managers", "customers", "metrics",
                                          "facts",     "events",   "targets"};

// Every row of every table, as the workspace holds them.
std::string contents(ScratchWorkspace& s) {
    std::string out;
    for (const std::string& table : kTables) out += table + ":\n" + s.dump("SELECT * FROM " + table);
    return out;
}

std::string from_csv_files() {
    ScratchWorkspace s;
    std::vector<std::filesystem::path> files;
    for (const std::string& table : kTables) files.push_back(s.write(table + ".csv", sample(table)));
    import_files(s.ws(), files, {});
    return contents(s);
}

// The sample's tables as sheets of one workbook, as someone would type
// them into a spreadsheet, after a sheet of notes.
void write_sample_workbook(const std::filesystem::path& path, bool constant_memory) {
    lxw_workbook_options options{};
    options.constant_memory = constant_memory;  // libxlsxwriter then writes inline strings
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    ASSERT_NE(workbook, nullptr);
    SheetWriter writer(workbook);
    lxw_worksheet* notes = workbook_add_worksheet(workbook, "说明");
    worksheet_write_string(notes, 0, 0, "滨江市分公司 2026 年上半年数据", nullptr);
    for (const std::string& table : kTables)
        writer.add_csv_sheet(table, sample(table), *find_table_spec(table),
                             /*builtin_dates=*/table == "managers");
    ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
}

std::string import_problem(ScratchWorkspace& s, const std::vector<std::filesystem::path>& files,
                           ImportOptions options = {}) {
    try {
        import_files(s.ws(), files, options);
    } catch (const ImportError& e) {
        EXPECT_EQ(s.dump("SELECT count(*) FROM org_units"), "0\n") << "nothing is imported";
        return e.what();
    }
    return "imported";
}

TEST(XlsxImport, ASpreadsheetProgramsWorkbookGivesTheCsvFilesWorkspace) {
    const std::string expected = from_csv_files();
    ASSERT_THAT(expected, HasSubstr("TL01|周海涛|TL-E|customer_manager|中级|2017-03-01|active"));
    for (const bool inline_strings : {false, true}) {
        ScratchWorkspace s;
        const auto book = s.dir() / "telecom.xlsx";
        write_sample_workbook(book, inline_strings);
        const auto summaries = import_files(s.ws(), {book}, {});
        ASSERT_EQ(summaries.size(), kTables.size());  // the notes sheet is left alone
        EXPECT_EQ(summaries[4].table, "facts");
        EXPECT_EQ(summaries[4].inserted, 4193u);
        EXPECT_EQ(contents(s), expected) << (inline_strings ? "inline strings" : "shared strings");
        // The data version names each sheet it read.
        EXPECT_THAT(s.dump("SELECT files FROM data_versions"), HasSubstr("telecom.xlsx:facts\""));
    }
}

// The parts of a workbook written by hand: inline strings only, the 1904
// date system, a namespace prefix (x:), cells with and without references,
// a gap (role: its default), a formatted empty row and an empty row between.
std::map<std::string, std::string> hand_built_managers() {
    MinimalWorkbook book;
    book.date1904 = true;
    book.sheets = {{"Sheet1", ""}};
    auto parts = book.parts();
    auto inline_cell = [](const std::string& ref, const std::string& text) {
        return "<x:c r=\"" + ref + "\" t=\"inlineStr\"><x:is><x:t>" + text + "</x:t></x:is></x:c>";
    };
    std::string header = "<x:row r=\"1\">";
    const char* names[] = {"id", "name", "org_unit_id", "role", "grade", "hired_on", "status"};
    for (int c = 0; c < 7; ++c)
        header += inline_cell(std::string(1, static_cast<char>('A' + c)) + "1", names[c]);
    header += "</x:row>";
    // TL01: role left out (D2), hired 2017-03-01 = 41333 days after 1904-01-01.
    const std::string row2 = "<x:row r=\"2\">" + inline_cell("A2", "TL01") + inline_cell("B2", "周海涛") +
                             inline_cell("C2", "TL-E") + inline_cell("E2", "中级") +
                             R"(<x:c r="F2" s="1"><x:v>41333</x:v></x:c>)" + inline_cell("G2", "active") +
                             "</x:row>";
    const std::string formatted_but_empty = R"(<x:row r="3"><x:c r="A3" s="1"/><x:c r="B3"/></x:row>)";
    // TL02 in row 5, its cells without references (A, B, C, ... in order);
    // a rich-text name in runs; hired 2011-07-15 = 39277.
    const std::string row5 =
        R"(<x:row r="5"><x:c t="inlineStr"><x:is><x:t>TL02</x:t></x:is></x:c>)"
        R"(<x:c t="inlineStr"><x:is><x:r><x:t>吴</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>晓燕</x:t></x:r></x:is></x:c>)"
        R"(<x:c t="inlineStr"><x:is><x:t>TL-E</x:t></x:is></x:c>)"
        R"(<x:c t="inlineStr"><x:is><x:t>customer_manager</x:t></x:is></x:c>)"
        R"(<x:c t="inlineStr"><x:is><x:t>高级</x:t></x:is></x:c>)"
        R"(<x:c s="1"><x:v>39277</x:v></x:c><x:c t="inlineStr"><x:is><x:t>active</x:t></x:is></x:c></x:row>)";
    parts["xl/worksheets/sheet1.xml"] =
        R"(<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)" +
        header + row2 + formatted_but_empty + row5 + "</x:sheetData></x:worksheet>";
    return parts;
}

TEST(XlsxImport, AHandBuiltWorkbookWithInlineStringsAnd1904DatesGivesTheCsvWorkspace) {
    const std::string org = "id,name\nTL-E,城东片区\n";
    ScratchWorkspace csv;
    import_files(csv.ws(),
                 {csv.write("org_units.csv", org),
                  csv.write("managers.csv",
                            "id,name,org_unit_id,role,grade,hired_on,status\n"
                            "TL01,周海涛,TL-E,,中级,2017-03-01,active\n"
                            "TL02,吴晓燕,TL-E,customer_manager,高级,2011-07-15,active\n")},
                 {});
    const std::string expected = csv.dump("SELECT * FROM managers");
    EXPECT_EQ(expected,
              "TL01|周海涛|TL-E|customer_manager|中级|2017-03-01|active|1|∅\n"
              "TL02|吴晓燕|TL-E|customer_manager|高级|2011-07-15|active|1|∅\n");

    ScratchWorkspace s;
    const auto book = s.dir() / "managers.xlsx";  // one sheet, Sheet1: the table is the file's name
    testing::write_zip(book, hand_built_managers());
    import_files(s.ws(), {s.write("org_units.csv", org), book}, {});
    EXPECT_EQ(s.dump("SELECT * FROM managers"), expected);
}

// A workbook with an org_units sheet and the sheet `sheet` holding `rows`
// (sheetData XML).
std::filesystem::path hand_built(ScratchWorkspace& s, const std::string& sheet, const std::string& rows,
                                 const std::string& file = "book.xlsx") {
    MinimalWorkbook book;
    book.sheets = {{"org_units", R"(<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>)"
                                 R"(<c r="B1" t="inlineStr"><is><t>name</t></is></c></row>)"
                                 R"(<row r="2"><c r="A2" t="inlineStr"><is><t>B1</t></is></c>)"
                                 R"(<c r="B2" t="inlineStr"><is><t>营业部</t></is></c></row>)"},
                   {sheet, rows}};
    const auto path = s.dir() / file;
    testing::write_zip(path, book.parts());
    return path;
}

std::string inline_row(int row, const std::vector<std::string>& texts) {
    std::string out = "<row r=\"" + std::to_string(row) + "\">";
    for (size_t c = 0; c < texts.size(); ++c)
        if (!texts[c].empty())
            out += "<c r=\"" + std::string(1, static_cast<char>('A' + c)) + std::to_string(row) +
                   "\" t=\"inlineStr\"><is><t>" + texts[c] + "</t></is></c>";
    return out + "</row>";
}

const std::string kFactsHeader = inline_row(1, {"entity", "entity_id", "metric", "date", "value"});

TEST(XlsxImport, AnErrorCellIsRefusedWithItsCell) {
    ScratchWorkspace s;
    const std::string rows =
        kFactsHeader +
        R"(<row r="2"><c r="A2" t="inlineStr"><is><t>org_unit</t></is></c><c r="B2" t="inlineStr"><is><t>B1</t></is></c>)"
        R"(<c r="C2" t="inlineStr"><is><t>deposits</t></is></c><c r="D2" s="1"><v>46204</v></c><c r="E2"><v>1.5E3</v></c></row>)"
        R"(<row r="3"><c r="A3" t="inlineStr"><is><t>org_unit</t></is></c><c r="B3" t="inlineStr"><is><t>B1</t></is></c>)"
        R"(<c r="C3" t="inlineStr"><is><t>loans</t></is></c><c r="D3" s="1"><v>46204</v></c>)"
        R"(<c r="E3" t="e"><f>E2/0</f><v>#DIV/0!</v></c></row>)";
    EXPECT_EQ(import_problem(s, {hand_built(s, "facts", rows)}),
              (s.dir() / "book.xlsx").string() +
                  ":facts!E3: value: the cell holds Excel's error #DIV/0! (fix the formula or its inputs)");
    // Without the error the same sheet imports, 1.5E3 as 1500 on 2026-07-01.
    ScratchWorkspace good;
    const std::string fixed = rows.substr(0, rows.find("<row r=\"3\">"));
    import_files(good.ws(), {hand_built(good, "facts", fixed)}, {});
    EXPECT_EQ(good.dump("SELECT entity_id, metric, date, value FROM facts"),
              "B1|deposits|2026-07-01|1500.0\n");
}

// The sample's managers and targets, the targets' header placed at B3 (a
// sheet whose table does not start at A1), with `bad` typed into E17.
std::filesystem::path targets_workbook(ScratchWorkspace& s, const char* bad) {
    const auto path = s.dir() / "book.xlsx";
    lxw_workbook* workbook = workbook_new(path.c_str());
    SheetWriter writer(workbook);
    for (const std::string table : {"org_units", "managers"})
        writer.add_csv_sheet(table, sample(table), *find_table_spec(table));
    writer.add_csv_sheet("targets", sample("targets"), *find_table_spec("targets"), false, 2, 1);
    // Row 17 (0-based 16) is the sheet's 14th row of data; E is its value.
    worksheet_write_string(workbook_get_worksheet_by_name(workbook, "targets"), 16, 4, bad, nullptr);
    EXPECT_EQ(workbook_close(workbook), LXW_NO_ERROR);
    return path;
}

TEST(XlsxImport, TextInANumberColumnNamesItsCell) {
    ScratchWorkspace s;
    const auto book = targets_workbook(s, "n/a");
    EXPECT_EQ(import_problem(s, {book}),
              book.string() + ":targets!E17: value: 'n/a' is not a number (digits, '.' for decimals)");
    ScratchWorkspace good;
    const auto fine = targets_workbook(good, "42");
    import_files(good.ws(), {fine}, {});
    EXPECT_EQ(good.dump("SELECT count(*) FROM targets"), "90\n");
}

TEST(XlsxImport, ARepeatedKeyNamesBothRows) {
    ScratchWorkspace s;
    const std::string rows = inline_row(1, {"id", "name", "org_unit_id"}) +
                             inline_row(2, {"M1", "王芳", "B1"}) + inline_row(4, {"M1", "王芳芳", "B1"});
    EXPECT_EQ(import_problem(s, {hand_built(s, "managers", rows)}),
              (s.dir() / "book.xlsx").string() + ":managers!4:4: id: duplicate key: same as row 2");
}

TEST(XlsxImport, SheetsPickedByNameOrByTheSheetOption) {
    ScratchWorkspace s;
    const std::string rows =
        inline_row(1, {"id", "name", "org_unit_id"}) + inline_row(2, {"M1", "王芳", "B1"});
    const auto book = hand_built(s, "managers", rows);
    ImportOptions only_org;
    only_org.sheet = "org_units";
    import_files(s.ws(), {book}, only_org);
    EXPECT_EQ(s.dump("SELECT count(*) FROM managers"), "0\n");
    EXPECT_EQ(s.dump("SELECT id, name FROM org_units"), "B1|营业部\n");

    ScratchWorkspace t;
    ImportOptions unknown;
    unknown.sheet = "nope";
    const auto other = hand_built(t, "managers", rows);
    EXPECT_EQ(import_problem(t, {other}, unknown),
              other.string() + ": --sheet 'nope': no such sheet (the workbook has 'org_units', 'managers')");
    ImportOptions table_without_sheet;
    table_without_sheet.table = "managers";
    EXPECT_EQ(import_problem(t, {other}, table_without_sheet),
              other.string() +
                  ": --table: the workbook has 2 sheets ('org_units', 'managers'); pick one with --sheet");
    const auto unnamed = t.dir() / "data.xlsx";
    MinimalWorkbook two;
    two.sheets = {{"Sheet1", ""}, {"Sheet2", ""}};
    testing::write_zip(unnamed, two.parts());
    EXPECT_THAT(import_problem(t, {unnamed}),
                StartsWith(unnamed.string() + ": no sheet is named after a table (the workbook has 'Sheet1', "
                                              "'Sheet2'): name the sheets after their tables (org_units, "));
}

TEST(XlsxImport, ValuesOutsideTheHeaderAreRefused) {
    ScratchWorkspace s;
    const std::string rows =
        inline_row(1, {"id", "name", "org_unit_id"}) + inline_row(2, {"M1", "王芳", "B1", "x"});
    EXPECT_EQ(import_problem(s, {hand_built(s, "managers", rows)}),
              (s.dir() / "book.xlsx").string() +
                  ":managers!D2: row: a value in a column without a header (the header spans A1 to C1)");
}

TEST(XlsxImport, FilesThatAreNoWorkbookAreRefusedWithWhatTheyAre) {
    ScratchWorkspace s;
    const auto text = s.write("managers.xlsx", "id,name,org_unit_id\nM1,王芳,B1\n");
    EXPECT_EQ(import_problem(s, {text}),
              text.string() +
                  ": not an Excel workbook (.xlsx): it looks like a text file: a CSV file must be "
                  "named <table>.csv");
    const auto old = s.write("managers2.xlsx",
                             std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'));
    EXPECT_THAT(import_problem(s, {old}),
                HasSubstr("it is an Excel 97-2003 (.xls) or password-protected workbook"));
    const auto xls = s.write("managers.xls", "whatever");
    EXPECT_THAT(import_problem(s, {xls}),
                HasSubstr("an Excel 97-2003 workbook (.xls): open it in Excel and save"));

    // A real workbook cut in half (a download that stopped).
    const std::string rows =
        inline_row(1, {"id", "name", "org_unit_id"}) + inline_row(2, {"M1", "王芳", "B1"});
    const auto book = hand_built(s, "managers", rows);
    std::ifstream in(book, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto cut = s.write("cut.xlsx", bytes.substr(0, bytes.size() / 2));
    const std::string problem = import_problem(s, {cut});
    EXPECT_THAT(problem, StartsWith(cut.string() + ": the workbook's ZIP archive is damaged (cut short?): "));
    EXPECT_EQ(problem.find('\n'), std::string::npos);
}

TEST(XlsxImport, HostilePartsAreRefusedOnOneLine) {
    ScratchWorkspace s;
    const std::string rows =
        inline_row(1, {"id", "name", "org_unit_id"}) + inline_row(2, {"M1", "王芳", "B1"});
    MinimalWorkbook book;
    book.sheets = {{"managers", rows}};
    const auto path = s.dir() / "book.xlsx";

    // Billion laughs: entities inside entities, declared in a DTD.
    book.shared_strings =
        R"(<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">)"
        R"(<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>)"
        R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&c;</t></si></sst>)";
    testing::write_zip(path, book.parts());
    EXPECT_EQ(import_problem(s, {path}),
              path.string() +
                  ": xl/sharedStrings.xml:1: a document type declaration (DTD), which "
                  "workbook parts never have");

    // A zip bomb: a sheet that inflates past the cap (here 1 MiB, to keep
    // the test small; 1 GiB in use).
    book.shared_strings.clear();
    book.sheets = {{"managers", rows + std::string(2 << 20, ' ')}};
    testing::write_zip(path, book.parts());
    ImportOptions capped;
    capped.workbook_limits.max_entry_bytes = 1 << 20;
    EXPECT_EQ(import_problem(s, {path}, capped),
              path.string() +
                  ": xl/worksheets/sheet1.xml: inflates to more than 1048576 bytes (the limit for "
                  "one part; a zip bomb?)");
    ImportOptions total;
    total.workbook_limits.max_total_bytes = 1 << 20;
    EXPECT_THAT(import_problem(s, {path}, total),
                HasSubstr("the workbook inflates to more than 1048576 bytes"));

    // A part the workbook names but the archive lacks, and broken XML.
    book.sheets = {{"managers", rows}};
    auto parts = book.parts();
    parts.erase("xl/worksheets/sheet1.xml");
    testing::write_zip(path, parts);
    EXPECT_EQ(import_problem(s, {path}),
              path.string() + ": the workbook has no part xl/worksheets/sheet1.xml");
    parts = book.parts();
    parts["xl/worksheets/sheet1.xml"] = "<worksheet><sheetData><row></sheetData>";
    testing::write_zip(path, parts);
    EXPECT_EQ(import_problem(s, {path}),
              path.string() + ": xl/worksheets/sheet1.xml:1: not well-formed XML: mismatched tag");
    parts = book.parts();
    parts.erase("_rels/.rels");
    testing::write_zip(path, parts);
    EXPECT_THAT(import_problem(s, {path}),
                HasSubstr(": not an Excel workbook (.xlsx): the ZIP archive has no "
                          "workbook part"));
    // A shared string the sheet names but sharedStrings.xml lacks.
    book.shared_strings =
        R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>id</t></si></sst>)";
    book.sheets = {
        {"managers", R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>)"}};
    testing::write_zip(path, book.parts());
    EXPECT_EQ(import_problem(s, {path}),
              path.string() + ":managers!B1: header: shared string '7' is not in sharedStrings.xml");
}

TEST(XlsxImport, ADirectoryTakesWorkbooksNamedLikeTablesAndLeavesOthersAlone) {
    ScratchWorkspace s;
    const std::string rows =
        inline_row(1, {"id", "name", "org_unit_id"}) + inline_row(2, {"M1", "王芳", "B1"});
    const auto dir = s.dir() / "in";
    std::filesystem::create_directories(dir);
    MinimalWorkbook managers;
    managers.sheets = {{"Sheet1", rows}};
    testing::write_zip(dir / "managers.xlsx", managers.parts());
    s.write("in/org_units.csv", "id,name\nB1,营业部\n");
    MinimalWorkbook report;  // merit report's output sitting in the same folder
    report.sheets = {{"排名", inline_row(1, {"名次"})}};
    testing::write_zip(dir / "report.xlsx", report.parts());
    s.write("in/~$managers.xlsx", "lock");
    const auto summaries = import_directory(s.ws(), dir, {});
    ASSERT_EQ(summaries.size(), 2u);
    EXPECT_EQ(s.dump("SELECT id, name, org_unit_id FROM managers"), "M1|王芳|B1\n");
}

}  // namespace
}  // namespace merit
