// Issue 21 point 7: the data contract ships with the install, rendered from
// the importer's own specs, and `merit help` finds it and every command's help.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "import/csv_reference.hpp"
#include "import/table_specs.hpp"
#include "support/merit_cli.hpp"

namespace merit {
namespace {

const std::filesystem::path kStage = MERIT_STAGE_DIR;

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(CsvReference, NamesEveryTableAndColumnTheImporterChecks) {
    const std::string doc = csv_reference_markdown(kStage / "share/merit/config/samples");
    for (const TableSpec& table : table_specs()) {
        EXPECT_NE(doc.find("## " + std::string(table.name) + "\n"), std::string::npos) << table.name;
        for (const ColumnSpec& column : table.columns)
            EXPECT_NE(doc.find("| `" + std::string(column.name) + "`"), std::string::npos)
                << table.name << "." << column.name;
    }
    EXPECT_NE(doc.find("| `valid_from` (key) | date (YYYY-MM-DD) | no | `0001-01-01` |"), std::string::npos);
    EXPECT_NE(
        doc.find("| `rater_role` (key) | one of the values listed | yes |  | `self`, `supervisor`, `peer`"),
        std::string::npos);
    // The example is the banking sample's first row.
    EXPECT_NE(doc.find("```csv\nid,name,org_unit_id,role,grade,hired_on,status\nCM01,赵建国,SB01,"),
              std::string::npos);
}

TEST(CsvReference, TheDocumentationIsStagedAndMeritHelpFindsIt) {
    const auto doc = kStage / "share/merit/doc";
    for (const char* file : {"CSV.md", "SCHEMES.md", "PLUGINS.md"})
        EXPECT_TRUE(std::filesystem::is_regular_file(doc / file)) << file;
    const auto csv = merit_test::run_merit("help csv 2>&1");
    EXPECT_EQ(csv.status, 0);
    EXPECT_EQ(csv.text, read_file(doc / "CSV.md"));
    EXPECT_EQ(read_file(doc / "PLUGINS.md").rfind("# Writing a Merit plugin", 0), 0u);
    const auto import = merit_test::run_merit("help import 2>&1");
    EXPECT_EQ(import.status, 0);
    EXPECT_NE(import.text.find("--replace-period"), std::string::npos) << import.text;
    EXPECT_NE(import.text.find("See also " + (doc / "CSV.md").lexically_normal().string()), std::string::npos)
        << import.text;
    const auto sub = merit_test::run_merit("help runs delete 2>&1");
    EXPECT_NE(sub.text.find("Delete a draft run"), std::string::npos) << sub.text;
    const auto overview = merit_test::run_merit("help 2>&1");
    EXPECT_NE(overview.text.find("merit help scheme"), std::string::npos) << overview.text;
    const auto unknown = merit_test::run_merit("help nosuch 2>&1");
    EXPECT_EQ(unknown.status, 2);
    EXPECT_EQ(unknown.text, "merit: error: help: no command or topic 'nosuch' (merit help lists them)\n");
}

}  // namespace
}  // namespace merit
