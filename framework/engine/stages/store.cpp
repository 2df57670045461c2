#include "engine/stages/store.hpp"

#include <string>

#include "engine/run_store.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

// Storing a large run writes millions of rows (results and trace) in one
// transaction; with SQLite's default 2 MB page cache the dirty pages spill to
// the WAL again and again before the commit. A bigger cache for the write,
// given back afterwards.
class WriteCache {
public:
    explicit WriteCache(sqlite3* db) : db_(db) {
        Statement read(db, "PRAGMA cache_size");
        read.step();
        previous_ = read.integer(0);
        exec(db_, "PRAGMA cache_size = -131072");
    }
    ~WriteCache() {
        sqlite3_exec(db_, ("PRAGMA cache_size = " + std::to_string(previous_)).c_str(), nullptr, nullptr,
                     nullptr);
    }
    WriteCache(const WriteCache&) = delete;
    WriteCache& operator=(const WriteCache&) = delete;

private:
    sqlite3* db_;
    int64_t previous_ = 0;
};

}  // namespace

void store_run(Workspace& ws, RunResult& result) {
    WriteCache cache(ws.db());
    save_run(ws.db(), result);
}

}  // namespace merit
