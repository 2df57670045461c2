// An .xlsx workbook (Office Open XML, ECMA-376) opened for reading its
// worksheets: the package's relationships lead to the workbook part, whose
// sheet list names each worksheet's part; shared strings and cell styles
// (which tell dates from numbers) are read once, when the first sheet is.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/xlsx/cell_values.hpp"
#include "import/xlsx/sheet_reader.hpp"
#include "import/xlsx/zip_archive.hpp"

namespace merit {

struct SheetEntry {
    std::string name;  // as the tab shows it
    std::string part;  // "xl/worksheets/sheet1.xml"; empty for a chart sheet
};

class Workbook {
public:
    // Reads the package and workbook parts. Throws WorkbookError.
    explicit Workbook(const std::filesystem::path& path, ZipLimits limits = {});

    const std::vector<SheetEntry>& sheets() const { return sheets_; }
    const SheetEntry* find(std::string_view name) const;
    // "'managers', 'Sheet2'" for messages.
    std::string sheet_list() const;
    bool date1904() const { return date1904_; }

    // The sheet as CSV text (import/xlsx/sheet_reader.hpp). Throws
    // WorkbookError for a broken part; cell problems go to `report`.
    SheetText read_sheet(const SheetEntry& sheet, const CellProblemSink& report);

private:
    void load_shared_parts();

    ZipArchive zip_;
    bool date1904_ = false;
    std::vector<SheetEntry> sheets_;
    std::string shared_strings_part_, styles_part_;
    bool shared_loaded_ = false;
    std::vector<std::string> shared_strings_;
    std::vector<NumberShape> style_shapes_;  // by cell format (xf) index
};

}  // namespace merit
