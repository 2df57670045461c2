#include "engine/input_fingerprint.hpp"

#include <fmt/format.h>

#include <array>
#include <iterator>

#include "common/sha256.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

struct InputTable {
    const char* name;
    const char* order;  // the primary key: a stable row order
};

constexpr std::array<InputTable, 9> kInputTables{{
    {"org_units", "id"},
    {"managers", "id"},
    {"customers", "id"},
    {"assignments", "customer_id, manager_id, role, valid_from"},
    {"metrics", "metric"},
    {"facts", "entity, metric, entity_id, date"},
    {"events", "manager_id, kind, date, note"},
    {"targets", "indicator, period, manager_id"},
    {"ratings", "period, manager_id, rater_role, item, rater_id"},
}};

// The digest is chained over 1 MiB chunks so a large fact table never has to
// be held as one string.
constexpr size_t kChunk = 1 << 20;

}  // namespace

std::string input_fingerprint(sqlite3* db, const std::atomic<bool>* stop) {
    std::string digest;
    std::string chunk;
    auto flush = [&] {
        digest = sha256_hex(digest + chunk);
        chunk.clear();
    };
    for (const auto& table : kInputTables) {
        chunk += fmt::format("\x1d{}\n", table.name);
        Statement st(db, fmt::format("SELECT * FROM {} ORDER BY {}", table.name, table.order));
        const int columns = st.column_count();
        sqlite3_stmt* raw = st.raw();
        auto out = std::back_inserter(chunk);
        // Appended in place (no temporary string per value): this loop runs
        // once per fact row.
        while (st.step()) {
            for (int c = 0; c < columns; ++c) {
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
