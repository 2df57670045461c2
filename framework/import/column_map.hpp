// An organisation's column headers mapped to the contract's, per table
// (工号 → manager_id), with the formats of its dates and numbers: from a
// mapping file (`merit import --map map.json`) or the `columns` section of
// merit.json. The JSON, per table, maps a header to a contract column, or to
// an object with the column and its format:
//
//   {"managers": {"工号": "id", "姓名": "name", "入职日期": {"column": "hired_on",
//                 "date_format": "%Y/%m/%d"}},
//    "facts": {"余额(万元)": {"column": "value", "thousands": ",", "scale": 10000}}}
//
// Headers the map does not name are read as the contract's own. Every
// problem names its JSON path; repeated keys are refused.
#pragma once

#include <boost/json/value.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/column_formats.hpp"

namespace merit {

struct MappedColumn {
    std::string header;  // the organisation's header
    std::string column;  // the contract's column it stands for
    std::optional<DateFormat> date_format;
    std::optional<NumberFormat> number_format;
};

class ColumnMap {
public:
    // Reads a mapping file. Throws ImportError with one line per problem:
    // `map.json: facts.余额(万元).scale: ...`.
    static ColumnMap load(const std::filesystem::path& file);
    // The mapping in `root`; `origin` names the file and `path` where the
    // mapping sits in it ("columns" in merit.json, "" for a mapping file).
    static ColumnMap parse(const boost::json::value& root, const std::string& origin,
                           const std::string& path);

    // The mapping of `header` in `table`, or nullptr.
    const MappedColumn* find(std::string_view table, std::string_view header) const;
    // The headers mapped to `column` of `table` ("工号"), for messages.
    std::vector<std::string> headers_for(std::string_view table, std::string_view column) const;
    bool covers(std::string_view table) const;
    // Where the mapping came from ("map.json", "merit.json: columns").
    const std::string& origin() const { return origin_; }

private:
    std::map<std::string, std::vector<MappedColumn>, std::less<>> tables_;
    std::string origin_;
};

}  // namespace merit
