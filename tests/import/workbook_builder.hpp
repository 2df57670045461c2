// Workbooks for the import tests, made two ways: with libxlsxwriter, which
// writes what a spreadsheet program writes (shared strings, date serials in
// a date format, or inline strings in its constant-memory mode), and byte by
// byte with libzip, for the parts no writer produces on request (inline
// strings with the 1904 date system, error cells, hostile XML, zip bombs).
#pragma once

#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "import/csv_reader.hpp"
#include "import/table_specs.hpp"

namespace merit::testing {

// A ZIP archive of `parts` (name → bytes), deflated.
inline void write_zip(const std::filesystem::path& path, const std::map<std::string, std::string>& parts) {
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    ASSERT_NE(zip, nullptr) << "zip_open " << error;
    for (const auto& [name, bytes] : parts) {
        zip_source_t* source = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
        ASSERT_NE(source, nullptr);
        ASSERT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE), 0);
    }
    ASSERT_EQ(zip_close(zip), 0) << zip_strerror(zip);
}

// The parts of a minimal workbook: `sheets` are (name, sheetData XML)
// pairs; `styles` is the cellXfs content (default: xf 0 General, xf 1 the
// built-in date format 14).
struct MinimalWorkbook {
    std::vector<std::pair<std::string, std::string>> sheets;
    bool date1904 = false;
    std::string shared_strings;  // the <sst> content, or none
    std::string cell_formats = R"(<xf numFmtId="0"/><xf numFmtId="14"/>)";
    std::string number_formats;  // <numFmt .../> elements

    std::map<std::string, std::string> parts() const {
        const std::string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        std::map<std::string, std::string> out;
        out["[Content_Types].xml"] =
            R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
            R"(<Default Extension="xml" ContentType="application/xml"/></Types>)";
        out["_rels/.rels"] =
            R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
            R"(<Relationship Id="rId1" Type=")" +
            rel + R"(/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
        std::string sheets_xml, rels_xml;
        for (size_t i = 0; i < sheets.size(); ++i) {
            const std::string n = std::to_string(i + 1);
            sheets_xml +=
                "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
            rels_xml += "<Relationship Id=\"rId" + n + "\" Type=\"" + rel +
                        "/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
            out["xl/worksheets/sheet" + n + ".xml"] = "<?xml version=\"1.0\"?><worksheet xmlns=\"" + main +
                                                      "\"><sheetData>" + sheets[i].second +
                                                      "</sheetData></worksheet>";
        }
        rels_xml += "<Relationship Id=\"rIdS\" Type=\"" + rel + "/styles\" Target=\"styles.xml\"/>";
        if (!shared_strings.empty()) {
            rels_xml +=
                "<Relationship Id=\"rIdT\" Type=\"" + rel + "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
            out["xl/sharedStrings.xml"] = shared_strings;
        }
        out["xl/workbook.xml"] = "<?xml version=\"1.0\"?><workbook xmlns=\"" + main + "\" xmlns:r=\"" + rel +
                                 "\"><workbookPr" + (date1904 ? " date1904=\"1\"" : "") + "/><sheets>" +
                                 sheets_xml + "</sheets></workbook>";
        out["xl/_rels/workbook.xml.rels"] =
            R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)" +
            rels_xml + "</Relationships>";
        out["xl/styles.xml"] = "<?xml version=\"1.0\"?><styleSheet xmlns=\"" + main + "\"><numFmts>" +
                               number_formats + "</numFmts><cellXfs>" + cell_formats +
                               "</cellXfs></styleSheet>";
        return out;
    }
};

// How a spreadsheet user would type a CSV file's cells into a sheet: dates
// as dates (date serials in a date format), numbers as numbers, the rest as
// text; empty cells left out.
class SheetWriter {
public:
    SheetWriter(lxw_workbook* workbook) : workbook_(workbook) {
        iso_date_ = workbook_add_format(workbook);
        format_set_num_format(iso_date_, "yyyy-mm-dd");
        builtin_date_ = workbook_add_format(workbook);
        format_set_num_format_index(builtin_date_, 14);  // m/d/yyyy, Excel's short date
    }

    // The CSV text as sheet `name` (a table's name: its columns' kinds say
    // which cells are dates and numbers); `first_row`/`first_column` place the
    // header (0-based).
    void add_csv_sheet(const std::string& name, const std::string& csv, const TableSpec& table,
                       bool builtin_dates = false, int first_row = 0, int first_column = 0) {
        lxw_worksheet* sheet = workbook_add_worksheet(workbook_, name.c_str());
        CsvReader reader(csv);
        std::vector<std::string_view> fields, header;
        std::vector<std::string> names;
        int row = first_row;
        std::vector<FieldKind> kinds;
        while (reader.next(fields) == CsvReader::Status::record) {
            if (names.empty()) {
                for (auto f : fields) {
                    names.emplace_back(f);
                    FieldKind kind = FieldKind::text;
                    for (const ColumnSpec& column : table.columns)
                        if (column.name == f) kind = column.kind;
                    kinds.push_back(kind);
                }
            }
            for (size_t c = 0; c < fields.size(); ++c) {
                const std::string cell(fields[c]);
                const auto col = static_cast<lxw_col_t>(first_column + static_cast<int>(c));
                const auto r = static_cast<lxw_row_t>(row);
                if (cell.empty()) continue;
                const bool data = row > first_row;
                if (data && kinds[c] == FieldKind::date) {
                    lxw_datetime when{std::atoi(cell.substr(0, 4).c_str()),
                                      std::atoi(cell.substr(5, 2).c_str()),
                                      std::atoi(cell.substr(8, 2).c_str()),
                                      0,
                                      0,
                                      0};
                    worksheet_write_datetime(sheet, r, col, &when, builtin_dates ? builtin_date_ : iso_date_);
                } else if (data && (kinds[c] == FieldKind::number || kinds[c] == FieldKind::amount ||
                                    kinds[c] == FieldKind::share)) {
                    worksheet_write_number(sheet, r, col, std::strtod(cell.c_str(), nullptr), nullptr);
                } else {
                    worksheet_write_string(sheet, r, col, cell.c_str(), nullptr);
                }
            }
            ++row;
        }
    }

private:
    lxw_workbook* workbook_;
    lxw_format* iso_date_;
    lxw_format* builtin_date_;
};

}  // namespace merit::testing
