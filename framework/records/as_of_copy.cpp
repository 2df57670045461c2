#include "records/as_of_copy.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "common/errors.hpp"
#include "store/data_history.hpp"
#include "store/input_tables.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

std::filesystem::path copy_path(const std::filesystem::path& workspace) {
    return workspace.parent_path() /
           fmt::format(".{}.recompute-{}", workspace.filename().string(), static_cast<long>(::getpid()));
}

// An empty file only the owner may read: VACUUM INTO fills an empty file.
void create_private_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw UserError(fmt::format("{}: cannot create the copy to recompute in: {}", path.string(),
                                    std::strerror(errno)));
    ::close(fd);
}

std::vector<std::string> names(sqlite3* db, const char* sql) {
    std::vector<std::string> out;
    Statement st(db, sql);
    while (st.step()) out.push_back(st.text(0));
    return out;
}

std::string column_list(const InputTable& table) {
    std::string out;
    for (std::string_view column : table.columns) out += fmt::format("{}, ", column);
    return out + std::string(kValidFromVersion);
}

// The copy is scratch: its triggers (history, append-only, final runs) would
// refuse or record the rewinding, which is not a change of the workspace.
void drop_triggers(sqlite3* db) {
    for (const auto& trigger : names(db, "SELECT name FROM sqlite_schema WHERE type = 'trigger'"))
        exec(db, fmt::format("DROP TRIGGER \"{}\"", trigger));
}

void rewind_inputs(sqlite3* db, int64_t version) {
    for (const InputTable& table : input_tables()) {
        const std::string name(table.name);
        exec(db, fmt::format("DELETE FROM {} WHERE {} > {}", name, kValidFromVersion, version));
        exec(db, fmt::format(
                     "INSERT INTO {0} ({1}) SELECT {1} FROM {2} WHERE {3} <= {4} AND valid_to_version > {4}",
                     name, column_list(table), history_table(table.name), kValidFromVersion, version));
    }
    // The copy's runs hash its rows themselves (run_recompute.cpp).
    exec(db, "DELETE FROM data_version_fingerprints");
    exec(db, "DELETE FROM kept_fact_columns");
    exec(db, fmt::format("DELETE FROM data_version_counts WHERE seq > {}", version));
    exec(db, fmt::format("DELETE FROM data_versions WHERE seq > {}", version));
}

void drop_later_runs(sqlite3* db, int64_t before_run) {
    const auto tables = names(db,
                              "SELECT m.name FROM sqlite_schema m JOIN pragma_table_info(m.name) c "
                              "WHERE m.type = 'table' AND c.name = 'run_id'");
    for (const auto& table : tables)
        exec(db, fmt::format("DELETE FROM \"{}\" WHERE run_id >= {}", table, before_run));
    exec(db, fmt::format("DELETE FROM runs WHERE id >= {}", before_run));
}

}  // namespace

AsOfCopy::AsOfCopy(const Workspace& ws, int64_t data_version, int64_t before_run)
    : path_(copy_path(ws.path())) {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);  // a copy left by a killed recompute of this pid
    create_private_file(path_);
    try {
        Statement vacuum(ws.db(), "VACUUM INTO ?1");
        vacuum.bind(1, path_.string());
        vacuum.run();
        copy_.emplace(Workspace::open(path_));
        sqlite3* db = copy_->db();
        exec(db, "PRAGMA foreign_keys = OFF");
        Transaction tx(db);
        drop_triggers(db);
        rewind_inputs(db, data_version);
        drop_later_runs(db, before_run);
        tx.commit();
    } catch (...) {
        copy_.reset();
        std::filesystem::remove(path_, ignored);
        throw;
    }
}

AsOfCopy::~AsOfCopy() {
    copy_.reset();
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix, ignored);
}

}  // namespace merit
