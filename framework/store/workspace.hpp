// A workspace: one SQLite file holding the organisation, the input data and
// every evaluation run. Opening it migrates the schema forward.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <memory>

namespace merit {

struct ConnectionCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

// How long a command waits for another merit command writing the same
// workspace before it gives up with a line saying so (check_sqlite).
inline constexpr int kBusyTimeoutMs = 5000;

class Workspace {
public:
    // `merit init`: creates a new workspace, mode 0600 whatever the umask (its
    // -wal/-shm files follow); refuses to overwrite a file.
    static Workspace create(const std::filesystem::path& path);
    // Opens an existing workspace, migrating an older schema forward. A
    // workspace written by a newer Merit is refused with both versions named;
    // a file that is not a workspace (empty, not SQLite, no Merit schema) is
    // refused with one line and left byte-for-byte unchanged.
    static Workspace open(const std::filesystem::path& path);

    sqlite3* db() const { return db_.get(); }
    const std::filesystem::path& path() const { return path_; }
    int schema_version() const;

    // Another connection to this workspace, set up like db(), but opened
    // SQLITE_OPEN_NOMUTEX: SQLite then takes no lock on each call, and a bulk
    // import makes several calls per row. The caller must never use it from
    // two threads at once; handing it from one thread to another is fine.
    Connection open_unlocked_connection() const;

private:
    Workspace(std::filesystem::path path, sqlite3* db);
    std::filesystem::path path_;
    Connection db_;
};

}  // namespace merit
