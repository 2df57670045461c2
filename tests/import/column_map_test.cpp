// An organisation's own headers and formats, mapped to the contract's: a
// file with Chinese headers, 2026/07/01 and 20260701 dates, 1,234.50
// amounts and balances in 万元 imports to the same workspace as the
// contract's file; a bad mapping is refused naming its JSON path.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <boost/json/parse.hpp>

#include "import/column_map.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "import/workbook_builder.hpp"
#include "plugin/host_config.hpp"

namespace merit {
namespace {

using ::testing::HasSubstr;
using testing::ScratchWorkspace;

const std::string kOrgUnits = "id,name\nB1,营业部\n";

// The contract's files, and the same data as a core-banking export has it.
const std::string kManagers =
    "id,name,org_unit_id,hired_on\n"
    "M1,王芳,B1,2019-03-01\n"
    "M2,李强,B1,2021-11-15\n";
const std::string kManagersExport =
    "工号,姓名,机构号,入职日期\n"
    "M1,王芳,B1,2019/03/01\n"
    "M2,李强,B1,2021/11/15\n";
const std::string kFacts =
    "entity,entity_id,metric,date,value\n"
    "manager,M1,deposits,2026-07-01,12345000\n"
    "manager,M2,deposits,2026-07-01,800.5\n"
    "manager,M1,deposits,2026-06-30,1234.5\n";
// 余额 in 万元: 1,234.5 万元 is 12,345,000 yuan; 0.08005 万元 is 800.5 yuan.
const std::string kFactsExport =
    "对象,编号,指标,日期,余额(万元)\n"
    "manager,M1,deposits,20260701,\"1,234.5\"\n"
    "manager,M2,deposits,20260701,0.08005\n"
    "manager,M1,deposits,20260630,0.12345\n";

const std::string kMapping = R"json({
  "managers": {"工号": "id", "姓名": "name", "机构号": "org_unit_id",
               "入职日期": {"column": "hired_on", "date_format": "%Y/%m/%d"}},
  "facts": {"对象": "entity", "编号": "entity_id", "指标": "metric",
            "日期": {"column": "date", "date_format": "%Y%m%d"},
            "余额(万元)": {"column": "value", "thousands": ",", "scale": 10000}}
})json";

std::string contents(ScratchWorkspace& s) {
    return s.dump("SELECT id, name, org_unit_id, hired_on FROM managers") +
           s.dump("SELECT entity, entity_id, metric, date, value FROM facts ORDER BY date, entity_id");
}

ImportOptions mapped(ScratchWorkspace& s, const std::string& mapping = kMapping) {
    ImportOptions options;
    options.columns = std::make_shared<const ColumnMap>(ColumnMap::load(s.write("map.json", mapping)));
    return options;
}

std::string problem(ScratchWorkspace& s, const std::string& mapping) {
    try {
        ColumnMap::load(s.write("map.json", mapping));
    } catch (const ImportError& e) {
        const std::string prefix = (s.dir() / "map.json").string() + ": ";
        std::string text = e.what();
        for (size_t at = 0; (at = text.find(prefix, at)) != std::string::npos;) text.erase(at, prefix.size());
        return text;
    }
    return "loaded";
}

TEST(ColumnMap, AMappedExportImportsLikeTheContractsFile) {
    ScratchWorkspace contract;
    import_files(contract.ws(),
                 {contract.write("org_units.csv", kOrgUnits), contract.write("managers.csv", kManagers),
                  contract.write("facts.csv", kFacts)},
                 {});
    const std::string expected = contents(contract);
    EXPECT_EQ(expected,
              "M1|王芳|B1|2019-03-01\nM2|李强|B1|2021-11-15\n"
              "manager|M1|deposits|2026-06-30|1234.5\n"
              "manager|M1|deposits|2026-07-01|12345000.0\n"
              "manager|M2|deposits|2026-07-01|800.5\n");

    ScratchWorkspace s;
    import_files(s.ws(),
                 {s.write("org_units.csv", kOrgUnits), s.write("managers.csv", kManagersExport),
                  s.write("facts.csv", kFactsExport)},
                 mapped(s));
    EXPECT_EQ(contents(s), expected);
    // The data version's audit entry says which mapping read the files.
    EXPECT_THAT(s.dump("SELECT detail FROM audit_log WHERE action = 'import'"), HasSubstr("map.json\""));
}

TEST(ColumnMap, AMappedWorksheetImportsLikeTheContractsFile) {
    // The same export typed into a workbook: dates as date cells (already
    // days), numbers as numbers; the map's formats still apply to text.
    ScratchWorkspace contract;
    import_files(contract.ws(),
                 {contract.write("org_units.csv", kOrgUnits), contract.write("managers.csv", kManagers)}, {});
    ScratchWorkspace s;
    const auto book = s.dir() / "managers.xlsx";
    lxw_workbook* workbook = workbook_new(book.c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "花名册");
    lxw_format* date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
    const char* header[] = {"工号", "姓名", "机构号", "入职日期"};
    for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(sheet, 0, c, header[c], nullptr);
    worksheet_write_string(sheet, 1, 0, "M1", nullptr);
    worksheet_write_string(sheet, 1, 1, "王芳", nullptr);
    worksheet_write_string(sheet, 1, 2, "B1", nullptr);
    lxw_datetime hired{2019, 3, 1, 0, 0, 0};
    worksheet_write_datetime(sheet, 1, 3, &hired, date);
    worksheet_write_string(sheet, 2, 0, "M2", nullptr);
    worksheet_write_string(sheet, 2, 1, "李强", nullptr);
    worksheet_write_string(sheet, 2, 2, "B1", nullptr);
    worksheet_write_string(sheet, 2, 3, "2021/11/15", nullptr);  // typed as text
    ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
    import_files(s.ws(), {s.write("org_units.csv", kOrgUnits), book}, mapped(s));
    EXPECT_EQ(s.dump("SELECT id, name, org_unit_id, hired_on FROM managers"),
              contract.dump("SELECT id, name, org_unit_id, hired_on FROM managers"));
}

std::string import_problem(ScratchWorkspace& s, const std::string& managers, const ImportOptions& options) {
    try {
        import_files(s.ws(), {s.write("org_units.csv", kOrgUnits), s.write("managers.csv", managers)},
                     options);
    } catch (const ImportError& e) {
        EXPECT_EQ(s.dump("SELECT count(*) FROM org_units"), "0\n");
        const std::string prefix = s.dir().string() + "/";
        std::string text = e.what();
        for (size_t at = 0; (at = text.find(prefix, at)) != std::string::npos;) text.erase(at, prefix.size());
        return text;
    }
    return "imported";
}

TEST(ColumnMap, WithoutAMappingTheContractsHeadersAreRequired) {
    ScratchWorkspace s;
    const std::string expected = "(expected id, name, org_unit_id, role, grade, hired_on, status, valid_from";
    std::string lines;
    for (const char* header : {"工号", "姓名", "机构号", "入职日期"})
        lines +=
            fmt::format("managers.csv:1: {}: unknown column {}; --lenient ignores it)\n", header, expected);
    for (const char* column : {"id", "name", "org_unit_id"})
        lines += fmt::format("managers.csv:1: {}: required column is missing {})\n", column, expected);
    lines.pop_back();
    EXPECT_EQ(import_problem(s, kManagersExport, {}), lines);
}

TEST(ColumnMap, CellsNotInTheDeclaredFormatNameTheirHeader) {
    ScratchWorkspace s;
    const ImportOptions options = mapped(s);
    EXPECT_EQ(import_problem(s, "工号,姓名,机构号,入职日期\nM1,王芳,B1,2019/13/01\nM2,李强,B1,01.03.2019\n",
                             options),
              "managers.csv:2: hired_on (入职日期): '2019/13/01' is not a date in the format %Y/%m/%d (nor "
              "YYYY-MM-DD)\n"
              "managers.csv:3: hired_on (入职日期): '01.03.2019' is not a date in the format %Y/%m/%d (nor "
              "YYYY-MM-DD)");
    // One-digit months and days, as Excel in Chinese writes them, and the
    // contract's own spelling, are read.
    ScratchWorkspace t;
    EXPECT_EQ(import_problem(t, "工号,姓名,机构号,入职日期\nM1,王芳,B1,2019/3/1\nM2,李强,B1,2021-11-15\n",
                             mapped(t)),
              "imported");
    EXPECT_EQ(t.dump("SELECT hired_on FROM managers"), "2019-03-01\n2021-11-15\n");
    // Thousands in groups of three only: 12,34 is no number as declared.
    ScratchWorkspace f;
    try {
        import_files(f.ws(),
                     {f.write("org_units.csv", kOrgUnits), f.write("managers.csv", kManagersExport),
                      f.write("facts.csv",
                              "对象,编号,指标,日期,余额(万元)\nmanager,M1,deposits,20260701,\"12,34\"\n")},
                     mapped(f));
        ADD_FAILURE() << "imported";
    } catch (const ImportError& e) {
        EXPECT_THAT(e.what(),
                    HasSubstr("facts.csv:2: value (余额(万元)): '12,34' is not a number as declared "
                              "(thousands separator ',', × 10^4)"));
    }
    // A required column the file lacks names the headers that map to it.
    ScratchWorkspace m;
    EXPECT_EQ(import_problem(m, "姓名,机构号\n王芳,B1\n", mapped(m)),
              "managers.csv:1: id: required column is missing (expected id, name, org_unit_id, role, grade, "
              "hired_on, status, valid_from; map.json maps '工号' to it)");
}

TEST(ColumnMap, BadMappingsNameTheirJsonPath) {
    ScratchWorkspace s;
    EXPECT_EQ(problem(s, R"({"staff": {"工号": "id"}})"),
              "staff: unknown table (expected one of org_units, roles, managers, customers, assignments, "
              "metrics, facts, "
              "events, targets, ratings)");
    EXPECT_EQ(
        problem(s, R"({"managers": {"工号": "employee_id"}})"),
        "managers.工号: 'employee_id' is no column of managers (expected id, name, org_unit_id, role, grade, "
        "hired_on, status, valid_from)");
    EXPECT_EQ(problem(s, R"({"managers": {"工号": "id", "员工号": "id"}})"),
              "managers.员工号: maps to id, as '工号' does already (one header per column)");
    EXPECT_EQ(problem(s, R"({"managers": {"入职": {"column": "hired_on", "date_format": "%Y-%m-%d %H"}}})"),
              "managers.入职.date_format: '%Y-%m-%d %H' %H is not supported (use %Y, %m and %d)");
    EXPECT_EQ(problem(s, R"({"managers": {"入职": {"column": "hired_on", "date_format": "%Y%m"}}})"),
              "managers.入职.date_format: '%Y%m' must have %Y, %m and %d once each");
    EXPECT_EQ(problem(s, R"({"managers": {"姓名": {"column": "name", "date_format": "%Y%m%d"}}})"),
              "managers.姓名.date_format: name is no date column");
    EXPECT_EQ(problem(s, R"({"facts": {"余额": {"column": "value", "scale": 3000}}})"),
              "facts.余额.scale: must be a power of ten from 0.00000001 to 100000000 (万元: 10000, 亿元: "
              "100000000)");
    EXPECT_EQ(problem(s, R"({"facts": {"余额": {"column": "value", "thousands": "."}}})"),
              "facts.余额.thousands: must be the separator between digit groups, such as \",\" (not a digit, "
              "'.' or "
              "'-')");
    EXPECT_EQ(problem(s, R"({"facts": {"余额": {"column": "value", "scale": 10000, "unit": "万元"}}})"),
              "facts.余额.unit: unknown key (expected column, date_format, thousands, scale)");
    EXPECT_EQ(problem(s, R"({"facts": {"余额": 7}})"),
              "facts.余额: must be the contract's column name, or an object with \"column\" and its format");
    EXPECT_EQ(problem(s, R"(["managers"])"),
              "(the top): must be an object of tables, each mapping headers to columns");
    // Two equal keys: a reader would keep one without a word.
    EXPECT_EQ(problem(s, "{\"managers\": {\"工号\": \"id\",\n  \"工号\": \"name\"}}"),
              "managers.工号: duplicate key (line 2, first at line 1): a JSON reader keeps only one of them");
    EXPECT_THAT(problem(s, "{\"managers\": {\"工号\": \"id\",}}"), HasSubstr("map.json:1: not valid JSON: "));
    // Every problem, one line each.
    EXPECT_EQ(
        problem(s, R"({"staff": {}, "managers": {"工号": "employee_id"}})"),
        "staff: unknown table (expected one of org_units, roles, managers, customers, assignments, metrics, "
        "facts, "
        "events, targets, ratings)\n"
        "managers.工号: 'employee_id' is no column of managers (expected id, name, org_unit_id, role, grade, "
        "hired_on, status, valid_from)");
    // A "//" key is a comment.
    EXPECT_EQ(problem(s, R"({"//": "from the core-banking export", "managers": {"//": "HR", "工号": "id"}})"),
              "loaded");
}

TEST(ColumnMap, MeritJsonsColumnsSectionIsAMappingToo) {
    ScratchWorkspace s;
    const auto config =
        HostConfig::load(s.write("merit.json", R"({"plugin_dirs": [], "columns": )" + kMapping + "}"));
    ASSERT_TRUE(config.columns);
    ImportOptions options;
    options.columns =
        std::make_shared<const ColumnMap>(ColumnMap::parse(*config.columns, "merit.json", "columns"));
    EXPECT_EQ(import_problem(s, kManagersExport, options), "imported");
    EXPECT_EQ(s.dump("SELECT id, hired_on FROM managers"), "M1|2019-03-01\nM2|2021-11-15\n");
    try {
        ColumnMap::parse(boost::json::parse(R"({"managers": {"工号": "staff_no"}})"), "merit.json",
                         "columns");
        ADD_FAILURE() << "parsed";
    } catch (const ImportError& e) {
        EXPECT_EQ(
            std::string(e.what()),
            "merit.json: columns.managers.工号: 'staff_no' is no column of managers (expected id, name, "
            "org_unit_id, role, grade, hired_on, status, valid_from)");
    }
    try {
        HostConfig::load(s.write("dup.json", "{\"columns\": {},\n \"columns\": {}}"));
        ADD_FAILURE() << "loaded";
    } catch (const UserError& e) {
        EXPECT_THAT(e.what(), HasSubstr("dup.json: columns: duplicate key (line 2, first at line 1)"));
    }
}

TEST(ColumnFormats, DatesAndNumbersAsDeclared) {
    DateFormat format;
    ASSERT_FALSE(DateFormat::parse("%Y年%m月%d日", format));
    EXPECT_EQ(format.to_iso("2026年7月1日"), "2026-07-01");
    EXPECT_EQ(format.to_iso("2026年07月01日"), "2026-07-01");
    EXPECT_EQ(format.to_iso("2026年2月30日"), std::nullopt);  // no such day
    ASSERT_FALSE(DateFormat::parse("%Y%m%d", format));
    EXPECT_EQ(format.to_iso("20260701"), "2026-07-01");
    EXPECT_EQ(format.to_iso("2026071"), std::nullopt);  // packed fields take their full width
    EXPECT_EQ(format.to_iso("202607011"), std::nullopt);
    ASSERT_FALSE(DateFormat::parse("%d/%m/%Y", format));
    EXPECT_EQ(format.to_iso("1/7/2026"), "2026-07-01");

    std::string out;
    NumberFormat wan{",", 4};
    EXPECT_FALSE(wan.to_plain("1,234.5", out));
    EXPECT_EQ(out, "12345000");
    EXPECT_FALSE(wan.to_plain("-0.00012", out));
    EXPECT_EQ(out, "-1.2");
    EXPECT_FALSE(wan.to_plain("1,234,567.891", out));
    EXPECT_EQ(out, "12345678910");
    EXPECT_TRUE(wan.to_plain("1,2345", out));
    EXPECT_TRUE(wan.to_plain(",123", out));
    EXPECT_TRUE(wan.to_plain("1234,567", out));
    EXPECT_TRUE(wan.to_plain("1.2.3", out));
    EXPECT_TRUE(wan.to_plain("1e5", out));
    NumberFormat fen{"", -2};
    EXPECT_FALSE(fen.to_plain("123456", out));
    EXPECT_EQ(out, "1234.56");
    EXPECT_TRUE(fen.to_plain("1,234", out));
}

}  // namespace
}  // namespace merit
