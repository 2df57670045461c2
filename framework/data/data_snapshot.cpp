#include "data/data_snapshot.hpp"

#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

// A plain connection that holds the write lock while it lives, so nothing
// commits in between the read transactions that begin meanwhile.
class WriteLock {
public:
    explicit WriteLock(const std::filesystem::path& path) {
        sqlite3* db = nullptr;
        const int rc =
            sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
        db_.reset(db);
        check_sqlite(db, rc, "open the workspace to take a snapshot of it");
        sqlite3_busy_timeout(db, kBusyTimeoutMs);
        exec(db, "BEGIN IMMEDIATE");
    }
    ~WriteLock() { sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr); }
    WriteLock(const WriteLock&) = delete;
    WriteLock& operator=(const WriteLock&) = delete;

private:
    Connection db_;
};

int64_t latest_data_version(sqlite3* db) {
    Statement st(db, "SELECT coalesce(max(seq), 0) FROM data_versions");
    st.step();
    return st.integer(0);
}

}  // namespace

DataSnapshot::DataSnapshot(sqlite3* main, ReadConnectionPool& pool, size_t readers) : main_(main) {
    const char* file = sqlite3_db_filename(main, "main");
    if (!file || !*file) {  // in memory: no other connection can see it or change it
        version_ = latest_data_version(main);
        return;
    }
    const WriteLock lock(file);
    exec(main, "BEGIN");
    try {
        version_ = latest_data_version(main);  // the first read: main's snapshot begins here
        pool.pin(readers);
        fingerprint_reader_ = std::make_unique<ReadConnection>(file);
        fingerprint_reader_->begin_snapshot();
    } catch (...) {
        sqlite3_exec(main, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

DataSnapshot::~DataSnapshot() {
    if (!sqlite3_get_autocommit(main_)) sqlite3_exec(main_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void DataSnapshot::end_on_main() {
    if (!sqlite3_get_autocommit(main_)) exec(main_, "ROLLBACK");
}

}  // namespace merit
