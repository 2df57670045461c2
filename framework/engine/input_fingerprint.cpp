#include "engine/input_fingerprint.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iterator>
#include <string>
#include <vector>

#include "common/sha256.hpp"
#include "store/input_tables.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

// The digest is chained over 1 MiB chunks so a large fact table never has to
// be held as one string.
constexpr size_t kChunk = 1 << 20;

bool table_is_empty(sqlite3* db, std::string_view table) {
    Statement st(db, fmt::format("SELECT 1 FROM {} LIMIT 1", table));
    return !st.step();
}

// Columns added to a table after runs had stored fingerprints (schema
// migration 20), with the value every row had before. A row holding that
// value hashes as it did then, so a workspace's fingerprint, and whether its
// runs are stale, does not change with the schema; any other value is
// hashed with the column's name.
struct LateColumn {
    std::string_view table, column, old_value;
};
constexpr LateColumn kLateColumns[] = {
    {"facts", "ref", "''"},
    {"facts", "occurrence", "1"},
    {"events", "occurrence", "1"},
};

bool is_late(std::string_view table, std::string_view column) {
    for (const LateColumn& late : kLateColumns)
        if (late.table == table && late.column == column) return true;
    return false;
}

// "col1, col2, ..., CASE WHEN late IS old THEN NULL ELSE 'late=' || late END ...":
// the table's columns with the late ones last, each NULL while it holds its old value.
std::string fingerprint_columns(const InputTable& table, int& plain) {
    std::vector<std::string> out;
    for (std::string_view column : table.columns)
        if (!is_late(table.name, column)) out.emplace_back(column);
    plain = static_cast<int>(out.size());
    for (const LateColumn& late : kLateColumns)
        if (late.table == table.name)
            out.push_back(fmt::format("CASE WHEN {0} IS {1} THEN NULL ELSE '{0}=' || {0} END", late.column,
                                      late.old_value));
    return fmt::format("{}", fmt::join(out, ", "));
}

}  // namespace

std::string input_fingerprint(sqlite3* db, const std::atomic<bool>* stop) {
    std::string digest;
    std::string chunk;
    auto flush = [&] {
        digest = sha256_hex(digest + chunk);
        chunk.clear();
    };
    for (const InputTable& table : input_tables()) {
        // Roles came with schema version 17: while none is declared the
        // digest is the one runs stored before had.
        if (table.name == "roles" && table_is_empty(db, table.name)) continue;
        chunk += fmt::format("\x1d{}\n", table.name);
        // The data columns only: which version wrote a value is not input.
        int plain = 0;
        Statement st(db, fmt::format("SELECT {} FROM {} ORDER BY {}", fingerprint_columns(table, plain),
                                     table.name, fmt::join(table.key, ", ")));
        const int columns = st.column_count();
        sqlite3_stmt* raw = st.raw();
        auto out = std::back_inserter(chunk);
        // Appended in place (no temporary string per value): this loop runs
        // once per fact row.
        while (st.step()) {
            for (int c = 0; c < columns; ++c) {
                if (c >= plain && sqlite3_column_type(raw, c) == SQLITE_NULL) continue;  // its old value
                switch (sqlite3_column_type(raw, c)) {
                    case SQLITE_NULL:
                        chunk += "\x1f~";
                        break;
                    case SQLITE_INTEGER:
                        fmt::format_to(out, "\x1fi{}", sqlite3_column_int64(raw, c));
                        break;
                    case SQLITE_FLOAT:
                        fmt::format_to(out,
                                       "\x1f"
                                       "f{:.17g}",
                                       sqlite3_column_double(raw, c));
                        break;
                    default: {
                        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, c));
                        chunk += "\x1fs";
                        if (text) chunk.append(text, static_cast<size_t>(sqlite3_column_bytes(raw, c)));
                        break;
                    }
                }
            }
            chunk += '\x1e';
            if (chunk.size() >= kChunk) {
                if (stop && *stop) return {};
                flush();
            }
        }
    }
    flush();
    return digest;
}

}  // namespace merit
