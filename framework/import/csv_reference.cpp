#include "import/csv_reference.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <vector>

#include "import/builtin_roles.hpp"
#include "import/table_specs.hpp"

namespace merit {
namespace {

std::string kind_text(FieldKind kind) {
    switch (kind) {
        case FieldKind::date:
            return "date (YYYY-MM-DD)";
        case FieldKind::number:
            return "number ('.' for decimals, no exponent)";
        case FieldKind::amount:
            return "amount in yuan (at most 2 decimals)";
        case FieldKind::share:
            return "share (0 < x ≤ 1)";
        case FieldKind::period:
            return "period (2026-07, 2026-Q3, 2026-H2, 2026, 2026-07-01..2026-07-10)";
        case FieldKind::choice:
            return "one of the values listed";
        case FieldKind::text:
            break;
    }
    return "text (UTF-8)";
}

std::string values_text(const ColumnSpec& column) {
    std::string out;
    for (const std::string_view choice : column.choices)
        out += fmt::format("{}`{}`", out.empty() ? "" : ", ", choice);
    if (column.reference == Reference::by_entity) return "the id of the `entity` named in the row";
    if (column.reference == Reference::role) {
        std::string builtin;
        for (const BuiltinRole& role : builtin_roles())
            builtin += fmt::format("{}`{}`", builtin.empty() ? "" : ", ", role.id);
        return "a built-in role (" + builtin + ") or one of `roles` (in the workspace or this import)";
    }
    if (column.reference != Reference::none)
        return fmt::format("an existing {} id (in the workspace or this import)",
                           reference_label(column.reference));
    return out;
}

// The sample sets under `samples`, by name, so the examples do not depend on
// the order the file system lists them in.
std::vector<std::filesystem::path> sample_sets(const std::filesystem::path& samples) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(samples, ec))
        if (entry.is_directory()) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

// The header and first data line of the first sample set holding the table.
std::string example(const std::vector<std::filesystem::path>& sets, std::string_view table) {
    for (const auto& set : sets) {
        std::ifstream in(set / (std::string(table) + ".csv"));
        std::string header, row;
        if (!std::getline(in, header) || !std::getline(in, row)) continue;
        return fmt::format("Example (`config/samples/{}/{}.csv`):\n\n```csv\n{}\n{}\n```\n\n",
                           set.filename().string(), table, header, row);
    }
    return "";
}

std::string table_section(const TableSpec& table, const std::vector<std::filesystem::path>& sets) {
    std::string key;
    for (const ColumnSpec& c : table.columns)
        if (c.key) key += fmt::format("{}`{}`", key.empty() ? "" : ", ", c.name);
    std::string out = fmt::format("## {}\n\nFile `{}.csv` (or a sheet named `{}`). Key: {}.\n\n", table.name,
                                  table.name, table.name, key);
    if (table.repeats)
        out += fmt::format(
            "Rows may repeat within a day (three fee bookings, two complaints). A non-empty `ref`, the "
            "source "
            "system's id of the row, identifies it: one file may give a ref once, and a later import with "
            "the same ref corrects that row. Rows without `ref` are a multiset: two identical rows are two "
            "{0}, numbered in the file's order, so importing the same file again changes nothing and a file "
            "with more rows for a day adds them; to remove or replace rows use `--replace-period`.{1}\n\n",
            table.name == "facts" ? "bookings" : "events",
            table.name == "facts"
                ? " A stock metric (a balance; `metrics.csv` kind `stock`, and any metric it does not "
                  "declare) is one value per entity, metric and day and has no `ref`: the same value "
                  "twice is stored once, another value on the same day is refused naming both lines. A flow "
                  "whose facts repeat within a day cannot become a stock until those days hold one row "
                  "each; read with a balance aggregation, a flow holds each day's total."
                : "");
    out += "| column | type | required | default | values |\n|---|---|---|---|---|\n";
    for (const ColumnSpec& c : table.columns)
        out += fmt::format("| `{}`{} | {} | {} | {} | {} |\n", c.name, c.key ? " (key)" : "",
                           kind_text(c.kind), c.required ? "yes" : "no",
                           c.default_value ? fmt::format("`{}`", *c.default_value) : std::string(),
                           values_text(c));
    return out + "\n" + example(sets, table.name);
}

}  // namespace

std::string csv_reference_markdown(const std::filesystem::path& samples) {
    std::string out =
        "# Merit's input files\n\n"
        "One CSV file (RFC 4180, UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK; `--encoding` "
        "overrides) or workbook sheet per table, the header naming its columns in any order. A required "
        "column must be in the header and filled in every row; an empty optional cell takes the default. "
        "Rows are identified by their key: importing a row again with another value updates it, and the "
        "value it had is kept in the table's history (`merit data show`). `--map FILE` maps other headers "
        "and formats to these. Tables are imported in this order, so a row may name rows of the tables "
        "before it.\n\n";
    const auto sets = sample_sets(samples);
    for (const TableSpec& table : table_specs()) out += table_section(table, sets);
    return out;
}

}  // namespace merit
