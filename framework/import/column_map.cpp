#include "import/column_map.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "common/json_duplicates.hpp"
#include "import/importer.hpp"
#include "import/table_specs.hpp"

namespace merit {
namespace {

namespace json = boost::json;

// A mapping is a few dozen lines; a file far larger is no mapping.
constexpr std::uintmax_t kMaxMappingBytes = 1 << 20;

std::string joined(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool is_number_kind(FieldKind kind) {
    return kind == FieldKind::number || kind == FieldKind::amount || kind == FieldKind::share;
}

std::string column_names(const TableSpec& table) {
    std::string out;
    for (const ColumnSpec& column : table.columns)
        out += fmt::format("{}{}", out.empty() ? "" : ", ", column.name);
    return out;
}

// 10^k for k in [-8, 8] (亿 is 10^8, 分 to 元 10^-2): the power, or nullopt.
std::optional<int> power_of_ten(double value) {
    for (int k = -8; k <= 8; ++k) {
        const double p = std::pow(10.0, k);
        if (std::fabs(value - p) <= p * 1e-12) return k;
    }
    return std::nullopt;
}

class Parser {
public:
    Parser(std::string origin) : origin_(std::move(origin)) {}
    std::vector<std::string> problems;

    void problem(const std::string& path, std::string_view reason) {
        problems.push_back(fmt::format("{}: {}: {}", origin_, path.empty() ? "(the top)" : path, reason));
    }

    // One header's entry: "column" or {"column": ..., formats}.
    std::optional<MappedColumn> entry(const TableSpec& table, const std::string& header,
                                      const json::value& value, const std::string& path) {
        MappedColumn mapped;
        mapped.header = header;
        const json::object* options = value.if_object();
        if (value.is_string()) {
            mapped.column = std::string(value.get_string());
        } else if (!options) {
            problem(path, "must be the contract's column name, or an object with \"column\" and its format");
            return std::nullopt;
        } else if (const auto* column = options->if_contains("column"); column && column->is_string()) {
            mapped.column = std::string(column->get_string());
        } else {
            problem(joined(path, "column"), "must be the contract's column name (a string)");
            return std::nullopt;
        }
        const ColumnSpec* spec = nullptr;
        for (const ColumnSpec& column : table.columns)
            if (column.name == mapped.column) spec = &column;
        if (!spec) {
            problem(options ? joined(path, "column") : path,
                    fmt::format("'{}' is no column of {} (expected {})", mapped.column, table.name,
                                column_names(table)));
            return std::nullopt;
        }
        if (options && !formats(*spec, *options, path, mapped)) return std::nullopt;
        return mapped;
    }

private:
    bool formats(const ColumnSpec& spec, const json::object& options, const std::string& path,
                 MappedColumn& mapped) {
        bool ok = true;
        NumberFormat number;
        bool has_number = false;
        for (const auto& member : options) {
            const std::string key(member.key());
            const std::string at = joined(path, key);
            const json::value& v = member.value();
            if (key == "column") continue;
            if (key == "date_format") {
                if (spec.kind != FieldKind::date) {
                    problem(at, fmt::format("{} is no date column", spec.name));
                    ok = false;
                } else if (!v.is_string()) {
                    problem(at, "must be a format such as \"%Y/%m/%d\" or \"%Y%m%d\"");
                    ok = false;
                } else {
                    DateFormat format;
                    if (auto reason = DateFormat::parse(v.get_string(), format)) {
                        problem(at, fmt::format("'{}' {}", std::string(v.get_string()), *reason));
                        ok = false;
                    } else {
                        mapped.date_format = std::move(format);
                    }
                }
            } else if (key == "thousands" || key == "scale") {
                has_number = true;
                if (!is_number_kind(spec.kind)) {
                    problem(at, fmt::format("{} is no number column", spec.name));
                    ok = false;
                } else if (key == "thousands") {
                    const json::string* text = v.if_string();
                    const bool usable =
                        text && !text->empty() &&
                        std::string_view(*text).find_first_of("0123456789.-") == std::string_view::npos;
                    if (!usable) {
                        problem(at,
                                "must be the separator between digit groups, such as \",\" (not a digit, '.' "
                                "or '-')");
                        ok = false;
                    } else {
                        number.thousands = std::string(*text);
                    }
                } else {
                    const auto power = v.is_number() ? power_of_ten(v.to_number<double>()) : std::nullopt;
                    if (!power) {
                        problem(at,
                                "must be a power of ten from 0.00000001 to 100000000 (万元: 10000, 亿元: "
                                "100000000)");
                        ok = false;
                    } else {
                        number.scale_power = *power;
                    }
                }
            } else {
                problem(at, "unknown key (expected column, date_format, thousands, scale)");
                ok = false;
            }
        }
        if (has_number) mapped.number_format = number;
        return ok;
    }

    std::string origin_;
};

}  // namespace

ColumnMap ColumnMap::parse(const json::value& root, const std::string& origin, const std::string& path) {
    Parser parser(origin);
    ColumnMap map;
    map.origin_ = path.empty() ? origin : fmt::format("{}: {}", origin, path);
    const json::object* tables = root.if_object();
    if (!tables) parser.problem(path, "must be an object of tables, each mapping headers to columns");
    for (const auto& member : tables ? *tables : json::object()) {
        const std::string name(member.key());
        const std::string table_path = joined(path, name);
        if (name.starts_with("//")) continue;  // a comment
        const TableSpec* table = find_table_spec(name);
        if (!table) {
            parser.problem(table_path, fmt::format("unknown table (expected one of {})", table_names()));
            continue;
        }
        const json::object* headers = member.value().if_object();
        if (!headers) {
            parser.problem(table_path, "must be an object mapping headers to columns");
            continue;
        }
        std::vector<MappedColumn>& columns = map.tables_[name];
        for (const auto& item : *headers) {
            const std::string header(trimmed(item.key()));
            const std::string item_path = joined(table_path, std::string(item.key()));
            if (header.starts_with("//")) continue;
            if (header.empty()) {
                parser.problem(item_path, "an empty header");
                continue;
            }
            auto mapped = parser.entry(*table, header, item.value(), item_path);
            if (!mapped) continue;
            bool repeated = false;
            for (const MappedColumn& other : columns)
                if (other.column == mapped->column) {
                    parser.problem(item_path,
                                   fmt::format("maps to {}, as '{}' does already (one header per column)",
                                               mapped->column, other.header));
                    repeated = true;
                }
            if (!repeated) columns.push_back(std::move(*mapped));
        }
    }
    if (!parser.problems.empty()) {
        std::string text;
        for (const std::string& line : parser.problems) text += (text.empty() ? "" : "\n") + line;
        throw ImportError(text);
    }
    return map;
}

ColumnMap ColumnMap::load(const std::filesystem::path& file) {
    const std::string origin = file.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) throw ImportError(fmt::format("{}: cannot read the column mapping: {}", origin, ec.message()));
    if (size > kMaxMappingBytes)
        throw ImportError(fmt::format("{}: {} bytes is too large for a column mapping (at most {})", origin,
                                      size, kMaxMappingBytes));
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    json::stream_parser parser;
    boost::system::error_code error;
    const size_t used = parser.write_some(text.data(), text.size(), error);
    if (!error) parser.finish(error);
    if (error) {
        const size_t line =
            1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(used), '\n'));
        throw ImportError(fmt::format("{}:{}: not valid JSON: {}", origin, line, error.message()));
    }
    const json::value root = parser.release();
    std::string repeats;
    for (const DuplicateKey& d : duplicate_json_keys(text))
        repeats += fmt::format(
            "{}{}: {}: duplicate key (line {}, first at line {}): a JSON reader keeps only one "
            "of them",
            repeats.empty() ? "" : "\n", origin, d.path, d.line, d.first_line);
    if (!repeats.empty()) throw ImportError(repeats);
    return parse(root, origin, "");
}

const MappedColumn* ColumnMap::find(std::string_view table, std::string_view header) const {
    const auto it = tables_.find(table);
    if (it == tables_.end()) return nullptr;
    for (const MappedColumn& mapped : it->second)
        if (mapped.header == header) return &mapped;
    return nullptr;
}

std::vector<std::string> ColumnMap::headers_for(std::string_view table, std::string_view column) const {
    std::vector<std::string> out;
    const auto it = tables_.find(table);
    if (it == tables_.end()) return out;
    for (const MappedColumn& mapped : it->second)
        if (mapped.column == column) out.push_back(mapped.header);
    return out;
}

bool ColumnMap::covers(std::string_view table) const {
    const auto it = tables_.find(table);
    return it != tables_.end() && !it->second.empty();
}

}  // namespace merit
