#include "store/data_versions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "store/actor.hpp"
#include "store/audit_log.hpp"
#include "store/data_history.hpp"
#include "store/input_tables.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

boost::json::value column_value(const Statement& st, int column) {
    sqlite3_stmt* raw = st.raw();
    switch (sqlite3_column_type(raw, column)) {
        case SQLITE_NULL:
            return nullptr;
        case SQLITE_INTEGER:
            return sqlite3_column_int64(raw, column);
        case SQLITE_FLOAT:
            return sqlite3_column_double(raw, column);
        default:
            return boost::json::string(st.text(column));
    }
}

// A sort key that keeps rows of one natural key together: each key value
// typed and separated, so 'A' + 'B' never equals 'AB' + ''.
std::string key_text(const InputTable& table, const boost::json::object& row) {
    std::string out;
    for (std::string_view column : table.key) {
        const boost::json::value& v = row.at(column);
        out += v.is_string() ? std::string(v.as_string()) : boost::json::serialize(v);
        out += '\x1f';
    }
    return out;
}

boost::json::object read_row(const InputTable& table, const Statement& st) {
    boost::json::object row;
    for (size_t c = 0; c < table.columns.size(); ++c)
        row[table.columns[c]] = column_value(st, static_cast<int>(c));
    return row;
}

std::string column_list(const InputTable& table) {
    std::string out;
    for (std::string_view column : table.columns) out += fmt::format("{}{}", out.empty() ? "" : ", ", column);
    return out;
}

struct BeforeAfter {
    std::optional<boost::json::object> before, after;
};

// Rows written by version `seq` (live or since replaced) and rows it
// replaced or retracted, matched by key.
std::map<std::string, BeforeAfter> rows_of_version(sqlite3* db, const InputTable& table, int64_t seq) {
    const std::string columns = column_list(table);
    const std::string history = history_table(table.name);
    std::map<std::string, BeforeAfter> rows;
    Statement after(db, fmt::format("SELECT {0} FROM {1} WHERE valid_from_version = ?1 UNION ALL "
                                    "SELECT {0} FROM {2} WHERE valid_from_version = ?1",
                                    columns, table.name, history));
    after.bind(1, seq);
    while (after.step()) {
        boost::json::object row = read_row(table, after);
        rows[key_text(table, row)].after = std::move(row);
    }
    Statement before(db, fmt::format("SELECT {} FROM {} WHERE valid_to_version = ?1", columns, history));
    before.bind(1, seq);
    while (before.step()) {
        boost::json::object row = read_row(table, before);
        rows[key_text(table, row)].before = std::move(row);
    }
    return rows;
}

boost::json::object key_of(const InputTable& table, const boost::json::object& row) {
    boost::json::object key;
    for (std::string_view column : table.key) key[column] = row.at(column);
    return key;
}

std::vector<std::string> parse_files(const std::string& text) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    const boost::json::value files = boost::json::parse(text, ec);
    if (ec || !files.is_array()) return out;
    for (const auto& f : files.as_array())
        if (f.is_string()) out.emplace_back(f.as_string());
    return out;
}

std::vector<DataVersion> read_versions(sqlite3* db, std::optional<int64_t> only) {
    std::vector<DataVersion> out;
    std::map<int64_t, size_t> at;
    Statement st(db,
                 fmt::format("SELECT seq, at, actor, role, action, files FROM data_versions {} ORDER BY seq",
                             only ? "WHERE seq = ?1" : ""));
    if (only) st.bind(1, *only);
    while (st.step()) {
        at[st.integer(0)] = out.size();
        out.push_back(
            {st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4), parse_files(st.text(5)), {}});
    }
    Statement counts(db, fmt::format("SELECT seq, table_name, inserted, updated, retracted, unchanged "
                                     "FROM data_version_counts {} ORDER BY seq, position",
                                     only ? "WHERE seq = ?1" : ""));
    if (only) counts.bind(1, *only);
    while (counts.step()) {
        auto it = at.find(counts.integer(0));
        if (it == at.end()) continue;
        out[it->second].tables.push_back(
            {counts.text(1), static_cast<size_t>(counts.integer(2)), static_cast<size_t>(counts.integer(3)),
             static_cast<size_t>(counts.integer(4)), static_cast<size_t>(counts.integer(5))});
    }
    return out;
}

}  // namespace

int64_t begin_data_version(sqlite3* db, std::string_view action, const std::vector<std::string>& files) {
    boost::json::array names;
    for (const std::string& f : files) names.emplace_back(f);
    const Actor actor = current_actor();
    const int64_t seq = latest_data_version(db) + 1;
    Statement st(
        db,
        "INSERT INTO data_versions (seq, at, actor, role, action, files) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.bind(1, seq).bind(2, utc_timestamp()).bind(3, actor.id).bind(4, actor.role).bind(5, action);
    st.bind(6, boost::json::serialize(names));
    st.run();
    return seq;
}

void record_data_version_counts(sqlite3* db, int64_t seq, const std::vector<TableChangeCounts>& counts) {
    Statement st(db,
                 "INSERT INTO data_version_counts (seq, position, table_name, inserted, updated, retracted, "
                 "unchanged) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    int64_t position = 0;
    for (const TableChangeCounts& c : counts) {
        st.reset();
        st.bind(1, seq).bind(2, position++).bind(3, c.table).bind(4, static_cast<int64_t>(c.inserted));
        st.bind(5, static_cast<int64_t>(c.updated)).bind(6, static_cast<int64_t>(c.retracted));
        st.bind(7, static_cast<int64_t>(c.unchanged));
        st.run();
    }
}

int64_t latest_data_version(sqlite3* db) {
    Statement st(db, "SELECT coalesce(max(seq), 0) FROM data_versions");
    st.step();
    return st.integer(0);
}

std::vector<DataVersion> read_data_versions(sqlite3* db) {
    return read_versions(db, std::nullopt);
}

std::optional<DataVersion> read_data_version(sqlite3* db, int64_t seq) {
    auto versions = read_versions(db, seq);
    if (versions.empty()) return std::nullopt;
    return std::move(versions.front());
}

std::vector<TableChanges> data_version_changes(sqlite3* db, int64_t seq,
                                               const std::vector<std::string>& tables) {
    std::vector<TableChanges> out;
    for (const InputTable& table : input_tables()) {
        if (!tables.empty() && std::find(tables.begin(), tables.end(), table.name) == tables.end()) continue;
        TableChanges changes{std::string(table.name), 0, 0, 0, {}};
        for (auto& [key, rows] : rows_of_version(db, table, seq)) {
            if (rows.before && rows.after && *rows.before == *rows.after) continue;
            RowChange change;
            change.key = key_of(table, rows.after ? *rows.after : *rows.before);
            if (!rows.before) {
                change.change = "inserted";
                ++changes.inserted;
            } else if (!rows.after) {
                change.change = "retracted";
                ++changes.retracted;
            } else {
                change.change = "updated";
                ++changes.updated;
            }
            change.before = std::move(rows.before);
            change.after = std::move(rows.after);
            changes.rows.push_back(std::move(change));
        }
        if (!changes.rows.empty()) out.push_back(std::move(changes));
    }
    return out;
}

std::vector<TableChangeCounts> counted_changes(sqlite3* db, int64_t seq,
                                               const std::vector<std::string>& tables) {
    std::vector<TableChangeCounts> out;
    for (const TableChanges& t : data_version_changes(db, seq, tables))
        out.push_back({t.table, t.inserted, t.updated, t.retracted, 0});
    return out;
}

boost::json::object data_version_json(const DataVersion& v) {
    boost::json::array files, tables;
    for (const std::string& f : v.files) files.emplace_back(f);
    for (const TableChangeCounts& t : v.tables)
        tables.push_back(boost::json::object{{"table", t.table},
                                             {"inserted", t.inserted},
                                             {"updated", t.updated},
                                             {"retracted", t.retracted},
                                             {"unchanged", t.unchanged}});
    return {{"seq", v.seq},
            {"at", v.at},
            {"actor", v.actor},
            {"role", v.role},
            {"action", v.action},
            {"files", std::move(files)},
            {"tables", std::move(tables)}};
}

}  // namespace merit
