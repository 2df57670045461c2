#include "import/table_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>

#include "import/builtin_roles.hpp"
#include "import/cell_checks.hpp"
#include "import/column_map.hpp"
#include "import/csv_reader.hpp"
#include "import/duplicate_keys.hpp"
#include "import/row_writer.hpp"
#include "import/text_encoding.hpp"
#include "period/period.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

Reference entity_reference(std::string_view entity) {
    if (entity == "customer") return Reference::customer;
    if (entity == "manager") return Reference::manager;
    if (entity == "org_unit") return Reference::org_unit;
    return Reference::none;
}

// A table whose rows may repeat (TableSpec::repeats) binds one column more
// than it has: `occurrence`, at index table.columns.size() of the row's
// values, which no file holds.
constexpr std::string_view kOccurrence = "occurrence";
size_t occurrence_column(const TableSpec& table) {
    return table.columns.size();
}
std::string_view column_name(const TableSpec& table, size_t c) {
    return c < table.columns.size() ? table.columns[c].name : kOccurrence;
}
bool is_key(const TableSpec& table, size_t c) {
    return c >= table.columns.size() || table.columns[c].key;
}

std::string joined_names(const TableSpec& table, bool keys_only) {
    std::string out;
    for (const ColumnSpec& column : table.columns) {
        if (keys_only && !column.key) continue;
        if (!out.empty()) out += ", ";
        out += column.name;
    }
    return out;
}

uint64_t hash_key(const TableSpec& table, const std::vector<CellValue>& values) {
    uint64_t hash = 0x9E3779B97F4A7C15ULL;
    for (size_t c = 0; c < table.columns.size(); ++c) {
        if (!table.columns[c].key) continue;
        const uint64_t h = values[c].kind == CellValue::Kind::null
                               ? 0x51ED27ULL
                               : std::hash<std::string_view>{}(values[c].text);
        hash = (hash ^ h) * 0x100000001B3ULL + (hash >> 29);
    }
    return hash;
}

// The header's layout against the table: which field holds which column.
struct Layout {
    std::vector<int> field_of_column;  // -1: the file has no such column
    size_t field_count = 0;
    std::vector<size_t> bound;             // columns in the INSERT, in parameter order (?1, ?2 ...)
    std::vector<int> parameter_of_column;  // 1-based, 0 when not bound
    // The organisation's header of each column, when a column map renamed
    // it (its date and number formats apply), else nullptr.
    std::vector<const MappedColumn*> mapped;
    std::vector<std::string> label;  // for messages: "manager_id" or "manager_id (工号)"
};

// Column `c`'s cell as the contract spells it (a mapped column's date or
// number format applied; `converted` holds that text), checked into
// `value`. The reason when it is not acceptable.
std::optional<std::string> read_cell(const TableSpec& table, const Layout& layout, size_t c,
                                     std::string_view raw, CellValue& value, std::string& storage,
                                     std::string& converted) {
    if (const MappedColumn* mapped = layout.mapped[c]; mapped && !raw.empty()) {
        if (mapped->date_format) {
            if (auto iso = mapped->date_format->to_iso(raw))
                converted = std::move(*iso);
            else if (parse_date(raw))  // already YYYY-MM-DD: a worksheet's date cell
                converted = std::string(raw);
            else
                return fmt::format("'{}' is not a date in the format {} (nor YYYY-MM-DD)", shown_value(raw),
                                   mapped->date_format->text());
            raw = converted;
        } else if (mapped->number_format) {
            if (auto reason = mapped->number_format->to_plain(raw, converted)) return reason;
            raw = converted;
        }
    }
    return check_cell(table.columns[c], raw, value, storage);
}

// The field that holds column `c` (for the cell of a message), if the file has it.
std::optional<size_t> field_of(const Layout& layout, size_t c) {
    const int f = layout.field_of_column[c];
    return f >= 0 ? std::optional<size_t>(static_cast<size_t>(f)) : std::nullopt;
}

// Reads the header; false when the file cannot be imported (problems added).
bool read_header(ImportContext& ctx, const TableSpec& table, const RowLocator& where,
                 const std::vector<std::string_view>& fields, Layout& layout) {
    const size_t before = ctx.problems.count();
    const ColumnMap* map = ctx.options.columns.get();
    const bool mapped_table = map && map->covers(table.name);
    layout.field_of_column.assign(table.columns.size(), -1);
    layout.mapped.assign(table.columns.size(), nullptr);
    layout.label.clear();
    for (const ColumnSpec& column : table.columns) layout.label.emplace_back(column.name);
    layout.field_count = fields.size();
    for (size_t f = 0; f < fields.size(); ++f) {
        const std::string_view header = trim(fields[f]);
        const MappedColumn* mapped = mapped_table ? map->find(table.name, header) : nullptr;
        const std::string_view name = mapped ? std::string_view(mapped->column) : header;
        auto it = std::find_if(table.columns.begin(), table.columns.end(),
                               [&](const ColumnSpec& column) { return column.name == name; });
        if (it == table.columns.end()) {
            if (!ctx.options.lenient)
                ctx.problems.add(
                    where, 1, f, name.empty() ? fmt::format("column {}", f + 1) : std::string(name),
                    fmt::format(
                        "unknown column (expected {}{}; --lenient ignores it)", joined_names(table, false),
                        mapped_table ? fmt::format(", or a header {} maps", map->origin()) : std::string()));
            continue;
        }
        const size_t c = static_cast<size_t>(it - table.columns.begin());
        if (mapped) {
            layout.mapped[c] = mapped;
            layout.label[c] = fmt::format("{} ({})", it->name, mapped->header);
        }
        int& slot = layout.field_of_column[c];
        if (slot >= 0) {
            ctx.problems.add(where, 1, f, name,
                             fmt::format("the column appears twice (fields {} and {})", slot + 1, f + 1));
            continue;
        }
        slot = static_cast<int>(f);
    }
    for (size_t c = 0; c < table.columns.size(); ++c) {
        if (!table.columns[c].required || layout.field_of_column[c] >= 0) continue;
        std::string headers;
        if (map)
            for (const std::string& header : map->headers_for(table.name, table.columns[c].name))
                headers += fmt::format("{}'{}'", headers.empty() ? "" : ", ", header);
        ctx.problems.add(
            where, 1, std::nullopt, table.columns[c].name,
            fmt::format("required column is missing (expected {}{})", joined_names(table, false),
                        headers.empty() ? "" : fmt::format("; {} maps {} to it", map->origin(), headers)));
    }
    // Key columns are always bound (their default when absent); other absent
    // columns keep what the workspace has.
    layout.parameter_of_column.assign(table.columns.size() + 1, 0);
    for (size_t c = 0; c < table.columns.size(); ++c) {
        if (layout.field_of_column[c] < 0 && !table.columns[c].key) continue;
        layout.bound.push_back(c);
        layout.parameter_of_column[c] = static_cast<int>(layout.bound.size());
    }
    if (table.repeats) {
        layout.bound.push_back(occurrence_column(table));
        layout.parameter_of_column.back() = static_cast<int>(layout.bound.size());
    }
    return ctx.problems.count() == before;
}

// `rows` rows of `count` parameters each, numbered on from ?1, each row
// followed by `extra` (the data version) when it is not empty:
// "(?1, ?2, 7), (?3, ?4, 7)". A statement of many rows runs the per-statement
// work (opening the table's cursor, the statement's transaction, the halt)
// once for all of them.
std::string parameter_rows(size_t count, size_t rows, std::string_view extra) {
    std::string out;
    for (size_t r = 0; r < rows; ++r) {
        out += r ? ", (" : "(";
        for (size_t i = 0; i < count; ++i) out += fmt::format("{}?{}", i ? ", " : "", r * count + i + 1);
        if (!extra.empty()) out += fmt::format(", {}", extra);
        out += ")";
    }
    return out;
}

// A statement of many rows that may stop half-way (ABORT, SQLite's default)
// keeps a journal of every page it changes, to undo itself; past 64 KiB it
// is a temporary file, written on the writer's thread (hundreds of
// thousands of writes in a large import, and more time than the grouping
// saved). OR FAIL keeps the rows before a failing one instead, so SQLite
// keeps no such journal: the import fails as a whole anyway (RowWriter names
// the failing row from how many the statement wrote).
std::string_view or_fail(size_t rows_per_statement) {
    return rows_per_statement > 1 ? " OR FAIL" : "";
}

// One statement per row: insert, or update the existing row only where a
// value differs (so an unchanged row writes nothing and sqlite3_changes()
// says 0). Without non-key columns an existing row is unchanged. A row
// written is stamped with the import's data version; the value it replaces
// goes to the table's history (store/data_history.hpp).
// `source` (a table) instead of rows of parameters: every row of it.
std::string upsert_sql(const TableSpec& table, const Layout& layout, int64_t version,
                       std::string_view source = {}, size_t rows_per_statement = 1) {
    std::string columns, keys, sets, differs;
    for (size_t i = 0; i < layout.bound.size(); ++i) {
        const std::string_view name = column_name(table, layout.bound[i]);
        if (i) columns += ", ";
        columns += name;
        if (!is_key(table, layout.bound[i])) {
            sets += fmt::format("{}{} = excluded.{}", sets.empty() ? "" : ", ", name, name);
            differs += fmt::format("{}{} IS NOT excluded.{}", differs.empty() ? "" : " OR ", name, name);
        }
    }
    // The whole primary key, bound or not (a lean stream leaves out what
    // takes the column's default: see import_table_text).
    for (const ColumnSpec& column : table.columns)
        if (column.key) keys += fmt::format("{}{}", keys.empty() ? "" : ", ", column.name);
    if (table.repeats) keys += fmt::format(", {}", kOccurrence);
    // `WHERE true` keeps SQLite from reading ON CONFLICT as a join's ON.
    const std::string rows =
        source.empty()
            ? "VALUES " + parameter_rows(layout.bound.size(), rows_per_statement, std::to_string(version))
            : fmt::format("SELECT {}, {} FROM {} WHERE true", columns, version, source);
    std::string sql = fmt::format("INSERT{} INTO main.{} ({}, valid_from_version) {} ON CONFLICT ({}) ",
                                  or_fail(rows_per_statement), table.name, columns, rows, keys);
    sql += sets.empty()
               ? "DO NOTHING"
               : fmt::format("DO UPDATE SET {}, valid_from_version = excluded.valid_from_version WHERE {}",
                             sets, differs);
    return sql;
}

// Into a table that was empty when the file started, every row is new (a key
// repeated within the file fails the whole import), so the conflict clause
// would only cost a look-up per row. A table whose rows may repeat skips a
// repeated key instead (the primary key's look-up is made anyway): the
// repeats are settled once the file is read (settle_repeats).
std::string insert_sql(const TableSpec& table, const Layout& layout, int64_t version,
                       size_t rows_per_statement = 1) {
    std::string columns;
    for (size_t i = 0; i < layout.bound.size(); ++i) {
        if (i) columns += ", ";
        columns += column_name(table, layout.bound[i]);
    }
    return fmt::format("INSERT{} INTO {} ({}, valid_from_version) VALUES {}{}", or_fail(rows_per_statement),
                       table.name, columns,
                       parameter_rows(layout.bound.size(), rows_per_statement, std::to_string(version)),
                       table.repeats ? " ON CONFLICT DO NOTHING" : "");
}

// The temporary table a replacing import writes its rows to first (and an
// import into a table whose rows may repeat that already has rows): the
// bound columns, unique by the key (a key repeated in the file fails its
// insert, as into an empty table, or is skipped like there).
std::string stage_table(const TableSpec& table) {
    return fmt::format("temp.import_stage_{}", table.name);
}

void create_stage(sqlite3* db, const TableSpec& table, const Layout& layout) {
    std::string columns, keys;
    for (size_t c : layout.bound) {
        columns += fmt::format("{}{}", columns.empty() ? "" : ", ", column_name(table, c));
        if (is_key(table, c)) keys += fmt::format("{}{}", keys.empty() ? "" : ", ", column_name(table, c));
    }
    exec(db, fmt::format("DROP TABLE IF EXISTS {}", stage_table(table)));
    exec(db, fmt::format("CREATE TABLE {} AS SELECT {} FROM main.{} WHERE 0", stage_table(table), columns,
                         table.name));
    exec(db, fmt::format("CREATE UNIQUE INDEX temp.import_stage_{0}_key ON import_stage_{0} ({1})",
                         table.name, keys));
}

std::string stage_insert_sql(const TableSpec& table, const Layout& layout, size_t rows_per_statement = 1) {
    std::string columns;
    for (size_t i = 0; i < layout.bound.size(); ++i) {
        if (i) columns += ", ";
        columns += column_name(table, layout.bound[i]);
    }
    return fmt::format("INSERT{} INTO {} ({}) VALUES {}{}", or_fail(rows_per_statement), stage_table(table),
                       columns, parameter_rows(layout.bound.size(), rows_per_statement, {}),
                       table.repeats ? " ON CONFLICT DO NOTHING" : "");
}

// The staged rows into the table (counted as the direct path counts them),
// then the covered rows the file lacks retracted: their values go to the
// table's history by its triggers.
void apply_stage(ImportContext& ctx, const TableSpec& table, const Layout& layout, size_t staged,
                 TableCounts& counts);

// A table stored in primary-key order (no rowid) may get its rows in any
// order with the same content; a rowid table keeps the file's order.
bool without_rowid(sqlite3* db, const TableSpec& table) {
    sqlite3_stmt* probe = nullptr;
    const int rc =
        sqlite3_prepare_v2(db, fmt::format("SELECT rowid FROM {}", table.name).c_str(), -1, &probe, nullptr);
    sqlite3_finalize(probe);
    return rc != SQLITE_OK;
}

// The bound parameters (0-based) of the table's primary key, in the
// primary key's order (which need not be the columns' order); empty for a
// rowid table.
std::vector<size_t> primary_key_parameters(sqlite3* db, const TableSpec& table, const Layout& layout) {
    if (!without_rowid(db, table)) return {};
    std::vector<std::pair<int64_t, size_t>> ranked;
    Statement info(db, fmt::format("SELECT name, pk FROM pragma_table_info('{}') WHERE pk > 0", table.name));
    while (info.step()) {
        const std::string name = info.text(0);
        for (size_t i = 0; i < layout.bound.size(); ++i)
            if (column_name(table, layout.bound[i]) == name) ranked.emplace_back(info.integer(1), i);
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<size_t> out;
    for (const auto& [rank, parameter] : ranked) out.push_back(parameter);
    return out;
}

bool table_is_empty(sqlite3* db, const TableSpec& table) {
    Statement any(db, fmt::format("SELECT 1 FROM {} LIMIT 1", table.name));
    return !any.step();
}

int64_t row_count(sqlite3* db, const TableSpec& table) {
    Statement count(db, fmt::format("SELECT count(*) FROM {}", table.name));
    count.step();
    return count.integer(0);
}

// Physical line (1-based) of each offset, in one pass over the bytes.
std::map<uint64_t, size_t> lines_at(std::string_view bytes, std::vector<uint64_t> offsets) {
    std::sort(offsets.begin(), offsets.end());
    std::map<uint64_t, size_t> lines;
    size_t line = 1;
    uint64_t counted = 0;  // newlines before here are in `line`
    for (const uint64_t offset : offsets) {
        line += static_cast<size_t>(std::count(bytes.begin() + static_cast<ptrdiff_t>(counted),
                                               bytes.begin() + static_cast<ptrdiff_t>(offset), '\n'));
        counted = offset;
        lines.emplace(offset, line);
    }
    return lines;
}

// The key columns of the record at `offset`, as they would be stored.
using StoredKey = std::vector<std::pair<CellValue::Kind, std::string>>;
bool key_at(const TableSpec& table, const Layout& layout, const CsvReader& reader, uint64_t offset,
            StoredKey& key) {
    std::vector<std::string_view> fields;
    std::string scratch, storage, converted;
    if (!reader.reparse_at(offset, fields, scratch)) return false;
    key.clear();
    for (size_t c : layout.bound) {
        if (c >= table.columns.size() || !table.columns[c].key) continue;
        const int f = layout.field_of_column[c];
        const std::string_view raw = f >= 0 ? fields[static_cast<size_t>(f)] : std::string_view();
        CellValue value;
        if (read_cell(table, layout, c, raw, value, storage, converted)) return false;
        key.emplace_back(value.kind, std::string(value.text));
    }
    return true;
}

// Adds "duplicate key: same as line N" for every row whose key an earlier
// row of the file has; true when there was one.
bool report_repeated_keys(ImportContext& ctx, const TableSpec& table, const Layout& layout,
                          const CsvReader& reader, std::string_view bytes, const RowLocator& where,
                          DuplicateKeys& duplicates) {
    StoredKey a, b;
    const auto repeats = duplicates.take_repeats([&](uint64_t earlier, uint64_t later) {
        return key_at(table, layout, reader, earlier, a) && key_at(table, layout, reader, later, b) && a == b;
    });
    if (repeats.empty()) return false;
    std::vector<uint64_t> offsets;
    for (const auto& repeat : repeats) offsets.insert(offsets.end(), {repeat.offset, repeat.first});
    const auto lines = lines_at(bytes, std::move(offsets));
    const std::string key_columns = joined_names(table, true);
    // A key column the file lacks (events' ref) may be what would tell the
    // rows apart.
    std::string absent;
    for (size_t c = 0; c < table.columns.size(); ++c)
        if (table.columns[c].key && layout.field_of_column[c] < 0)
            absent += fmt::format("{}{}", absent.empty() ? "" : ", ", table.columns[c].name);
    const std::string hint =
        absent.empty() ? "" : fmt::format(" (the file has no column {} to tell them apart)", absent);
    for (const auto& repeat : repeats)
        ctx.problems.add(
            where, lines.at(repeat.offset), std::nullopt, key_columns,
            fmt::format("duplicate key: same as {}{}", where.row_name(lines.at(repeat.first)), hint));
    return true;
}

// Which facts' metrics are flows (metrics.csv kind `flow`), read before the
// writer takes the connection. Any other metric, declared a stock or not
// declared at all, is read as a balance: one value per entity and day.
class MetricKinds {
public:
    void load(sqlite3* db) {
        Statement st(db, "SELECT metric, kind FROM metrics");
        while (st.step()) kinds_.emplace(st.text(0), st.text(1));
    }
    bool is_flow(std::string_view metric) const {
        const auto it = kinds_.find(std::string(metric));
        return it != kinds_.end() && it->second == "flow";
    }
    // Why a metric is one value per day, for messages.
    std::string stock_reason(std::string_view metric) const {
        return kinds_.count(std::string(metric))
                   ? fmt::format("'{}' is a stock in metrics.csv", metric)
                   : fmt::format(
                         "'{}' is not in metrics.csv, so it is read as a stock (kind flow would let "
                         "its rows add up)",
                         metric);
    }

private:
    std::map<std::string, std::string> kinds_;
};

int column_index(const TableSpec& table, std::string_view name) {
    for (size_t c = 0; c < table.columns.size(); ++c)
        if (table.columns[c].name == name) return static_cast<int>(c);
    return -1;
}

// Binds `values[bound[i]]` as parameter i + 1 and runs the statement.
int write_row(sqlite3_stmt* statement, const std::vector<CellValue>& values,
              const std::vector<size_t>& bound) {
    int rc = SQLITE_OK;
    for (size_t i = 0; i < bound.size() && rc == SQLITE_OK; ++i) {
        const CellValue& value = values[bound[i]];
        const int index = static_cast<int>(i + 1);
        switch (value.kind) {
            case CellValue::Kind::null:
                rc = sqlite3_bind_null(statement, index);
                break;
            case CellValue::Kind::number:
                rc = sqlite3_bind_double(statement, index, value.number);
                break;
            default:
                rc = sqlite3_bind_text(statement, index, value.text.data(),
                                       static_cast<int>(value.text.size()), SQLITE_STATIC);
        }
    }
    if (rc == SQLITE_OK) rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    return rc;
}

struct Settled {
    size_t skipped = 0;    // repeats the stream's ON CONFLICT DO NOTHING skipped
    size_t written = 0;    // rows settle_repeats wrote (the statement changed a row)
    size_t unchanged = 0;  // rows it found as they were
    size_t identical = 0;  // a stock fact stated again with the same value: not stored again
};

// A table whose rows may repeat (TableSpec::repeats), once the file is read:
// the rows that repeat an earlier row's key, which the stream skipped or held
// back. One with a non-empty ref is a problem (a ref names one row); a stock
// fact's repeat is a problem naming both lines if its value differs, and is
// the same balance stated again if not; any other is the next occurrence of
// its key (2, 3 ... in file order). They and the `held_back` rows that repeat
// nothing (occurrence 1) are written with `insert`, the stream's statement
// (into the table or its stage).
Settled settle_repeats(ImportContext& ctx, const TableSpec& table, const Layout& layout,
                       const CsvReader& reader, std::string_view bytes, const RowLocator& where,
                       DuplicateKeys& duplicates, const std::vector<uint64_t>& held_back,
                       const MetricKinds& kinds, sqlite3_stmt* insert) {
    StoredKey a, b;
    const auto repeats = duplicates.take_repeats([&](uint64_t earlier, uint64_t later) {
        return key_at(table, layout, reader, earlier, a) && key_at(table, layout, reader, later, b) && a == b;
    });
    Settled out;
    out.skipped = held_back.empty() ? repeats.size() : 0;
    if (repeats.empty() && held_back.empty()) return out;
    // Line numbers only serve messages: counted, in one pass over the file,
    // when the first one is needed.
    std::optional<std::map<uint64_t, size_t>> lines;
    auto line_of = [&](uint64_t offset) {
        if (!lines) {
            std::vector<uint64_t> offsets(held_back);
            for (const auto& repeat : repeats) offsets.insert(offsets.end(), {repeat.offset, repeat.first});
            lines = lines_at(bytes, std::move(offsets));
        }
        return lines->at(offset);
    };

    const size_t ref_column = static_cast<size_t>(column_index(table, "ref"));
    const bool facts = table.name == "facts";
    const int metric_column = column_index(table, "metric");
    const int value_column = column_index(table, "value");
    const int entity_column = column_index(table, "entity");
    struct Row {
        std::vector<CellValue> values;
        std::vector<std::string> storage, converted, owned;
    };
    auto read_row = [&](uint64_t offset, Row& row) {
        std::vector<std::string_view> fields;
        std::string scratch;
        if (!reader.reparse_at(offset, fields, scratch)) return false;
        row.values.assign(table.columns.size() + 1, CellValue{});
        row.storage.assign(table.columns.size(), {});
        row.converted.assign(table.columns.size(), {});
        for (size_t c : layout.bound) {
            if (c >= table.columns.size()) continue;
            const int f = layout.field_of_column[c];
            const std::string_view raw = f >= 0 ? fields[static_cast<size_t>(f)] : std::string_view();
            if (read_cell(table, layout, c, raw, row.values[c], row.storage[c], row.converted[c]))
                return false;
        }
        // Text cells may view `scratch`, which goes with this call: the row
        // keeps its own copies.
        row.owned.assign(table.columns.size(), {});
        for (size_t c : layout.bound)
            if (c < table.columns.size() && row.values[c].kind == CellValue::Kind::text) {
                row.owned[c] = std::string(row.values[c].text);
                row.values[c].text = row.owned[c];
            }
        return true;
    };
    auto write = [&](Row& row, int64_t n, uint64_t offset) {
        CellValue& occurrence = row.values[occurrence_column(table)];
        occurrence.kind = CellValue::Kind::number;
        occurrence.number = static_cast<double>(n);
        if (!ctx.problems.empty()) return;
        if (write_row(insert, row.values, layout.bound) != SQLITE_DONE) {
            ctx.problems.add(where, line_of(offset), std::nullopt, "row", sqlite3_errmsg(ctx.db));
            return;
        }
        if (sqlite3_changes(ctx.db) == 1)
            ++out.written;
        else
            ++out.unchanged;
    };
    Row row, first;
    // Held back and repeating nothing: the first row of its key.
    if (!held_back.empty()) {
        std::vector<uint64_t> repeated;
        for (const auto& repeat : repeats) repeated.push_back(repeat.offset);  // in file order
        std::vector<uint64_t> lone;
        std::set_difference(held_back.begin(), held_back.end(), repeated.begin(), repeated.end(),
                            std::back_inserter(lone));
        for (const uint64_t offset : lone)
            if (read_row(offset, row)) write(row, 1, offset);
    }
    std::map<uint64_t, int64_t> occurrences;  // the first row's offset -> the last occurrence written
    for (const auto& repeat : repeats) {
        if (!read_row(repeat.offset, row)) continue;  // its problem is already reported
        const CellValue& ref = row.values[ref_column];
        if (ref.kind == CellValue::Kind::text && !ref.text.empty()) {
            ctx.problems.add(
                where, line_of(repeat.offset), field_of(layout, ref_column), layout.label[ref_column],
                fmt::format("ref '{}' is on {} too: a ref names one row (a later import with the "
                            "same ref corrects it)",
                            shown_value(ref.text), where.row(line_of(repeat.first))));
            continue;
        }
        if (facts) {
            const std::string_view metric = row.values[static_cast<size_t>(metric_column)].text;
            if (!kinds.is_flow(metric)) {
                if (!read_row(repeat.first, first)) continue;
                const double was = first.values[static_cast<size_t>(value_column)].number;
                const double is = row.values[static_cast<size_t>(value_column)].number;
                if (was == is) {
                    ++out.identical;
                    continue;
                }
                const auto value_column_index = static_cast<size_t>(value_column);
                ctx.problems.add(
                    where, line_of(repeat.offset), field_of(layout, value_column_index),
                    layout.label[value_column_index],
                    fmt::format("{}: one value per {}, metric and day, but {} has {} and this row {}",
                                kinds.stock_reason(metric),
                                row.values[static_cast<size_t>(entity_column)].text,
                                where.row(line_of(repeat.first)), was, is));
                continue;
            }
        }
        write(row, ++occurrences[repeat.first] + 1, repeat.offset);
    }
    return out;
}

// The table's own indexes (not those behind its keys) as their CREATE
// statements, dropped for now. Into an empty table the rows are written first
// and each index is built afterwards by one sort, instead of one descent into
// it per row in random order (600,000 assignments: 1.5 s, growing faster than
// the file). Inside the import's transaction: a failed import restores them.
std::vector<std::string> set_indexes_aside(sqlite3* db, const TableSpec& table) {
    std::vector<std::string> names, creates;
    Statement list(
        db,
        "SELECT il.name, s.sql FROM pragma_index_list(?1) il JOIN sqlite_schema s ON s.name = il.name "
        "WHERE il.origin = 'c' AND il.\"unique\" = 0 ORDER BY il.name");
    list.bind(1, table.name);
    while (list.step()) {
        names.push_back(list.text(0));
        creates.push_back(list.text(1));
    }
    for (const std::string& name : names) exec(db, fmt::format("DROP INDEX \"{}\"", name));
    return creates;
}

void apply_stage(ImportContext& ctx, const TableSpec& table, const Layout& layout, size_t staged,
                 TableCounts& counts) {
    const int64_t before = row_count(ctx.db, table);
    exec(ctx.db, upsert_sql(table, layout, ctx.version, stage_table(table)));
    const auto written = static_cast<size_t>(sqlite3_changes(ctx.db));
    counts.inserted = static_cast<size_t>(row_count(ctx.db, table) - before);
    counts.updated = written - counts.inserted;
    counts.unchanged = staged - written;
    std::string same_key;
    for (size_t c : layout.bound)
        if (is_key(table, c))
            same_key += fmt::format("{}s.{} = main.{}.{}", same_key.empty() ? "" : " AND ",
                                    column_name(table, c), table.name, column_name(table, c));
    exec(ctx.db, fmt::format("DELETE FROM main.{} WHERE ({}) AND NOT EXISTS (SELECT 1 FROM {} s WHERE {})",
                             table.name, replaced_rows_condition(ctx.db, table, *ctx.replacement),
                             stage_table(table), same_key));
    counts.retracted = static_cast<size_t>(sqlite3_changes(ctx.db));
}

// "unknown org unit 'X'"; a role also says where roles come from.
std::string unknown_reference(Reference target, std::string_view id) {
    std::string out = fmt::format("unknown {} '{}'", reference_label(target), id);
    if (target == Reference::role)
        out += fmt::format(" (the built-in roles are {}; declare others in roles.csv: id,name,name_en)",
                           builtin_role_list());
    return out;
}

struct PendingReference {
    size_t line;
    size_t column;
    std::string id;
};

}  // namespace

TableCounts import_table_file(ImportContext& ctx, const TableSpec& table, const std::filesystem::path& file) {
    const RowLocator where = RowLocator::csv(file.string());
    std::optional<MappedFile> mapped;
    try {
        mapped.emplace(file);
    } catch (const UserError& e) {
        ctx.problems.add_raw(e.what());
        return {};
    }
    DecodedText decoded;
    if (auto problem = decode_text(mapped->bytes(), ctx.options.encoding, decoded)) {
        ctx.problems.add(where, problem->line, std::nullopt, "row", problem->message);
        return {};
    }
    return import_table_text(ctx, table, decoded.text, where);
}

TableCounts import_table_text(ImportContext& ctx, const TableSpec& table, std::string_view bytes,
                              const RowLocator& where) {
    TableCounts counts;
    CsvReader reader(bytes);
    std::vector<std::string_view> fields;
    switch (reader.next(fields)) {
        case CsvReader::Status::end:
            ctx.problems.add(where, 1, std::nullopt, "header",
                             "the file is empty (a header row is required)");
            return counts;
        case CsvReader::Status::malformed:
            ctx.problems.add(where, 1, std::nullopt, "header", reader.error());
            return counts;
        case CsvReader::Status::record:
            break;
    }
    Layout layout;
    if (!read_header(ctx, table, where, fields, layout)) return counts;

    // Rows written = inserted + updated. Into an empty table every write is
    // an insert (a key repeated within the file fails the whole import);
    // otherwise the growth of the table tells the inserts apart.
    const bool was_empty = table_is_empty(ctx.db, table);
    const bool staged = ctx.replacement != nullptr;
    // Into a table with rows, a repeated key's upsert would overwrite the
    // first row with it: the writer holds back the rows whose key may have
    // come before (RowWriter::hold_repeats), written once the file is read
    // (settle_repeats). Sized for a row per 24 bytes, more than most files
    // have (a fact is 40 to 60 bytes): counting the lines would cost a pass.
    const bool hold = table.repeats && !was_empty && !staged;
    const size_t expected_rows = hold ? std::max<size_t>(1, bytes.size() / 24) : 0;
    const std::vector<std::string> indexes_aside =
        was_empty && !staged ? set_indexes_aside(ctx.db, table) : std::vector<std::string>();
    if (staged) create_stage(ctx.db, table, layout);
    // Straight into the table a table whose rows may repeat binds neither
    // its occurrence (1 for every row the stream writes) nor, when the file
    // has none, its ref: both take the column's default, and each bound
    // column costs every row (the repeats settled afterwards bind both).
    Layout stream = layout;
    if (table.repeats && !staged)
        std::erase_if(stream.bound, [&](size_t c) {
            return c == occurrence_column(table) ||
                   (table.columns[c].name == "ref" && layout.field_of_column[c] < 0);
        });
    std::optional<Statement> upsert, grouped, settle;
    auto stream_sql = [&](size_t rows_per_statement) {
        return staged      ? stage_insert_sql(table, layout, rows_per_statement)
               : was_empty ? insert_sql(table, stream, ctx.version, rows_per_statement)
                           : upsert_sql(table, stream, ctx.version, {}, rows_per_statement);
    };
    upsert.emplace(ctx.db, stream_sql(1));
    grouped.emplace(ctx.db, stream_sql(RowWriter::kRowsPerStatement));
    if (table.repeats && !staged)
        settle.emplace(ctx.db, was_empty ? insert_sql(table, layout, ctx.version)
                                         : upsert_sql(table, layout, ctx.version));
    const int64_t rows_before = was_empty ? 0 : row_count(ctx.db, table);

    // Where the columns that need a cross-column check sit.
    const int entity_column = column_index(table, "entity");
    const int valid_from_column = column_index(table, "valid_from");
    const int valid_to_column = column_index(table, "valid_to");
    const int id_column = column_index(table, "id");
    const bool facts = table.name == "facts";
    const int ref_column = column_index(table, "ref");
    const int metric_column = column_index(table, "metric");
    MetricKinds kinds;
    if (facts) kinds.load(ctx.db);
    // Loaded now: the id sets read the workspace on first use, and once the
    // writer runs this thread must not touch the connection.
    if (table.provides != Reference::none) ctx.ids.load(table.provides);
    for (size_t c : layout.bound) {
        const Reference reference = table.columns[c].reference;
        if (reference == Reference::by_entity)
            for (Reference each : {Reference::customer, Reference::manager, Reference::org_unit})
                ctx.ids.load(each);
        else if (reference != Reference::none)
            ctx.ids.load(reference);
    }
    std::vector<CellValue> values(table.columns.size() + 1);
    if (table.repeats) {  // the stream writes the first occurrence of each key
        values[occurrence_column(table)].kind = CellValue::Kind::number;
        values[occurrence_column(table)].number = 1;
    }
    std::vector<std::string> storage(table.columns.size());
    std::vector<std::string> converted(table.columns.size());
    DuplicateKeys duplicates;
    std::vector<PendingReference> pending;
    size_t rows = 0;
    // From here until finish() only the writer's thread uses the connection.
    RowWriter writer(ctx.db, upsert->raw(), grouped->raw(), stream.bound.size(),
                     primary_key_parameters(ctx.db, table, stream), expected_rows);

    for (;;) {
        const CsvReader::Status status = reader.next(fields);
        if (status == CsvReader::Status::end) break;
        const size_t line = reader.line();
        if ((++rows & 0xFFF) == 0) ctx.progress.update(rows, reader.position(), reader.size());
        if (status == CsvReader::Status::malformed) {
            ctx.problems.add(where, line, std::nullopt, "row", reader.error());
            continue;
        }
        if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
        if (fields.size() != layout.field_count) {
            ctx.problems.add(
                where, line, std::nullopt, "row",
                fmt::format("{} fields, but the header has {}", fields.size(), layout.field_count));
            continue;
        }

        bool row_ok = true;
        bool key_ok = true;
        for (size_t c : layout.bound) {
            if (c >= table.columns.size()) continue;  // occurrence
            const int f = layout.field_of_column[c];
            const std::string_view raw = f >= 0 ? fields[static_cast<size_t>(f)] : std::string_view();
            if (auto reason = read_cell(table, layout, c, raw, values[c], storage[c], converted[c])) {
                ctx.problems.add(where, line, field_of(layout, c), layout.label[c], *reason);
                row_ok = false;
                key_ok = key_ok && !table.columns[c].key;
            }
        }
        // A validity range (assignments); managers have valid_from alone.
        if (valid_from_column >= 0 && valid_to_column >= 0 && row_ok) {
            const CellValue& from = values[static_cast<size_t>(valid_from_column)];
            const CellValue& to = values[static_cast<size_t>(valid_to_column)];
            if (layout.parameter_of_column[static_cast<size_t>(valid_to_column)] &&
                to.kind == CellValue::Kind::text && to.text < from.text) {
                ctx.problems.add(where, line, field_of(layout, static_cast<size_t>(valid_to_column)),
                                 "valid_to",
                                 fmt::format("'{}' is before valid_from '{}'", to.text, from.text));
                row_ok = false;
            }
        }
        // A ref names one booking of a flow; a balance is one value per day.
        if (facts && row_ok) {
            const CellValue& ref = values[static_cast<size_t>(ref_column)];
            const std::string_view metric = values[static_cast<size_t>(metric_column)].text;
            if (ref.kind == CellValue::Kind::text && !ref.text.empty() && !kinds.is_flow(metric)) {
                ctx.problems.add(where, line, field_of(layout, static_cast<size_t>(ref_column)),
                                 layout.label[static_cast<size_t>(ref_column)],
                                 fmt::format("{}: one value per entity and day, so its facts have no ref "
                                             "(a ref names one booking of a flow)",
                                             kinds.stock_reason(metric)));
                row_ok = false;
            }
        }
        if (row_ok) {
            for (size_t c : layout.bound) {
                if (c >= table.columns.size()) continue;
                const ColumnSpec& column = table.columns[c];
                if (column.reference == Reference::none || values[c].kind != CellValue::Kind::text) continue;
                const Reference target =
                    column.reference == Reference::by_entity
                        ? entity_reference(values[static_cast<size_t>(entity_column)].text)
                        : column.reference;
                if (ctx.ids.contains(target, values[c].text)) continue;
                if (target == table.provides) {
                    // May be defined further down this same file.
                    pending.push_back({line, c, std::string(values[c].text)});
                    continue;
                }
                ctx.problems.add(where, line, field_of(layout, c), layout.label[c],
                                 unknown_reference(target, values[c].text));
                row_ok = false;
            }
        }
        if (table.provides != Reference::none &&
            values[static_cast<size_t>(id_column)].kind == CellValue::Kind::text)
            ctx.ids.add(table.provides, values[static_cast<size_t>(id_column)].text);
        const uint64_t hash = key_ok ? hash_key(table, values) : 0;
        if (key_ok) duplicates.add(hash, reader.record_offset());
        if (!row_ok || !ctx.problems.empty() || writer.failed()) continue;
        writer.add(line, values, stream.bound, hash, reader.record_offset());
    }
    ctx.progress.update(rows, reader.size(), reader.size());
    RowWriter::Result written_rows = writer.finish();
    Settled settled;
    bool repeated = false;
    if (table.repeats)
        settled = settle_repeats(ctx, table, layout, reader, bytes, where, duplicates, written_rows.held,
                                 kinds, settle ? settle->raw() : upsert->raw());
    else
        repeated = report_repeated_keys(ctx, table, layout, reader, bytes, where, duplicates);
    for (const std::string& create : indexes_aside) exec(ctx.db, create);
    // Into an empty table a repeated key also fails the insert on the primary
    // key; the repeat, with both lines, is the message that says why.
    const bool key_conflict =
        written_rows.failure && (written_rows.failure->code == SQLITE_CONSTRAINT_PRIMARYKEY ||
                                 written_rows.failure->code == SQLITE_CONSTRAINT_UNIQUE);
    if (written_rows.failure && !(repeated && key_conflict))
        ctx.problems.add(where, written_rows.failure->line, std::nullopt, "row",
                         written_rows.failure->message);
    const size_t written = written_rows.written + settled.written;
    // The repeats the stream skipped (ON CONFLICT DO NOTHING) are counted by
    // how they were settled.
    counts.unchanged =
        written_rows.unchanged - std::min(written_rows.unchanged, settled.skipped) + settled.unchanged;
    if (ctx.problems.empty() && staged) {
        apply_stage(ctx, table, layout, written, counts);
    } else if (ctx.problems.empty()) {
        counts.inserted = was_empty ? written : static_cast<size_t>(row_count(ctx.db, table) - rows_before);
        counts.updated = written - counts.inserted;
    }
    counts.unchanged += settled.identical;  // a balance stated twice is one unchanged value
    upsert.reset();                         // the stage's inserts, finalized before its table goes
    grouped.reset();
    settle.reset();
    if (staged) exec(ctx.db, fmt::format("DROP TABLE {}", stage_table(table)));

    for (const PendingReference& ref : pending)
        if (!ctx.ids.contains(table.provides, ref.id))
            ctx.problems.add(where, ref.line, field_of(layout, ref.column), layout.label[ref.column],
                             fmt::format("unknown {} '{}'", reference_label(table.provides), ref.id));
    return counts;
}

}  // namespace merit
